using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Customers;

/// <summary>
/// The one write path for customer cards. Every command validates, authorises, saves together
/// with its audit entry, and then publishes a <see cref="CardChange"/>. A failed command writes nothing.
/// </summary>
public sealed class CustomerCardService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    CardChangeNotifier notifier,
    IOptions<DashboardOptions> options)
{
    private const int NumberRetries = 5;
    private const int SqliteUniqueConstraint = 2067;
    private static readonly string[] CurrencyCodes = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .OfType<string>().Distinct().ToArray();

    public async Task<CommandResult<CardRef>> CreateAsync(Actor actor, CardDraft draft, CancellationToken ct = default)
    {
        if (!CardAccess.CanCreateCards(actor))
        {
            return CommandResult<CardRef>.From(CommandResult.Forbidden("Your role cannot create customer cards."));
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var context = await BuildValidationContextAsync(db, draft.OwnerId ?? actor.StaffId, null, ct);
            var (values, errors) = CardDraftValidator.Validate(draft, context);
            if (!LifecycleRules.IsValidInitial(draft.Stage))
            {
                errors = [.. errors, new FieldError(nameof(CardDraft.Stage), "stage.initial", "A new card starts as Prospect or New.")];
            }

            if (errors.Count > 0)
            {
                return CommandResult<CardRef>.From(CommandResult.Invalid(errors));
            }

            if (!CardAccess.CanAssignTo(actor, values!.Owner.Id, values.Owner.TeamId))
            {
                return CommandResult<CardRef>.From(CommandResult.Invalid(nameof(CardDraft.OwnerId), "owner.forbidden", "You can assign cards only to yourself or members of your team."));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            // The number is read and used in one write transaction (SQLite: BEGIN IMMEDIATE), so concurrent creates
            // queue for it instead of colliding on the same number; the retry stays for writers outside this service.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var number = (await db.Cards.MaxAsync(c => (long?)c.Number, ct) ?? 0) + 1;
            var card = CustomerCard.Create(Guid.CreateVersion7(), number, values, draft.Stage, actor.StaffId, now);
            db.Cards.Add(card);
            await Review.ReviewGate.HoldNewCardAsync(db, actor, card, now, ct);
            await QualityScoring.ScoreAsync(db, card, now, ct);
            Duplicates.CardMatchIndex.AddNew(db, card);
            AuditLog.Record(db, actor, now, "card.created", "CustomerCard", card.Code, $"Created {card.Kind} card {card.Code} {card.DisplayName}", AuditEntry.Diff(new Dictionary<string, string?>(), card.Snapshot()));
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex) && attempt < NumberRetries)
            {
                // Another writer took the same number; take the next one.
                continue;
            }

            Publish(card, CardChangeKind.Created, actor);
            return new CardRef(card.Id, card.Code, card.Version);
        }
    }

    /// <summary>
    /// Saves the edited sections if nobody else changed them since the form was opened at
    /// <paramref name="expectedDetailsVersion"/> (<see cref="CardDetails.DetailsVersion"/>). Returns the new details version.
    /// </summary>
    public async Task<CommandResult<int>> UpdateAsync(Actor actor, Guid cardId, int expectedDetailsVersion, CardDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await LoadForEditAsync(db, cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion: null);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        if (card!.DetailsVersion != expectedDetailsVersion)
        {
            return CommandResult<int>.From(ConflictResult());
        }

        var context = await BuildValidationContextAsync(db, draft.OwnerId ?? card.OwnerId, card, ct);
        var (values, errors) = CardDraftValidator.Validate(draft, context);
        if (errors.Count > 0)
        {
            return CommandResult<int>.From(CommandResult.Invalid(errors));
        }

        if (values!.Owner.Id != card.OwnerId && !CardAccess.CanAssignTo(actor, values.Owner.Id, values.Owner.TeamId))
        {
            return CommandResult<int>.From(CommandResult.Invalid(nameof(CardDraft.OwnerId), "owner.forbidden", "You can assign cards only to yourself or members of your team."));
        }

        var before = card.Snapshot();
        var now = clock.GetUtcNow().UtcDateTime;

        // Under the review queue a Sales user's contact point changes wait for a TeamLead; the other fields save now.
        (values, var contactsHeld, var clearance) = await Review.ReviewGate.HoldContactPointsAsync(db, actor, card, values, now, ct);
        card.UpdateDetails(values, clearance, actor.StaffId, now);
        var changes = AuditEntry.Diff(before, card.Snapshot());
        if (changes.Count == 0 && !contactsHeld)
        {
            // Nothing changed: keep the version so that nobody else sees a conflict.
            return CommandResult<int>.Ok(expectedDetailsVersion);
        }

        if (changes.Count > 0)
        {
            AuditLog.Record(db, actor, now, "card.updated", "CustomerCard", card.Code, $"Updated {string.Join(", ", changes.Select(c => c.Field))}", changes);
        }

        await Duplicates.CardMatchIndex.UpdateAsync(db, card, ct);
        var saved = await SaveAsync(db, actor, card, CardChangeKind.Updated, ct);
        return saved.Succeeded ? CommandResult<int>.Ok(card.DetailsVersion) : saved;
    }

    public async Task<CommandResult<int>> ChangeStageAsync(Actor actor, Guid cardId, int expectedVersion, LifecycleStage to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        if (!LifecycleRules.CanMove(card!.Stage, to))
        {
            var allowed = string.Join(", ", LifecycleRules.NextStages(card.Stage));
            return CommandResult<int>.From(CommandResult.Invalid("Stage", "stage.transition", $"A {card.Stage} card can move only to: {allowed}."));
        }

        var from = card.Stage;
        var now = clock.GetUtcNow().UtcDateTime;
        card.MoveToStage(to, actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.stage-changed", "CustomerCard", card.Code, $"Stage {from} → {to}", [new FieldChange("Stage", from.ToString(), to.ToString())]);
        return await SaveAsync(db, actor, card, CardChangeKind.StageChanged, ct);
    }

    /// <summary>
    /// Sets the tier by hand with a required reason, overriding the computed tier until the override is cleared.
    /// Refused when the card already has that tier set by hand; setting the tier it has by computation pins it.
    /// </summary>
    public async Task<CommandResult<int>> SetTierAsync(Actor actor, Guid cardId, int expectedVersion, CustomerTier tier, string? reason, CancellationToken ct = default)
    {
        if (TextInput.Check("TierReason", reason) is { } refusedReason)
        {
            return CommandResult<int>.From(CommandResult.Invalid([refusedReason]));
        }

        var cleanReason = TextNormalizer.Clean(reason);
        if (cleanReason is null)
        {
            return CommandResult<int>.From(CommandResult.Invalid("TierReason", "tier.reason-required", "Give a reason for setting the tier by hand."));
        }

        if (ValidateTierReason(cleanReason) is { } tooLong)
        {
            return CommandResult<int>.From(tooLong);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        if (card!.TierSource == TierSource.Manual && card.Tier == tier)
        {
            return CommandResult<int>.From(CommandResult.Invalid("Tier", "tier.unchanged", $"The card already has tier {tier} set by hand; choose a different one."));
        }

        var before = (card.Tier, card.TierSource, card.TierReason);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await Review.ReviewGate.HoldTierAsync(db, actor, card, tier, cleanReason, now, ct) is not { } cleared)
        {
            // Waits for a TeamLead under the review queue: only the pending change and its audit entry are saved.
            return await SaveAsync(db, actor, card, CardChangeKind.TierChanged, ct);
        }

        card.SetTier(tier, cleanReason, cleared, actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.tier-set", "CustomerCard", card.Code, $"Tier set by hand to {tier}: {cleanReason}",
            TierChanges(before, card));
        return await SaveAsync(db, actor, card, CardChangeKind.TierChanged, ct);
    }

    /// <summary>Ends a manual tier override: the card takes its computed tier again. The reason is optional and audited when given.</summary>
    public async Task<CommandResult<int>> ClearTierOverrideAsync(Actor actor, Guid cardId, int expectedVersion, string? reason = null, CancellationToken ct = default)
    {
        if (TextInput.Check("TierReason", reason) is { } refusedReason)
        {
            return CommandResult<int>.From(CommandResult.Invalid([refusedReason]));
        }

        var cleanReason = TextNormalizer.Clean(reason);
        if (ValidateTierReason(cleanReason) is { } tooLong)
        {
            return CommandResult<int>.From(tooLong);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        if (card!.TierSource != TierSource.Manual)
        {
            return CommandResult<int>.From(CommandResult.Invalid("Tier", "tier.not-overridden", "The tier is not set by hand; it already follows the purchase history."));
        }

        var before = (card.Tier, card.TierSource, card.TierReason);
        var now = clock.GetUtcNow().UtcDateTime;
        card.ClearTierOverride(actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.tier-override-cleared", "CustomerCard", card.Code,
            $"Returned to the computed tier {card.Tier?.ToString() ?? "(none)"}{(cleanReason is null ? string.Empty : ": " + cleanReason)}",
            TierChanges(before, card));
        return await SaveAsync(db, actor, card, CardChangeKind.TierChanged, ct);
    }

    public async Task<CommandResult<int>> LogInteractionAsync(Actor actor, Guid cardId, InteractionDraft draft, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var summary = TextInput.CleanMultiline(draft.Summary, nameof(InteractionDraft.Summary), errors);
        var outcome = TextInput.CleanMultiline(draft.Outcome, nameof(InteractionDraft.Outcome), errors);
        var now = clock.GetUtcNow().UtcDateTime;
        if (summary is null && !errors.Any(e => e.Field == nameof(InteractionDraft.Summary)))
        {
            errors.Add(new(nameof(InteractionDraft.Summary), "interaction.summary-required", "Write a short summary of the interaction."));
        }
        else if (summary?.Length > Interaction.SummaryMaxLength)
        {
            errors.Add(new(nameof(InteractionDraft.Summary), "text.too-long", $"Must be at most {Interaction.SummaryMaxLength} characters."));
        }

        if (outcome is { Length: > Interaction.OutcomeMaxLength })
        {
            errors.Add(new(nameof(InteractionDraft.Outcome), "text.too-long", $"Must be at most {Interaction.OutcomeMaxLength} characters."));
        }

        // Times without a zone are taken as UTC, as the API documents; the UI converts from the display zone first.
        var occurredAt = draft.OccurredAt is { } at ? (at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime()) : now;
        if (occurredAt > now.AddMinutes(5))
        {
            errors.Add(new(nameof(InteractionDraft.OccurredAt), "interaction.future", "An interaction cannot be logged in the future; use the follow-up date instead."));
        }

        if (errors.Count > 0)
        {
            return CommandResult<int>.From(CommandResult.Invalid(errors));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion: null);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        var interaction = card!.LogInteraction(draft.Kind, occurredAt, summary!, outcome, actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.interaction-logged", "CustomerCard", card.Code, $"{interaction.Kind}: {summary}",
            [new FieldChange("Interaction", null, $"{interaction.Kind} at {occurredAt:yyyy-MM-dd HH:mm}Z: {summary}{(outcome is null ? string.Empty : " → " + outcome)}")]);
        return await SaveAsync(db, actor, card, CardChangeKind.InteractionLogged, ct);
    }

    public async Task<CommandResult<int>> RecordPurchaseAsync(Actor actor, Guid cardId, PurchaseDraft draft, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var product = TextInput.Clean(draft.Product, nameof(PurchaseDraft.Product), errors);
        var currency = TextInput.Clean(draft.Currency, nameof(PurchaseDraft.Currency), errors)?.ToUpperInvariant();
        if (product is null && !errors.Any(e => e.Field == nameof(PurchaseDraft.Product)))
        {
            errors.Add(new(nameof(PurchaseDraft.Product), "purchase.product-required", "Enter the product or service."));
        }
        else if (product?.Length > Purchase.ProductMaxLength)
        {
            errors.Add(new(nameof(PurchaseDraft.Product), "text.too-long", $"Must be at most {Purchase.ProductMaxLength} characters."));
        }

        if (draft.PurchasedOn is null)
        {
            errors.Add(new(nameof(PurchaseDraft.PurchasedOn), "purchase.date-required", "Enter the purchase date (YYYY-MM-DD)."));
        }
        else if (draft.PurchasedOn > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1))
        {
            errors.Add(new(nameof(PurchaseDraft.PurchasedOn), "purchase.future", "The purchase date cannot be in the future."));
        }

        if (Purchase.CheckQuantity(draft.Quantity) is { } quantityError)
        {
            errors.Add(quantityError);
        }

        if (Purchase.CheckAmount(draft.Amount) is { } amountError)
        {
            errors.Add(amountError);
        }

        if (!errors.Any(e => e.Field == nameof(PurchaseDraft.Currency)) && (currency is null || currency.Length != Purchase.CurrencyLength || !CurrencyCodes.Contains(currency)))
        {
            errors.Add(new(nameof(PurchaseDraft.Currency), "purchase.currency", "Enter a three-letter ISO currency code such as CNY, USD or EUR."));
        }

        if (errors.Count > 0)
        {
            return CommandResult<int>.From(CommandResult.Invalid(errors));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null)
        {
            return CommandResult<int>.From(CommandResult.NotFound());
        }

        if (!CardAccess.CanRecordPurchase(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult<int>.From(CommandResult.Forbidden("Your role cannot record purchases on this card."));
        }

        var now = clock.GetUtcNow().UtcDateTime;

        // The tier is recomputed in the same save. The figures are summed from the purchases committed before
        // this one; a purchase recorded concurrently moves the card's version on, so this save would conflict.
        var today = DateOnly.FromDateTime(now);
        var rules = (await db.TierPolicies.AsNoTracking().SingleAsync(ct)).Rules;
        var windowStart = rules.WindowStart(today);
        var reportingCurrency = options.Value.ReportingCurrency;
        var stored = await CardTierRows.ReadAsync(db.Cards.Where(c => c.Id == cardId), windowStart, reportingCurrency, ct);
        var figures = stored.Single().Figures.Including(draft.PurchasedOn!.Value, Purchase.ToMinorUnits(draft.Amount!.Value), currency!, windowStart, reportingCurrency);
        var assessment = TierCalculator.Assess(figures, today, rules);
        var (tierBefore, computedBefore) = (card.Tier, card.ComputedTier);

        var purchase = card.RecordPurchase(product!, draft.PurchasedOn!.Value, draft.Quantity!.Value, draft.Amount!.Value, currency!, actor.StaffId, now, assessment);
        AuditLog.Record(db, actor, now, "card.purchase-recorded", "CustomerCard", card.Code, $"Purchase {purchase.Product} {purchase.Amount.ToString(CultureInfo.InvariantCulture)} {purchase.Currency}",
            [new FieldChange("Purchase", null, $"{purchase.PurchasedOn:yyyy-MM-dd} {purchase.Product} × {purchase.Quantity.ToString(CultureInfo.InvariantCulture)} = {purchase.Amount.ToString(CultureInfo.InvariantCulture)} {purchase.Currency}")]);
        if (card.Tier != tierBefore || card.ComputedTier != computedBefore)
        {
            TierAudit.RecordComputed(db, actor, now, card, tierBefore, computedBefore, assessment, reportingCurrency);
        }

        return await SaveAsync(db, actor, card, CardChangeKind.PurchaseRecorded, ct);
    }

    public async Task<CommandResult<int>> AddRemarkAsync(Actor actor, Guid cardId, string? text, CancellationToken ct = default)
    {
        var clean = TextNormalizer.CleanMultiline(text);
        var invalid = ValidateRemark(text, clean);
        if (invalid is not null)
        {
            return CommandResult<int>.From(invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion: null);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        card!.AddRemark(clean!, actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.remark-added", "CustomerCard", card.Code, "Remark added", [new FieldChange("Remark", null, clean)]);
        return await SaveAsync(db, actor, card, CardChangeKind.RemarkAdded, ct);
    }

    /// <summary>Replaces a remark's text; the previous text is kept as a version, never lost.</summary>
    public async Task<CommandResult<int>> EditRemarkAsync(Actor actor, Guid cardId, Guid remarkId, string? text, CancellationToken ct = default)
    {
        var clean = TextNormalizer.CleanMultiline(text);
        var invalid = ValidateRemark(text, clean);
        if (invalid is not null)
        {
            return CommandResult<int>.From(invalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.Include(c => c.Remarks.Where(r => r.Id == remarkId)).ThenInclude(r => r.Versions)
            .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var refusal = CheckEditable(actor, card, expectedVersion: null);
        if (refusal is not null)
        {
            return CommandResult<int>.From(refusal);
        }

        var remark = card!.Remarks.SingleOrDefault(r => r.Id == remarkId);
        if (remark is null)
        {
            return CommandResult<int>.From(CommandResult.NotFound("The remark does not exist."));
        }

        if (remark.Text == clean)
        {
            return CommandResult<int>.Ok(card.Version);
        }

        var before = remark.Text;
        var now = clock.GetUtcNow().UtcDateTime;
        card.EditRemark(remarkId, clean!, actor.StaffId, now);
        AuditLog.Record(db, actor, now, "card.remark-edited", "CustomerCard", card.Code, "Remark edited", [new FieldChange("Remark", before, clean)]);
        return await SaveAsync(db, actor, card, CardChangeKind.RemarkEdited, ct);
    }

    internal async Task<CardValidationContext> BuildValidationContextAsync(DashboardDbContext db, Guid ownerId, CustomerCard? existing, CancellationToken ct)
    {
        // Tracked on purpose: the card will reference these, and untracked instances would be
        // inserted again as new rows when the card is added (UNIQUE violation on Staff, ListItems, ...).
        var lists = await db.ListItems.ToDictionaryAsync(i => i.Id, ct);
        var tags = await db.Tags.ToDictionaryAsync(t => t.Id, ct);
        var fields = await db.CustomFields.Where(f => f.IsActive).ToListAsync(ct);
        var owner = await db.Staff.SingleOrDefaultAsync(s => s.Id == ownerId, ct);
        if (existing is not null)
        {
            // Reuse the instances the card already tracks, so EF sees unchanged references as unchanged.
            foreach (var item in new[] { existing.Industry, existing.Region, existing.SourceChannel }.OfType<ReferenceData.ListItem>().Concat(existing.Interests))
            {
                lists[item.Id] = item;
            }

            foreach (var tag in existing.Tags)
            {
                tags[tag.Id] = tag;
            }

            foreach (var value in existing.CustomFieldValues.Where(v => v.Field is not null))
            {
                var index = fields.FindIndex(f => f.Id == value.FieldId);
                if (index >= 0)
                {
                    fields[index] = value.Field!;
                }
            }

            if (existing.Owner?.Id == ownerId)
            {
                owner = existing.Owner;
            }
        }

        var listIdsOnCard = existing is null
            ? new HashSet<int>()
            : new[] { existing.IndustryId, existing.RegionId, existing.SourceChannelId }.OfType<int>().Concat(existing.Interests.Select(i => i.Id)).ToHashSet();
        var tagIdsOnCard = existing?.Tags.Select(t => t.Id).ToHashSet() ?? [];
        return new CardValidationContext(options.Value.DefaultPhoneRegion, lists, tags, fields, owner, listIdsOnCard, tagIdsOnCard)
        {
            Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
        };
    }

    private static Task<CustomerCard?> LoadForEditAsync(DashboardDbContext db, Guid cardId, CancellationToken ct) =>
        db.Cards
            .Include(c => c.ContactPoints)
            .Include(c => c.Tags)
            .Include(c => c.Interests)
            .Include(c => c.CustomFieldValues).ThenInclude(v => v.Field)
            .Include(c => c.Industry)
            .Include(c => c.Region)
            .Include(c => c.SourceChannel)
            .Include(c => c.Owner)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == cardId, ct);

    private static CommandResult? CheckEditable(Actor actor, CustomerCard? card, int? expectedVersion)
    {
        if (card is null)
        {
            return CommandResult.NotFound();
        }

        if (!CardAccess.CanEditCard(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult.Forbidden("You can edit only your own and your team's cards.");
        }

        if (card.MergedIntoId is not null)
        {
            return CommandResult.Conflict("This card was merged into another one; change that card instead, or undo the merge.");
        }

        if (expectedVersion is not null && card.Version != expectedVersion)
        {
            return ConflictResult();
        }

        return null;
    }

    private static CommandResult? ValidateTierReason(string? reason) =>
        reason is { Length: > CustomerCard.TierReasonMaxLength }
            ? CommandResult.Invalid("TierReason", "text.too-long", $"Must be at most {CustomerCard.TierReasonMaxLength} characters.")
            : null;

    /// <summary>Field-level audit of a manual tier change: only the fields that changed.</summary>
    private static List<FieldChange> TierChanges((CustomerTier? Tier, TierSource Source, string? Reason) before, CustomerCard card) =>
        new[]
        {
            new FieldChange(nameof(CustomerCard.Tier), before.Tier?.ToString(), card.Tier?.ToString()),
            new FieldChange(nameof(CustomerCard.TierSource), before.Source.ToString(), card.TierSource.ToString()),
            new FieldChange(nameof(CustomerCard.TierReason), before.Reason, card.TierReason),
        }
        .Where(change => change.Before != change.After)
        .ToList();

    private static CommandResult? ValidateRemark(string? raw, string? text) =>
        TextInput.Check("Remark", raw) is { } refused ? CommandResult.Invalid([refused]) : text switch
        {
            null => CommandResult.Invalid("Remark", "remark.required", "Write the remark first."),
            { Length: > Remark.TextMaxLength } => CommandResult.Invalid("Remark", "text.too-long", $"Must be at most {Remark.TextMaxLength} characters."),
            _ => null,
        };

    private const string ConflictMessage =
        "Someone else saved this card after you opened it. Your changes were not saved: reload the card to see theirs, then apply yours again.";

    private static CommandResult ConflictResult() => CommandResult.Conflict(ConflictMessage);

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint };

    private async Task<CommandResult<int>> SaveAsync(DashboardDbContext db, Actor actor, CustomerCard card, CardChangeKind kind, CancellationToken ct) =>
        await CardSave.CommitAsync(db, notifier, actor, card, kind, clock.GetUtcNow().UtcDateTime, ConflictMessage, ct) is { } conflict
            ? CommandResult<int>.From(conflict)
            : card.Version;

    private void Publish(CustomerCard card, CardChangeKind kind, Actor actor) => notifier.Publish(CardChange.Of(card, kind, actor));
}
