namespace Dashboard.Domain.Customers;

/// <summary>Conversions between a stored card and the draft its edit form, the merge and the import work on.</summary>
public static class CardDrafts
{
    /// <summary>A stored card's editable sections as a draft (the card's own, normalised values).</summary>
    public static CardDraft ToDraft(this CustomerCard card) => new()
    {
        Kind = card.Kind,
        Name = card.Name,
        Company = card.Company,
        Title = card.Title,
        IndustryId = card.IndustryId,
        RegionId = card.RegionId,
        Address = card.Address,
        Postcode = card.Postcode,
        Country = card.Country,
        DateOfBirth = card.DateOfBirth,
        SourceChannelId = card.SourceChannelId,
        OwnerId = card.OwnerId,
        NextFollowUp = card.NextFollowUp,
        SpecialNeeds = card.SpecialNeeds,
        Stage = card.Stage,
        InterestIds = [.. card.Interests.Select(i => i.Id)],
        TagIds = [.. card.Tags.Select(t => t.Id)],
        Phones = [.. card.ContactPoints.Where(p => p.Kind == ContactKind.Phone).Select(p => new ContactPointDraft { Id = p.Id, Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary })],
        Emails = [.. card.ContactPoints.Where(p => p.Kind == ContactKind.Email).Select(p => new ContactPointDraft { Id = p.Id, Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary })],
        CustomFields = card.CustomFieldValues.ToDictionary(v => v.FieldId, v => (string?)v.Value),
    };
}
