using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Quality;

/// <summary>What scoring needs to know beyond the card: which list entries are retired, and the active custom fields.</summary>
internal sealed record QualityContext(IReadOnlyDictionary<int, ListItem> ListEntries, IReadOnlyList<CustomFieldDefinition> CustomFields)
{
    public static async Task<QualityContext> LoadAsync(DashboardDbContext db, CancellationToken ct) =>
        new(await db.ListItems.AsNoTracking().ToDictionaryAsync(i => i.Id, ct),
            await db.CustomFields.AsNoTracking().Where(f => f.IsActive).ToListAsync(ct));
}

/// <summary>
/// Turns a card (tracked, loaded with its contact points and custom values, or built in memory) into
/// <see cref="CardQualityFacts"/>. Every path that scores (a save, the daily run, demo data) goes through here, so they agree.
/// </summary>
internal static class CardQualityFactsReader
{
    private static readonly (QualityFields Field, Func<CustomerCard, int?> Id)[] ListFields =
    [
        (QualityFields.Industry, c => c.IndustryId),
        (QualityFields.Region, c => c.RegionId),
        (QualityFields.SourceChannel, c => c.SourceChannelId),
    ];

    public static CardQualityFacts Of(CustomerCard card, QualityContext context, DateOnly? lastPurchaseOn, DateOnly? lastInteractionOn, bool suspectedDuplicate)
    {
        var present = QualityFields.None;
        void Mark(QualityFields field, bool has) => present |= has ? field : QualityFields.None;
        Mark(QualityFields.Name, card.Name is not null);
        Mark(QualityFields.Company, card.Company is not null);
        Mark(QualityFields.Title, card.Title is not null);
        Mark(QualityFields.Industry, card.IndustryId is not null);
        Mark(QualityFields.Region, card.RegionId is not null);
        Mark(QualityFields.Address, card.Address is not null);
        Mark(QualityFields.SourceChannel, card.SourceChannelId is not null);
        Mark(QualityFields.Phone, card.ContactPoints.Any(p => p.Kind == ContactKind.Phone));
        Mark(QualityFields.Email, card.ContactPoints.Any(p => p.Kind == ContactKind.Email));

        var basics = new List<BasicFieldFact>();
        void Basic(QualityFields field, string? value, DateOnly? verifiedOn)
        {
            if (value is not null)
            {
                basics.Add(new BasicFieldFact(field, verifiedOn));
            }
        }

        Basic(QualityFields.Name, card.Name, card.NameVerifiedOn);
        Basic(QualityFields.Company, card.Company, card.CompanyVerifiedOn);
        Basic(QualityFields.Title, card.Title, card.TitleVerifiedOn);
        Basic(QualityFields.Address, card.Address, card.AddressVerifiedOn);

        var retired = ListFields
            .Select(f => (f.Field, Id: f.Id(card)))
            .Where(f => f.Id is { } id && context.ListEntries.TryGetValue(id, out var item) && !item.IsActive)
            .Select(f => new RetiredEntryFact(f.Field, context.ListEntries[f.Id!.Value].Name))
            .ToList();

        var custom = new List<CustomFieldFact>();
        foreach (var field in context.CustomFields.Where(f => f.AppliesToKind(card.Kind)).OrderBy(f => f.Id))
        {
            var value = card.CustomFieldValues.FirstOrDefault(v => v.FieldId == field.Id)?.Value;
            var hasValue = !string.IsNullOrWhiteSpace(value);
            custom.Add(new CustomFieldFact(field.Label, field.IsRequired, hasValue, !hasValue || field.TryNormalize(value, out _, out _)));
        }

        return new CardQualityFacts
        {
            Kind = card.Kind,
            Stage = card.Stage,
            Tier = card.Tier,
            CreatedOn = DateOnly.FromDateTime(card.CreatedAt),
            Present = present,
            Basics = basics,
            Country = card.Country,
            Contacts = card.ContactPoints
                .OrderBy(p => p.Kind).ThenByDescending(p => p.IsPrimary).ThenBy(p => p.Label, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => new ContactFact(p.Kind, p.Label, p.Value, p.LastVerifiedOn))
                .ToList(),
            RetiredEntries = retired,
            CustomFields = custom,
            LastPurchaseOn = lastPurchaseOn,
            LastInteractionOn = lastInteractionOn,
            SuspectedDuplicate = suspectedDuplicate,
        };
    }

    /// <summary>The later of two dates; for the last activity of a card whose newest rows are not saved yet.</summary>
    public static DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    public static DateOnly? DayOf(DateTime? utc) => utc is { } at ? DateOnly.FromDateTime(at) : null;
}
