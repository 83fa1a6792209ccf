using System.Text.Json;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Duplicates;

/// <summary>A merge just made: the journal to undo it with.</summary>
public sealed record MergeOutcome(Guid JournalId, Guid SurvivorId, string SurvivorCode);

/// <summary>
/// Merges two cards of one customer and undoes merges. A merge validates the chosen values with the card rules,
/// requires merge rights on both cards, moves the merged card's interactions, purchases, remarks and stage moves to
/// the survivor, marks the merged card as merged (hidden, kept), closes their duplicate suspicions, writes a
/// <see cref="MergeJournal"/> and audit entries for both cards in the same save, and then publishes both changes.
/// Undo puts both cards back exactly, as long as nobody edited the survivor's sections since.
/// </summary>
public sealed class MergeService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, CardChangeNotifier notifier, CustomerCardService cards)
{
    /// <summary>PRODUCT.md C5: Admins merge any cards; a team lead merges their team's cards; Sales only propose.</summary>
    public static bool CanMerge(Actor actor, Guid ownerA, Guid? teamA, Guid ownerB, Guid? teamB) =>
        actor.IsIn(Role.Admin)
        || (actor.IsIn(Role.TeamLead) && CardAccess.CanEditCard(actor, ownerA, teamA) && CardAccess.CanEditCard(actor, ownerB, teamB));

    public async Task<CommandResult<MergeOutcome>> MergeAsync(Actor actor, MergeRequest request, CancellationToken ct = default)
    {
        if (request.SurvivorId == request.OtherId)
        {
            return Fail(CommandResult.Invalid("OtherId", "merge.same-card", "A card cannot be merged into itself."));
        }

        await using var db = await OpenAsync(ct);
        var survivor = await LoadAsync(db, request.SurvivorId, ct);
        var other = await LoadAsync(db, request.OtherId, ct);
        if (survivor is null || other is null)
        {
            return Fail(CommandResult.NotFound());
        }

        if (!CanMerge(actor, survivor.OwnerId, survivor.TeamId, other.OwnerId, other.TeamId))
        {
            return Fail(CommandResult.Forbidden("Only a team lead of both cards' team, or an Admin, can merge them."));
        }

        if (survivor.MergedIntoId is not null || other.MergedIntoId is not null)
        {
            return Fail(CommandResult.Conflict("One of the cards was already merged into another."));
        }

        var draft = MergedDraft(survivor, other, request);
        var context = await cards.BuildValidationContextAsync(db, draft.OwnerId!.Value, survivor, ct);
        var (values, errors) = CardDraftValidator.Validate(draft, context);
        if (errors.Count > 0)
        {
            return Fail(CommandResult.Invalid(errors));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = survivor.Snapshot();
        var sections = SectionsOf(survivor);
        // Merging is a checker's act (team leads, Admins); the gate is asked all the same, like every other path.
        var (cleared, _, clearance) = await Review.ReviewGate.HoldContactPointsAsync(db, actor, survivor, values!, now, ct);
        survivor.UpdateDetails(cleared, clearance, actor.StaffId, now);
        var moved = survivor.TakeOver(other, actor.StaffId, now);
        other.MarkMerged(survivor.Id, actor.StaffId, now);
        await CardMatchIndex.UpdateAsync(db, survivor, ct);
        await CardMatchIndex.UpdateAsync(db, other, ct);

        var closed = await db.DuplicateCandidates
            .Where(c => c.Status == DuplicateStatus.Open && (c.CardAId == other.Id || c.CardBId == other.Id || c.Id == request.CandidateId))
            .ToListAsync(ct);
        foreach (var candidate in closed)
        {
            candidate.Decide(DuplicateStatus.Merged, actor.StaffId, now);
        }

        var state = new MergeState(sections, moved, survivor.DetailsVersion, [.. closed.Select(c => c.Id)]);
        var journal = new MergeJournal(Guid.NewGuid(), survivor.Id, other.Id, request.CandidateId, now, actor.StaffId, actor.DisplayName, JsonSerializer.Serialize(state));
        db.MergeJournals.Add(journal);
        var movedText = $"{moved.Interactions.Count} interactions, {moved.Purchases.Count} purchases, {moved.Remarks.Count} remarks, {moved.StageTransitions.Count} stage moves";
        AuditLog.Record(db, actor, now, "card.merged", "CustomerCard", survivor.Code, $"Merged {other.Code} into {survivor.Code}: moved {movedText}",
            [.. AuditEntry.Diff(before, survivor.Snapshot()), new FieldChange("MergedFrom", null, other.Code)]);
        AuditLog.Record(db, actor, now, "card.merged-away", "CustomerCard", other.Code, $"Merged into {survivor.Code}", [new FieldChange("MergedInto", null, survivor.Code)]);
        await Quality.QualityScoring.ScoreAsync(db, [survivor, other], now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail(CommandResult.Conflict("One of the cards changed while merging; open them again and retry."));
        }

        Publish(survivor, other, CardChangeKind.Merged, actor);
        return new MergeOutcome(journal.Id, survivor.Id, survivor.Code);
    }

    /// <summary>The merge that hid <paramref name="mergedCardId"/> and can still be undone, if any.</summary>
    public async Task<Guid?> UndoableMergeOfAsync(Guid mergedCardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MergeJournals.Where(j => j.MergedId == mergedCardId && j.UndoneAt == null)
            .OrderByDescending(j => j.MergedAt).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<CommandResult> UndoAsync(Actor actor, Guid journalId, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var journal = await db.MergeJournals.SingleOrDefaultAsync(j => j.Id == journalId, ct);
        if (journal is null)
        {
            return CommandResult.NotFound("The merge does not exist.");
        }

        if (journal.UndoneAt is not null)
        {
            return CommandResult.Conflict("This merge was already undone.");
        }

        var survivor = await LoadAsync(db, journal.SurvivorId, ct);
        var other = await LoadAsync(db, journal.MergedId, ct);
        if (survivor is null || other is null)
        {
            return CommandResult.NotFound();
        }

        if (!CanMerge(actor, survivor.OwnerId, survivor.TeamId, other.OwnerId, other.TeamId))
        {
            return CommandResult.Forbidden("Only a team lead of both cards' team, or an Admin, can undo their merge.");
        }

        var state = JsonSerializer.Deserialize<MergeState>(journal.StateJson)!;
        if (survivor.DetailsVersion != state.SurvivorDetailsVersionAfter)
        {
            return CommandResult.Conflict("The surviving card was edited after the merge; undoing it would lose those edits. Change the cards by hand instead.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = survivor.Snapshot();
        survivor.RestoreSections(await ValuesOfAsync(db, state.SurvivorBefore, ct), state.SurvivorBefore.ContactPoints, actor.StaffId, now);
        survivor.GiveBack(other, state.Moved, actor.StaffId, now);
        other.Unmerge(actor.StaffId, now);
        await CardMatchIndex.UpdateAsync(db, survivor, ct);
        await CardMatchIndex.UpdateAsync(db, other, ct);
        foreach (var candidate in await db.DuplicateCandidates.Where(c => state.ClosedCandidates.Contains(c.Id)).ToListAsync(ct))
        {
            candidate.Reopen();
        }

        journal.MarkUndone(actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.merge-undone", "CustomerCard", survivor.Code, $"Undid the merge of {other.Code} into {survivor.Code}",
            [.. AuditEntry.Diff(before, survivor.Snapshot()), new FieldChange("MergedFrom", other.Code, null)]);
        AuditLog.Record(db, actor, now, "card.merge-undone", "CustomerCard", other.Code, $"Restored from the merge into {survivor.Code}", [new FieldChange("MergedInto", survivor.Code, null)]);
        await Quality.QualityScoring.ScoreAsync(db, [survivor, other], now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict("One of the cards changed meanwhile; open them again and retry.");
        }

        Publish(survivor, other, CardChangeKind.MergeUndone, actor);
        return CommandResult.Ok();
    }

    /// <summary>The survivor's sections with the chosen values of the other card.</summary>
    internal static CardDraft MergedDraft(CustomerCard survivor, CustomerCard other, MergeRequest request)
    {
        var (mine, theirs) = (survivor.ToDraft(), other.ToDraft());
        foreach (var field in Enum.GetValues<MergeField>())
        {
            var side = request.Choices.TryGetValue(field, out var chosen)
                ? chosen
                : MergeRequest.ValueOf(field, mine) is null or "" && MergeRequest.ValueOf(field, theirs) is not null ? MergeSide.Other : MergeSide.Survivor;
            if (side == MergeSide.Other)
            {
                MergeRequest.Copy(field, theirs, mine);
            }
        }

        if (mine.Kind == CardKind.Company)
        {
            mine.DateOfBirth = null;
        }

        mine.Phones = Contacts(mine.Phones, theirs.Phones, request.Phones);
        mine.Emails = Contacts(mine.Emails, theirs.Emails, request.Emails);
        mine.TagIds = [.. mine.TagIds.Union(theirs.TagIds)];
        mine.InterestIds = [.. mine.InterestIds.Union(theirs.InterestIds)];
        foreach (var (field, value) in theirs.CustomFields.Where(f => !string.IsNullOrWhiteSpace(f.Value)))
        {
            if (string.IsNullOrWhiteSpace(mine.CustomFields.GetValueOrDefault(field)))
            {
                mine.CustomFields[field] = value;
            }
        }

        return mine;
    }

    private static List<ContactPointDraft> Contacts(List<ContactPointDraft> mine, List<ContactPointDraft> theirs, ContactChoice choice)
    {
        // The other card's points are new on the survivor (no id); the survivor's keep theirs and stay primary.
        var others = theirs.Select(p => new ContactPointDraft { Label = p.Label, Value = p.Value, IsPrimary = false }).ToList();
        return choice switch
        {
            ContactChoice.Survivor => mine,
            ContactChoice.Other => theirs.Select(p => new ContactPointDraft { Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary }).ToList(),
            _ => [.. mine, .. others.Where(o => !mine.Any(m => m.Value == o.Value)).Take(Math.Max(0, ContactPoint.MaxPerKind - mine.Count))],
        };
    }

    private static SectionsState SectionsOf(CustomerCard card) => new(
        card.Kind, card.Name, card.Company, card.Title, card.IndustryId, card.RegionId, card.Address, card.Postcode, card.DateOfBirth,
        card.SourceChannelId, card.OwnerId, card.NextFollowUp, card.SpecialNeeds,
        [.. card.Interests.Select(i => i.Id)], [.. card.Tags.Select(t => t.Id)],
        [.. card.ContactPoints.Select(p => new ContactPointState(p.Id, p.Kind, p.Label, p.Value, p.IsPrimary, p.LastVerifiedOn))],
        card.CustomFieldValues.ToDictionary(v => v.FieldId, v => v.Value), card.Country);

    /// <summary>The recorded sections as card values, with the list entries, tags, owner and fields they refer to (tracked).</summary>
    private static async Task<CardValues> ValuesOfAsync(DashboardDbContext db, SectionsState s, CancellationToken ct)
    {
        var listIds = new[] { s.IndustryId, s.RegionId, s.SourceChannelId }.OfType<int>().Concat(s.InterestIds).ToList();
        var lists = await db.ListItems.Where(i => listIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var tags = await db.Tags.Where(t => s.TagIds.Contains(t.Id)).ToListAsync(ct);
        var owner = await db.Staff.SingleAsync(m => m.Id == s.OwnerId, ct);
        var fieldIds = s.CustomFields.Keys.ToList();
        var fields = await db.CustomFields.Where(f => fieldIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, ct);
        ReferenceData.ListItem? List(int? id) => id is { } value ? lists.GetValueOrDefault(value) : null;
        return new CardValues(
            s.Kind, s.Name, s.Company, s.Title, List(s.IndustryId), List(s.RegionId), s.Address, List(s.SourceChannelId), owner,
            s.NextFollowUp, s.SpecialNeeds, [.. s.InterestIds.Select(id => lists[id])], tags, [],
            [.. s.CustomFields.Where(f => fields.ContainsKey(f.Key)).Select(f => (fields[f.Key], f.Value))])
        {
            Postcode = s.Postcode,
            Country = s.Country,
            DateOfBirth = s.DateOfBirth,
        };
    }

    private static Task<CustomerCard?> LoadAsync(DashboardDbContext db, Guid id, CancellationToken ct) =>
        db.Cards
            .Include(c => c.ContactPoints)
            .Include(c => c.Tags)
            .Include(c => c.Interests)
            .Include(c => c.CustomFieldValues).ThenInclude(v => v.Field)
            .Include(c => c.Industry)
            .Include(c => c.Region)
            .Include(c => c.SourceChannel)
            .Include(c => c.Owner)
            .Include(c => c.Interactions)
            .Include(c => c.Purchases)
            .Include(c => c.Remarks).ThenInclude(r => r.Versions)
            .Include(c => c.StageHistory)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// A context in which children moved from one card to the other are re-parented, not deleted: by default EF deletes
    /// a child as soon as it leaves its card's list (and cascades to a remark's versions) before it reaches the other.
    /// </summary>
    private async Task<DashboardDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.DeleteOrphansTiming = Microsoft.EntityFrameworkCore.ChangeTracking.CascadeTiming.OnSaveChanges;
        db.ChangeTracker.CascadeDeleteTiming = Microsoft.EntityFrameworkCore.ChangeTracking.CascadeTiming.OnSaveChanges;
        return db;
    }

    private static CommandResult<MergeOutcome> Fail(CommandResult failure) => CommandResult<MergeOutcome>.From(failure);

    private void Publish(CustomerCard survivor, CustomerCard other, CardChangeKind kind, Actor actor)
    {
        notifier.Publish(CardChange.Of(survivor, kind, actor));
        notifier.Publish(CardChange.Of(other, kind, actor));
    }
}

/// <summary>The editable sections of a card as they were, by id, for undoing a merge.</summary>
internal sealed record SectionsState(
    CardKind Kind,
    string? Name,
    string? Company,
    string? Title,
    int? IndustryId,
    int? RegionId,
    string? Address,
    string? Postcode,
    DateOnly? DateOfBirth,
    int? SourceChannelId,
    Guid OwnerId,
    DateOnly? NextFollowUp,
    string? SpecialNeeds,
    IReadOnlyList<int> InterestIds,
    IReadOnlyList<int> TagIds,
    IReadOnlyList<ContactPointState> ContactPoints,
    IReadOnlyDictionary<int, string> CustomFields,
    string? Country = null);

/// <summary>What <see cref="MergeJournal.StateJson"/> holds.</summary>
internal sealed record MergeState(SectionsState SurvivorBefore, MovedChildren Moved, int SurvivorDetailsVersionAfter, IReadOnlyList<Guid> ClosedCandidates);
