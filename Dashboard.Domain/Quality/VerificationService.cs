using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Quality;

/// <summary>
/// One value checked with the customer: a basic field (<see cref="Field"/> Name, Company, Title or Address) or a contact
/// point (<see cref="ContactPointId"/>). <see cref="NewValue"/> is the customer's value when <see cref="Outcome"/> is Corrected.
/// </summary>
public sealed record VerificationItem(QualityFields Field, Guid? ContactPointId, VerificationOutcome Outcome, VerificationMethod Method, string? NewValue = null)
{
    public static VerificationItem ForField(QualityFields field, VerificationOutcome outcome, VerificationMethod method, string? newValue = null) =>
        new(field, null, outcome, method, newValue);

    public static VerificationItem ForContact(Guid contactPointId, VerificationOutcome outcome, VerificationMethod method, string? newValue = null) =>
        new(QualityFields.None, contactPointId, outcome, method, newValue);

    /// <summary>The name errors about this item carry: the field's name, or <c>Contact:{id}</c>.</summary>
    public string Key => ContactPointId is { } id ? ContactKey(id) : Field.ToString();

    public static string ContactKey(Guid contactPointId) => $"Contact:{contactPointId}";
}

/// <summary>
/// Records a verification of a card with the customer (PRODUCT.md C3): per value confirmed, corrected or unreachable,
/// and how. Corrected values pass the edit form's validation and change the card; confirmed and corrected values are
/// verified today, which resets their freshness. Each item is stored for the accuracy rate; the card change, the audit
/// entry, the rows and the new score are saved together.
/// </summary>
public sealed class VerificationService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    CardChangeNotifier notifier,
    CustomerCardService cards,
    CustomerCardQueries queries)
{
    public const string VerifiedAction = "card.verified";

    /// <summary>
    /// Verifies the card if nobody changed its editable sections since the dialog opened at <paramref name="expectedDetailsVersion"/>
    /// (<see cref="CardDetails.DetailsVersion"/>), as the edit form does. Returns the card's new version.
    /// </summary>
    public async Task<CommandResult<int>> VerifyAsync(Actor actor, Guid cardId, int expectedDetailsVersion, IReadOnlyList<VerificationItem> items, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
            .SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null)
        {
            return CommandResult<int>.From(CommandResult.NotFound());
        }

        if (!QualityAccess.CanVerify(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult<int>.From(CommandResult.Forbidden("Sales verify their own cards; team leads their team's."));
        }

        if (card.DetailsVersion != expectedDetailsVersion)
        {
            return CommandResult<int>.From(CommandResult.Conflict("Someone else changed this card after you opened the verification. Nothing was saved: reload the card and verify again."));
        }

        var errors = CheckItems(card, items);
        if (errors.Count > 0)
        {
            return CommandResult<int>.From(CommandResult.Invalid(errors));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = card.Snapshot();
        var oldValues = items.ToDictionary(i => i.Key, i => ValueOf(card, i));
        var corrections = items.Where(i => i.Outcome == VerificationOutcome.Corrected).ToList();
        var contactsHeld = false;
        IReadOnlyList<ValidContactPoint> proposedContacts = [];
        if (corrections.Count > 0)
        {
            // The edit form's own draft of the card, so that every editable field (including ones added later) is kept.
            var details = await queries.GetAsync(actor, cardId, ct);
            if (details.Value is not { } shown || shown.DetailsVersion != card.DetailsVersion || shown.Permissions.ContactsMasked)
            {
                return CommandResult<int>.From(CommandResult.Conflict("Someone else changed this card after you opened the verification. Nothing was saved: reload the card and verify again."));
            }

            var draft = shown.ToDraft();
            var errorKeys = Correct(draft, card, corrections);
            var context = await cards.BuildValidationContextAsync(db, card.OwnerId, card, ct);
            var (values, invalid) = CardDraftValidator.Validate(draft, context);
            if (invalid.Count > 0)
            {
                // Errors on corrected values are shown on their rows; any other means the card needs the edit form first.
                return CommandResult<int>.From(CommandResult.Invalid(invalid.Select(e => e with { Field = errorKeys.GetValueOrDefault(e.Field, e.Field) }).ToList()));
            }

            // A corrected phone or e-mail is a contact point change like any other: under the review queue a Sales
            // user's correction waits for a team lead, and the other corrections save now.
            proposedContacts = values!.ContactPoints;
            (values, contactsHeld, var clearance) = await Review.ReviewGate.HoldContactPointsAsync(db, actor, card, values, now, ct);
            card.UpdateDetails(values, clearance, actor.StaffId, now);
        }

        // A held correction is not verified yet: the card still holds the old value until it is approved.
        var verified = items.Where(i => i.Outcome != VerificationOutcome.Unreachable
            && !(contactsHeld && i.Outcome == VerificationOutcome.Corrected && i.ContactPointId is not null)).ToList();
        card.MarkVerified(
            verified.Where(i => i.ContactPointId is null).Select(i => i.Field).ToList(),
            verified.Where(i => i.ContactPointId is not null).Select(i => i.ContactPointId!.Value).ToList(),
            DateOnly.FromDateTime(now), actor.StaffId, now);

        var changes = AuditEntry.Diff(before, card.Snapshot()).ToList();
        foreach (var item in items)
        {
            var point = item.ContactPointId is { } id ? card.ContactPoints.Single(p => p.Id == id) : null;
            var field = point is null ? item.Field : point.Kind == ContactKind.Phone ? QualityFields.Phone : QualityFields.Email;
            var held = contactsHeld && point is not null && item.Outcome == VerificationOutcome.Corrected;
            var newValue = item.Outcome != VerificationOutcome.Corrected ? null
                : held ? proposedContacts.FirstOrDefault(c => c.Id == point!.Id)?.Value : ValueOf(card, item);
            db.Verifications.Add(new VerificationRecord(
                Guid.NewGuid(), card.Id, now, actor.StaffId, item.Method, field, point?.Id, point?.Label, item.Outcome, Clip(oldValues[item.Key]), Clip(newValue)));
            var what = point is null ? field.ToString() : string.Create(CultureInfo.InvariantCulture, $"{field} ({point.Label})");
            changes.Add(new FieldChange($"Verified: {what}", null, $"{item.Outcome} by {item.Method}{(held ? ", waiting for approval" : string.Empty)}"));
        }

        var counts = string.Join(", ", items.GroupBy(i => i.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
        AuditLog.Record(db, actor, now, VerifiedAction, "CustomerCard", card.Code, $"Verified with the customer: {counts}", changes);
        var kind = corrections.Count > 0 ? CardChangeKind.Updated : CardChangeKind.Verified;
        return await CardSave.CommitAsync(db, notifier, actor, card, kind, now, "Someone else saved this card at the same moment. Nothing was saved: reload the card and verify again.", ct) is { } conflict
            ? CommandResult<int>.From(conflict)
            : card.Version;
    }

    private static List<FieldError> CheckItems(CustomerCard card, IReadOnlyList<VerificationItem> items)
    {
        var errors = new List<FieldError>();
        if (items.Count == 0)
        {
            errors.Add(new("Items", "verification.empty", "Choose an outcome for at least one value."));
            return errors;
        }

        foreach (var group in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
        {
            errors.Add(new(group.Key, "verification.twice", "Each value can be verified once per verification."));
        }

        foreach (var item in items)
        {
            if (!Enum.IsDefined(item.Outcome) || !Enum.IsDefined(item.Method))
            {
                errors.Add(new(item.Key, "verification.outcome", "Choose the outcome and how it was checked."));
                continue;
            }

            if (item.ContactPointId is { } id)
            {
                if (card.ContactPoints.All(p => p.Id != id))
                {
                    errors.Add(new(item.Key, "verification.unknown-contact", "This phone or e-mail is no longer on the card."));
                    continue;
                }
            }
            else if (!QualityFieldSet.Verifiable.Contains(item.Field))
            {
                errors.Add(new(item.Key, "verification.field", "Only the name, company, title, address, phones and e-mails are verified."));
                continue;
            }
            else if (item.Outcome != VerificationOutcome.Corrected && ValueOf(card, item) is null)
            {
                errors.Add(new(item.Key, "verification.empty-field", "This field is empty: there is nothing to confirm. Enter the customer's value as a correction."));
                continue;
            }

            if (item.Outcome == VerificationOutcome.Corrected && string.IsNullOrWhiteSpace(item.NewValue))
            {
                errors.Add(new(item.Key, "verification.new-value", "Enter the value the customer gave."));
            }
        }

        return errors;
    }

    /// <summary>Puts the corrected values into the draft; returns the draft's error names mapped to the items' keys.</summary>
    private static Dictionary<string, string> Correct(CardDraft draft, CustomerCard card, List<VerificationItem> corrections)
    {
        var keys = new Dictionary<string, string>();
        foreach (var item in corrections)
        {
            if (item.ContactPointId is { } id)
            {
                var kind = card.ContactPoints.Single(p => p.Id == id).Kind;
                var list = kind == ContactKind.Phone ? draft.Phones : draft.Emails;
                var index = list.FindIndex(p => p.Id == id);
                list[index].Value = item.NewValue;
                keys[kind == ContactKind.Phone ? CardDraft.PhoneField(index) : CardDraft.EmailField(index)] = item.Key;
                continue;
            }

            switch (item.Field)
            {
                case QualityFields.Name:
                    draft.Name = item.NewValue;
                    break;
                case QualityFields.Company:
                    draft.Company = item.NewValue;
                    break;
                case QualityFields.Title:
                    draft.Title = item.NewValue;
                    break;
                default:
                    draft.Address = item.NewValue;
                    break;
            }

            keys[item.Field.ToString()] = item.Key;
        }

        return keys;
    }

    private static string? ValueOf(CustomerCard card, VerificationItem item) =>
        item.ContactPointId is { } id
            ? card.ContactPoints.SingleOrDefault(p => p.Id == id)?.Value
            : item.Field switch
            {
                QualityFields.Name => card.Name,
                QualityFields.Company => card.Company,
                QualityFields.Title => card.Title,
                QualityFields.Address => card.Address,
                _ => null,
            };

    private static string? Clip(string? value) =>
        value is { Length: > VerificationRecord.ValueMaxLength } ? value[..VerificationRecord.ValueMaxLength] : value;
}
