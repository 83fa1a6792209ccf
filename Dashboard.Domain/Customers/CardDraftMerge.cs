using System.Globalization;

namespace Dashboard.Domain.Customers;

/// <summary>The editable parts of a card, as the conflict screen lists them.</summary>
public enum DraftField
{
    Kind,
    Name,
    Company,
    Title,
    Industry,
    Region,
    Address,
    SourceChannel,
    Owner,
    NextFollowUp,
    SpecialNeeds,
    Interests,
    Tags,
    Phones,
    Emails,
    CustomField,
    Postcode,
    DateOfBirth,
    Country,
}

/// <summary>A field both editors changed, to different values; the user picks one side.</summary>
public sealed record DraftConflict(string Key, DraftField Field, int? CustomFieldId);

/// <summary>
/// The result of comparing what an editor opened, what they typed, and what someone else saved meanwhile:
/// <see cref="Merged"/> holds everyone's non-overlapping changes; <see cref="Conflicts"/> need a choice.
/// </summary>
public sealed record DraftMerge(CardDraft Mine, CardDraft Theirs, CardDraft Merged, IReadOnlyList<DraftConflict> Conflicts)
{
    /// <summary>The draft to save: the merged draft, with the user's side for every conflict.</summary>
    /// <param name="keepMine">Keys of the conflicts where the user keeps their own value; the others take the saved value.</param>
    public CardDraft Resolve(IReadOnlySet<string> keepMine)
    {
        var result = CardDraftMerge.Clone(Merged);
        foreach (var conflict in Conflicts)
        {
            CardDraftMerge.Accessor(conflict).Copy(keepMine.Contains(conflict.Key) ? Mine : Theirs, result);
        }

        return result;
    }
}

/// <summary>
/// Three-way comparison of card drafts, field by field, so that a save refused as a conflict can show
/// the other person's values and keep every change that does not collide. Nothing is overwritten silently.
/// </summary>
public static class CardDraftMerge
{
    private static readonly FieldAccessor[] Fields =
    [
        new(DraftField.Kind, d => d.Kind.ToString(), (s, t) => t.Kind = s.Kind),
        new(DraftField.Name, d => d.Name, (s, t) => t.Name = s.Name),
        new(DraftField.Company, d => d.Company, (s, t) => t.Company = s.Company),
        new(DraftField.Title, d => d.Title, (s, t) => t.Title = s.Title),
        new(DraftField.Industry, d => Id(d.IndustryId), (s, t) => t.IndustryId = s.IndustryId),
        new(DraftField.Region, d => Id(d.RegionId), (s, t) => t.RegionId = s.RegionId),
        new(DraftField.Address, d => d.Address, (s, t) => t.Address = s.Address),
        new(DraftField.Postcode, d => d.Postcode, (s, t) => t.Postcode = s.Postcode),
        new(DraftField.Country, d => d.Country, (s, t) => t.Country = s.Country),
        new(DraftField.DateOfBirth, d => d.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (s, t) => t.DateOfBirth = s.DateOfBirth),
        new(DraftField.SourceChannel, d => Id(d.SourceChannelId), (s, t) => t.SourceChannelId = s.SourceChannelId),
        new(DraftField.Owner, d => d.OwnerId?.ToString(), (s, t) => t.OwnerId = s.OwnerId),
        new(DraftField.NextFollowUp, d => d.NextFollowUp?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (s, t) => t.NextFollowUp = s.NextFollowUp),
        new(DraftField.SpecialNeeds, d => d.SpecialNeeds, (s, t) => t.SpecialNeeds = s.SpecialNeeds),
        new(DraftField.Interests, d => Ids(d.InterestIds), (s, t) => t.InterestIds = [.. s.InterestIds]),
        new(DraftField.Tags, d => Ids(d.TagIds), (s, t) => t.TagIds = [.. s.TagIds]),
        new(DraftField.Phones, d => Contacts(d.Phones), (s, t) => t.Phones = s.Phones.Select(CloneContact).ToList()),
        new(DraftField.Emails, d => Contacts(d.Emails), (s, t) => t.Emails = s.Emails.Select(CloneContact).ToList()),
    ];

    /// <param name="opened">The card as the editor opened it.</param>
    /// <param name="mine">What the editor typed.</param>
    /// <param name="theirs">The card as it is saved now.</param>
    public static DraftMerge Compare(CardDraft opened, CardDraft mine, CardDraft theirs)
    {
        var merged = Clone(theirs);
        var conflicts = new List<DraftConflict>();
        var customIds = opened.CustomFields.Keys.Concat(mine.CustomFields.Keys).Concat(theirs.CustomFields.Keys).Distinct().Order();
        var accessors = Fields.Concat(customIds.Select(CustomFieldAccessor));
        foreach (var field in accessors)
        {
            var (was, mineValue, theirValue) = (field.Value(opened), field.Value(mine), field.Value(theirs));
            var iChanged = !Same(was, mineValue);
            var theyChanged = !Same(was, theirValue);
            if (!iChanged || Same(mineValue, theirValue))
            {
                continue;
            }

            if (theyChanged)
            {
                conflicts.Add(new DraftConflict(field.Key, field.Field, field.CustomFieldId));
            }
            else
            {
                field.Copy(mine, merged);
            }
        }

        return new DraftMerge(mine, theirs, merged, conflicts);
    }

    /// <summary>A field's value in a comparable form: ids, dates as ISO text, lists sorted.</summary>
    public static string? ValueOf(DraftConflict conflict, CardDraft draft) => Accessor(conflict).Value(draft);

    internal static FieldAccessor Accessor(DraftConflict conflict) =>
        conflict.Field == DraftField.CustomField ? CustomFieldAccessor(conflict.CustomFieldId!.Value) : Fields.Single(f => f.Field == conflict.Field);

    internal static CardDraft Clone(CardDraft d) => new()
    {
        Kind = d.Kind,
        Name = d.Name,
        Company = d.Company,
        Title = d.Title,
        IndustryId = d.IndustryId,
        RegionId = d.RegionId,
        Address = d.Address,
        Postcode = d.Postcode,
        Country = d.Country,
        DateOfBirth = d.DateOfBirth,
        SourceChannelId = d.SourceChannelId,
        OwnerId = d.OwnerId,
        NextFollowUp = d.NextFollowUp,
        SpecialNeeds = d.SpecialNeeds,
        Stage = d.Stage,
        InterestIds = [.. d.InterestIds],
        TagIds = [.. d.TagIds],
        Phones = d.Phones.Select(CloneContact).ToList(),
        Emails = d.Emails.Select(CloneContact).ToList(),
        CustomFields = new Dictionary<int, string?>(d.CustomFields),
    };

    private static FieldAccessor CustomFieldAccessor(int id) => new(
        DraftField.CustomField,
        d => d.CustomFields.GetValueOrDefault(id),
        (s, t) => t.CustomFields[id] = s.CustomFields.GetValueOrDefault(id),
        id);

    private static bool Same(string? a, string? b) =>
        string.Equals(string.IsNullOrWhiteSpace(a) ? null : a.Trim(), string.IsNullOrWhiteSpace(b) ? null : b.Trim(), StringComparison.Ordinal);

    private static string? Id(int? id) => id?.ToString(CultureInfo.InvariantCulture);

    private static string Ids(IEnumerable<int> ids) => string.Join(",", ids.Order());

    private static string Contacts(IEnumerable<ContactPointDraft> points) =>
        string.Join("\n", points.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Label?.Trim()}|{p.Value!.Trim()}|{(p.IsPrimary ? "primary" : string.Empty)}").Order(StringComparer.Ordinal));

    private static ContactPointDraft CloneContact(ContactPointDraft p) => new() { Id = p.Id, Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary };

    internal sealed record FieldAccessor(DraftField Field, Func<CardDraft, string?> Value, Action<CardDraft, CardDraft> Copy, int? CustomFieldId = null)
    {
        public string Key => Field == DraftField.CustomField ? CardDraft.CustomField(CustomFieldId!.Value) : Field.ToString();
    }
}
