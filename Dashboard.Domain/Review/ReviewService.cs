using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Review;

/// <summary>
/// The review queue (maker–checker, PRODUCT.md C3): Admins switch it; TeamLeads of the card's team (and Admins)
/// approve or reject pending changes, never their own. An approval re-validates the proposed values against the
/// card as it is now and applies them like an edit; each decision is audited, tells the maker and publishes a
/// <see cref="CardChange"/>.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    CardChangeNotifier notifier,
    CustomerCardService cards,
    CustomerCardQueries queries)
{
    public const string SwitchedAction = "review.switched";
    public const string ApprovedAction = "review.approved";
    public const string RejectedAction = "review.rejected";

    public async Task<bool> IsEnabledAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ReviewSettings>().AnyAsync(s => s.Enabled, ct);
    }

    /// <summary>Switches the queue on or off (Admins); changes already pending stay in the queue.</summary>
    public async Task<CommandResult> SetEnabledAsync(Actor actor, bool enabled, CancellationToken ct = default)
    {
        if (!ReviewAccess.CanSwitch(actor))
        {
            return CommandResult.Forbidden("Only an Admin can switch the review queue.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Set<ReviewSettings>().SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = ReviewSettings.Create();
            db.Add(settings);
        }

        if (settings.Enabled == enabled && settings.UpdatedAt is not null)
        {
            return CommandResult.Ok();
        }

        var before = settings.Enabled;
        var now = clock.GetUtcNow().UtcDateTime;
        settings.Switch(enabled, actor.StaffId, now);
        AuditLog.Record(db, actor, now, SwitchedAction, nameof(ReviewSettings), ReviewSettings.SingletonId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            enabled ? "Review queue switched on" : "Review queue switched off",
            [new FieldChange(nameof(ReviewSettings.Enabled), before.ToString(), enabled.ToString())]);
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>The pending changes the actor decides: a team lead's team's. Oldest first.</summary>
    public async Task<IReadOnlyList<PendingChangeView>> ListPendingAsync(Actor actor, CancellationToken ct = default)
    {
        if (!ReviewAccess.CanReview(actor))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cardIds = Decidable(db, actor).Select(c => c.Id);
        return await ViewsAsync(db, actor, db.Set<PendingChange>().Where(p => cardIds.Contains(p.CardId)), ct);
    }

    /// <summary>How many changes wait for the actor, for the navigation badge.</summary>
    public async Task<int> CountPendingAsync(Actor actor, CancellationToken ct = default)
    {
        if (!ReviewAccess.CanReview(actor))
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cardIds = Decidable(db, actor).Select(c => c.Id);
        var me = actor.StaffId;
        return await db.Set<PendingChange>().CountAsync(p => p.Status == PendingChangeStatus.Pending && p.MakerId != me && cardIds.Contains(p.CardId), ct);
    }

    /// <summary>The changes pending on one card, for its page; empty when the actor cannot see the card.</summary>
    public async Task<IReadOnlyList<PendingChangeView>> ListForCardAsync(Actor actor, Guid cardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Cards.Where(CardAccess.VisibleCards(actor)).Where(c => c.Id == cardId).Select(c => c.Id);
        return await ViewsAsync(db, actor, db.Set<PendingChange>().Where(p => visible.Contains(p.CardId)), ct);
    }

    public async Task<CommandResult> ApproveAsync(Actor actor, Guid pendingId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (pending, card, refusal) = await LoadForDecisionAsync(db, actor, pendingId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kind = CardChangeKind.Updated;
        List<FieldChange> changes = [];
        switch (pending!.Kind)
        {
            case PendingChangeKind.ContactPoints:
                var applied = await ApplyContactPointsAsync(db, actor, pending, card!, now, ct);
                if (!applied.Succeeded)
                {
                    return applied;
                }

                changes = applied.Value!;
                break;
            case PendingChangeKind.TierOverride:
                var tier = pending.ProposedTier!;
                var before = (card!.Tier, card.TierReason);
                pending.Approve(actor.StaffId, now);
                card.SetTier(tier.Tier, tier.Reason, ReviewGate.Approved(pending, card, null), actor.StaffId, now);
                changes = [new FieldChange(nameof(CustomerCard.Tier), before.Tier?.ToString(), tier.Tier.ToString()), new FieldChange(nameof(CustomerCard.TierReason), before.TierReason, tier.Reason)];
                kind = CardChangeKind.TierChanged;
                break;
            case PendingChangeKind.NewCard:
            default:
                break;
        }

        if (pending.Status == PendingChangeStatus.Pending)
        {
            pending.Approve(actor.StaffId, now);
        }

        AuditLog.Record(db, actor, now, ApprovedAction, "CustomerCard", card!.Code, $"Approved {Describe(pending.Kind)} on {card.Code}", changes);
        Notify(db, pending, card, actor, now, approved: true);
        return await SaveAsync(db, actor, card, kind, now, ct);
    }

    /// <summary>Rejects a pending change with a required reason; nothing of it is applied. A rejected new card stays, no longer marked pending.</summary>
    public async Task<CommandResult> RejectAsync(Actor actor, Guid pendingId, string? reason, CancellationToken ct = default)
    {
        if (TextInput.Check("Reason", reason) is { } refused)
        {
            return CommandResult.Invalid([refused]);
        }

        var clean = TextNormalizer.Clean(reason);
        if (clean is null)
        {
            return CommandResult.Invalid("Reason", "review.reason-required", "Give a reason for rejecting the change.");
        }

        if (clean.Length > PendingChange.ReasonMaxLength)
        {
            return CommandResult.Invalid("Reason", "text.too-long", $"Must be at most {PendingChange.ReasonMaxLength} characters.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (pending, card, refusal) = await LoadForDecisionAsync(db, actor, pendingId, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        pending!.Reject(actor.StaffId, now, clean);
        AuditLog.Record(db, actor, now, RejectedAction, "CustomerCard", card!.Code, $"Rejected {Describe(pending.Kind)} on {card.Code}: {clean}",
            [new FieldChange("Reason", null, clean)]);
        Notify(db, pending, card, actor, now, approved: false);
        return await SaveAsync(db, actor, card, CardChangeKind.Updated, now, ct);
    }

    private static IQueryable<CustomerCard> Decidable(DashboardDbContext db, Actor actor)
    {
        var teamId = actor.TeamId;
        return teamId is null ? db.Cards.Where(_ => false) : db.Cards.Where(c => c.TeamId == teamId);
    }

    private static string Describe(PendingChangeKind kind) => kind switch
    {
        PendingChangeKind.NewCard => "new card",
        PendingChangeKind.ContactPoints => "contact point change",
        _ => "tier change",
    };

    private static async Task<IReadOnlyList<PendingChangeView>> ViewsAsync(DashboardDbContext db, Actor actor, IQueryable<PendingChange> changes, CancellationToken ct)
    {
        var pending = await changes.AsNoTracking().Where(p => p.Status == PendingChangeStatus.Pending).OrderBy(p => p.MadeAt).ToListAsync(ct);
        var cardIds = pending.Select(p => p.CardId).Distinct().ToList();
        var cardsById = await db.Cards.AsNoTracking().Include(c => c.ContactPoints).Where(c => cardIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var makerIds = pending.Select(p => p.MakerId).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => makerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        return pending.Select(p =>
        {
            var card = cardsById[p.CardId];
            var masked = !CardAccess.CanSeeContactsUnmasked(actor, card.OwnerId, card.TeamId);
            IReadOnlyList<ProposedContact> Show(IEnumerable<ProposedContact> contacts) =>
                contacts.Select(c => masked ? c with { Value = ContactMasking.Mask(c.Kind, c.Value) } : c).ToList();
            return new PendingChangeView(p.Id, card.Id, card.Code, card.DisplayName, p.Kind, p.MakerId, names.GetValueOrDefault(p.MakerId) ?? "Former staff member", p.MadeAt,
                Show(ReviewGate.Current(card)), Show(p.ProposedContacts), card.Tier, p.ProposedTier,
                ReviewAccess.CanDecide(actor, card.TeamId) && p.MakerId != actor.StaffId);
        }).ToList();
    }

    private static async Task<(PendingChange? Pending, CustomerCard? Card, CommandResult? Refusal)> LoadForDecisionAsync(DashboardDbContext db, Actor actor, Guid pendingId, CancellationToken ct)
    {
        if (!ReviewAccess.CanReview(actor))
        {
            return (null, null, CommandResult.Forbidden("Only a TeamLead of the card's team or an Admin can approve or reject changes."));
        }

        var pending = await db.Set<PendingChange>().SingleOrDefaultAsync(p => p.Id == pendingId, ct);
        if (pending is null)
        {
            return (null, null, CommandResult.NotFound("The pending change does not exist."));
        }

        var card = await db.Cards
            .Include(c => c.ContactPoints)
            .Include(c => c.Tags)
            .Include(c => c.Interests)
            .Include(c => c.CustomFieldValues).ThenInclude(v => v.Field)
            .Include(c => c.Industry)
            .Include(c => c.Region)
            .Include(c => c.SourceChannel)
            .Include(c => c.Owner)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == pending.CardId, ct);
        if (card is null)
        {
            return (null, null, CommandResult.NotFound());
        }

        if (!ReviewAccess.CanDecide(actor, card.TeamId))
        {
            return (null, null, CommandResult.Forbidden("Only a TeamLead of the card's team or an Admin can approve or reject this change."));
        }

        if (pending.MakerId == actor.StaffId)
        {
            return (null, null, CommandResult.Forbidden("You cannot approve or reject your own change; another person must check it."));
        }

        if (pending.Status != PendingChangeStatus.Pending)
        {
            return (null, null, CommandResult.Conflict("This change was approved or rejected already."));
        }

        if (card.MergedIntoId is not null)
        {
            return (null, null, CommandResult.Conflict("This card was merged into another one; reject the change and ask for it on that card."));
        }

        return (pending, card, null);
    }

    /// <summary>
    /// Applies the proposed contact points through the card validation, as an edit would; refused when the contact points
    /// changed since the proposal (someone else's change would be overwritten).
    /// </summary>
    private async Task<CommandResult<List<FieldChange>>> ApplyContactPointsAsync(DashboardDbContext db, Actor actor, PendingChange pending, CustomerCard card, DateTime now, CancellationToken ct)
    {
        if (!ReviewGate.SameContacts(ReviewGate.Current(card), pending.BaseContacts))
        {
            return CommandResult<List<FieldChange>>.From(CommandResult.Conflict(
                "The card's contact points were changed after this proposal was made. Reject it and ask the maker to propose the change again on the current values."));
        }

        var details = await queries.GetAsync(actor, card.Id, ct);
        if (!details.Succeeded || details.Value!.DetailsVersion != card.DetailsVersion)
        {
            return CommandResult<List<FieldChange>>.From(CommandResult.Conflict("The card changed while the change was being approved; try again."));
        }

        var draft = details.Value.ToDraft();
        ContactPointDraft Draft(ProposedContact c) => new() { Id = c.Id, Label = c.Label, Value = c.Value, IsPrimary = c.IsPrimary };
        draft.Phones = pending.ProposedContacts.Where(c => c.Kind == ContactKind.Phone).Select(Draft).ToList();
        draft.Emails = pending.ProposedContacts.Where(c => c.Kind == ContactKind.Email).Select(Draft).ToList();
        var context = await cards.BuildValidationContextAsync(db, card.OwnerId, card, ct);
        var (values, errors) = CardDraftValidator.Validate(draft, context);
        if (errors.Count > 0)
        {
            return CommandResult<List<FieldChange>>.From(CommandResult.Invalid(errors));
        }

        var before = card.Snapshot();
        pending.Approve(actor.StaffId, now);
        card.UpdateDetails(values!, ReviewGate.Approved(pending, card, values!.ContactPoints), actor.StaffId, now);
        await Duplicates.CardMatchIndex.UpdateAsync(db, card, ct);
        return AuditEntry.Diff(before, card.Snapshot()).ToList();
    }

    private static void Notify(DashboardDbContext db, PendingChange pending, CustomerCard card, Actor checker, DateTime now, bool approved)
    {
        var text = (pending.Kind, approved) switch
        {
            (PendingChangeKind.NewCard, true) => "{0} approved your new card {1}.",
            (PendingChangeKind.ContactPoints, true) => "{0} approved your contact point change on {1}.",
            (PendingChangeKind.TierOverride, true) => "{0} approved your tier change on {1}.",
            (PendingChangeKind.NewCard, false) => "{0} rejected your new card {1}: {2}",
            (PendingChangeKind.ContactPoints, false) => "{0} rejected your contact point change on {1}: {2}",
            _ => "{0} rejected your tier change on {1}: {2}",
        };
        string[] args = approved ? [checker.DisplayName, card.Code] : [checker.DisplayName, card.Code, pending.Reason!];
        db.Set<Notification>().Add(Notification.Create(pending.MakerId, text, args, $"customers/{card.Id}", now));
    }

    private async Task<CommandResult> SaveAsync(DashboardDbContext db, Actor actor, CustomerCard card, CardChangeKind kind, DateTime now, CancellationToken ct) =>
        await CardSave.CommitAsync(db, notifier, actor, card, kind, now, "Someone else changed this card or decided this change meanwhile. Reload the queue and try again.", ct)
        ?? CommandResult.Ok();
}
