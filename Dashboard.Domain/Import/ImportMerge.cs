using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Import;

/// <summary>
/// How an "update" import row changes a card: the row's non-blank values replace the card's, its phones and e-mails
/// are added when the card does not hold them yet, its tags and interests are added; a blank cell never erases a
/// value. So importing the same file again changes nothing.
/// </summary>
internal static class ImportMerge
{
    private static readonly DraftField[] ComparedFields = [.. Enum.GetValues<DraftField>().Where(f => f != DraftField.CustomField)];

    /// <summary>Validated values as a draft, for a card this import creates and later rows of the file update.</summary>
    public static CardDraft DraftOf(CardValues values, Lifecycle.LifecycleStage stage) => new()
    {
        Kind = values.Kind,
        Name = values.Name,
        Company = values.Company,
        Title = values.Title,
        IndustryId = values.Industry?.Id,
        RegionId = values.Region?.Id,
        Address = values.Address,
        Postcode = values.Postcode,
        Country = values.Country,
        DateOfBirth = values.DateOfBirth,
        SourceChannelId = values.SourceChannel?.Id,
        OwnerId = values.Owner.Id,
        NextFollowUp = values.NextFollowUp,
        SpecialNeeds = values.SpecialNeeds,
        Stage = stage,
        InterestIds = [.. values.Interests.Select(i => i.Id)],
        TagIds = [.. values.Tags.Select(t => t.Id)],
        Phones = [.. values.ContactPoints.Where(p => p.Kind == ContactKind.Phone).Select(p => new ContactPointDraft { Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary })],
        Emails = [.. values.ContactPoints.Where(p => p.Kind == ContactKind.Email).Select(p => new ContactPointDraft { Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary })],
        CustomFields = values.CustomFields.ToDictionary(v => v.Field.Id, v => (string?)v.Value),
    };

    /// <summary>Writes the row's values onto <paramref name="target"/>; returns notes on values that did not fit.</summary>
    public static List<string> Apply(CardDraft target, ImportRow row)
    {
        var notes = new List<string>();
        var values = row.Values ?? throw new InvalidOperationException("Only a valid row updates a card.");
        bool Has(CardColumn column) => row.Provided.Contains(column);
        if (Has(CardColumn.Kind))
        {
            target.Kind = values.Kind;
        }

        if ((Has(CardColumn.Name) || Has(CardColumn.GivenName) || Has(CardColumn.Surname)) && values.Name is not null)
        {
            target.Name = values.Name;
        }

        Set(Has(CardColumn.Company), values.Company, v => target.Company = v);
        Set(Has(CardColumn.Title), values.Title, v => target.Title = v);
        Set(Has(CardColumn.Address1) || Has(CardColumn.Address2) || Has(CardColumn.StreetNumber) || Has(CardColumn.Suburb) || Has(CardColumn.State), values.Address, v => target.Address = v);
        Set(Has(CardColumn.Postcode), values.Postcode, v => target.Postcode = v);

        // The import's default region names the country only of a card that has none yet; a Country column always does.
        Set(Has(CardColumn.Country) || target.Country is null, values.Country, v => target.Country = v);
        Set(Has(CardColumn.SpecialNeeds), values.SpecialNeeds, v => target.SpecialNeeds = v);
        if (Has(CardColumn.DateOfBirth) && values.DateOfBirth is { } dob)
        {
            target.DateOfBirth = dob;
        }

        if (Has(CardColumn.NextFollowUp) && values.NextFollowUp is { } followUp)
        {
            target.NextFollowUp = followUp;
        }

        target.IndustryId = Has(CardColumn.Industry) ? values.Industry?.Id ?? target.IndustryId : target.IndustryId;
        target.RegionId = Has(CardColumn.Region) ? values.Region?.Id ?? target.RegionId : target.RegionId;
        target.SourceChannelId = Has(CardColumn.SourceChannel) ? values.SourceChannel?.Id ?? target.SourceChannelId : target.SourceChannelId;
        if (Has(CardColumn.Owner))
        {
            target.OwnerId = values.Owner.Id;
        }

        target.InterestIds = [.. target.InterestIds.Union(values.Interests.Select(i => i.Id))];
        target.TagIds = [.. target.TagIds.Union(values.Tags.Select(t => t.Id))];
        foreach (var (field, value) in values.CustomFields.Where(f => row.ProvidedCustom.Contains(f.Field.Id)))
        {
            target.CustomFields[field.Id] = value;
        }

        foreach (var point in values.ContactPoints)
        {
            var list = point.Kind == ContactKind.Phone ? target.Phones : target.Emails;
            if (list.Any(p => string.Equals(p.Value, point.Value, StringComparison.Ordinal)))
            {
                continue;
            }

            if (list.Count(p => !string.IsNullOrWhiteSpace(p.Value)) >= ContactPoint.MaxPerKind)
            {
                notes.Add($"Row {row.Source.Row}: the card already holds {ContactPoint.MaxPerKind} {(point.Kind == ContactKind.Phone ? "phones" : "e-mails")}, so {point.Value} was not added.");
                continue;
            }

            list.Add(new ContactPointDraft { Label = point.Label, Value = point.Value, IsPrimary = list.Count == 0 });
        }

        return notes;

        static void Set(bool provided, string? value, Action<string> set)
        {
            if (provided && value is not null)
            {
                set(value);
            }
        }
    }

    /// <summary>True when the two drafts hold the same values in every editable section.</summary>
    public static bool SameDetails(CardDraft a, CardDraft b)
    {
        foreach (var field in ComparedFields)
        {
            var conflict = new DraftConflict(field.ToString(), field, null);
            if (!string.Equals(CardDraftMerge.ValueOf(conflict, a), CardDraftMerge.ValueOf(conflict, b), StringComparison.Ordinal))
            {
                return false;
            }
        }

        static Dictionary<int, string> Present(CardDraft d) =>
            d.CustomFields.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value!.Trim());
        var (x, y) = (Present(a), Present(b));
        return x.Count == y.Count && x.All(f => y.TryGetValue(f.Key, out var other) && other == f.Value);
    }
}
