using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Import;

/// <summary>A row that was not imported, and why.</summary>
public sealed record ImportRowError(int Line, IReadOnlyList<FieldError> Errors);

/// <summary>The outcome of an import: the cards created (in row order, with their lines), rows refused, and notes.</summary>
public sealed record CardImportReport(IReadOnlyList<(int Line, Guid CardId)> Created, IReadOnlyList<ImportRowError> Failed, IReadOnlyList<string> Notes);

/// <summary>How an import treats imperfect rows.</summary>
public sealed record CardImportOptions
{
    /// <summary>A phone or e-mail that fails its format rule is left out (and noted) instead of refusing the whole row.</summary>
    public bool LeaveOutInvalidContacts { get; init; }

    /// <summary>The country of rows without a Country column (ISO code, e.g. "AU"): their phones are read as its numbers.</summary>
    public string? DefaultRegion { get; init; }

    /// <summary>Rows saved per transaction.</summary>
    public int BatchSize { get; init; } = 500;
}

/// <summary>
/// Creates cards from many rows at once through the same rules as the card form: every row is validated by
/// <see cref="CardDraftValidator"/> and built by <see cref="CustomerCard.Create"/> with its blocking keys and a
/// <c>card.created</c> audit entry, like <see cref="CustomerCardService.CreateAsync"/>, but with one validation context
/// and one transaction per batch. Rows that fail validation are reported and skipped.
/// </summary>
public sealed class CardImportService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, CardChangeNotifier notifier, CustomerCardService cards)
{
    /// <summary>PRODUCT.md C5: team leads import for their team, Admins for everyone.</summary>
    public static bool CanImport(Actor actor) => actor.IsInAny(Role.TeamLead, Role.Admin);

    public async Task<CommandResult<CardImportReport>> ImportAsync(Actor actor, IEnumerable<CardRow> rows, CardImportOptions? options = null, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (!CanImport(actor))
        {
            return CommandResult<CardImportReport>.From(CommandResult.Forbidden("Your role cannot import cards."));
        }

        options ??= new CardImportOptions();
        var created = new List<(int, Guid)>();
        var failed = new List<ImportRowError>();
        var notes = new List<string>();
        foreach (var batch in rows.Chunk(Math.Max(1, options.BatchSize)))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var contexts = new Dictionary<Guid, CardValidationContext>();
            var number = await db.Cards.MaxAsync(c => (long?)c.Number, ct) ?? 0;
            var now = clock.GetUtcNow().UtcDateTime;
            var batchCards = new List<CustomerCard>();
            foreach (var row in batch)
            {
                var ownerId = row.Draft.OwnerId ?? actor.StaffId;
                if (!contexts.TryGetValue(ownerId, out var context))
                {
                    context = contexts[ownerId] = await cards.BuildValidationContextAsync(db, ownerId, null, ct);
                }

                notes.AddRange(row.Notes.Select(n => $"line {row.Line}: {n}"));
                row.Draft.Country ??= options.DefaultRegion;
                var (values, errors) = Validate(row, context, options, notes);
                if (errors.Count == 0 && !CardAccess.CanAssignTo(actor, values!.Owner.Id, values.Owner.TeamId) && !actor.IsIn(Role.Admin))
                {
                    errors = [new FieldError(nameof(CardDraft.OwnerId), "owner.forbidden", "You can assign cards only to yourself or members of your team.")];
                }

                if (errors.Count > 0)
                {
                    failed.Add(new ImportRowError(row.Line, errors));
                    continue;
                }

                var stage = LifecycleRules.IsValidInitial(row.Draft.Stage) ? row.Draft.Stage : LifecycleStage.Prospect;
                var card = CustomerCard.Create(Guid.CreateVersion7(), ++number, values!, stage, actor.StaffId, now);
                db.Cards.Add(card);
                CardMatchIndex.AddNew(db, card);
                AuditLog.Record(db, actor, now, "card.created", "CustomerCard", card.Code, $"Imported {card.Kind} card {card.Code} {card.DisplayName} (line {row.Line.ToString(CultureInfo.InvariantCulture)})",
                    AuditEntry.Diff(new Dictionary<string, string?>(), card.Snapshot()));
                created.Add((row.Line, card.Id));
                batchCards.Add(card);
            }

            await Quality.QualityScoring.ScoreAsync(db, batchCards, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            foreach (var card in batchCards)
            {
                notifier.Publish(CardChange.Of(card, CardChangeKind.Created, actor));
            }

            progress?.Report(created.Count + failed.Count);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, "cards.imported", "Import", actor.StaffId.ToString(),
                $"Imported {created.Count} cards; {failed.Count} rows refused");
            await db.SaveChangesAsync(ct);
        }

        return new CardImportReport(created, failed, notes);
    }

    private static (CardValues? Values, IReadOnlyList<FieldError> Errors) Validate(CardRow row, CardValidationContext context, CardImportOptions options, List<string> notes)
    {
        var result = CardDraftValidator.Validate(row.Draft, context);
        if (result.Errors.Count == 0 || !options.LeaveOutInvalidContacts
            || !result.Errors.All(e => e.Code is PhoneNumber.InvalidCode or PhoneNumber.OtherCountryCode or "email.invalid"))
        {
            return result;
        }

        // Keep the customer, leave out the contact values that cannot be read.
        var invalid = result.Errors.Select(e => e.Field).ToHashSet();
        var draft = row.Draft;
        var kept = new CardDraft
        {
            Kind = draft.Kind, Name = draft.Name, Company = draft.Company, Title = draft.Title, Address = draft.Address, Postcode = draft.Postcode, Country = draft.Country,
            DateOfBirth = draft.DateOfBirth, OwnerId = draft.OwnerId, Stage = draft.Stage, IndustryId = draft.IndustryId, RegionId = draft.RegionId,
            SourceChannelId = draft.SourceChannelId, NextFollowUp = draft.NextFollowUp, SpecialNeeds = draft.SpecialNeeds,
            InterestIds = draft.InterestIds, TagIds = draft.TagIds, CustomFields = draft.CustomFields,
            Phones = [.. draft.Phones.Where((_, i) => !invalid.Contains(CardDraft.PhoneField(i)))],
            Emails = [.. draft.Emails.Where((_, i) => !invalid.Contains(CardDraft.EmailField(i)))],
        };
        notes.AddRange(result.Errors.Select(e => $"line {row.Line}: {e.Message} Left out."));
        return CardDraftValidator.Validate(kept, context);
    }
}
