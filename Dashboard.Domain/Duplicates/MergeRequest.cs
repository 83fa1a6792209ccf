using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Duplicates;

/// <summary>The single-valued fields whose surviving value the user picks in a merge.</summary>
public enum MergeField
{
    Kind,
    Name,
    Company,
    Title,
    Industry,
    Region,
    Address,
    Postcode,
    DateOfBirth,
    SourceChannel,
    Owner,
    NextFollowUp,
    SpecialNeeds,
}

/// <summary>Which card's value survives.</summary>
public enum MergeSide
{
    Survivor,
    Other,
}

/// <summary>Which phones or e-mails the surviving card keeps.</summary>
public enum ContactChoice
{
    Both,
    Survivor,
    Other,
}

/// <summary>
/// A merge as the user chose it: <see cref="OtherId"/> is merged into <see cref="SurvivorId"/>. Fields not in
/// <see cref="Choices"/> keep the survivor's value, or take the other card's where the survivor has none. Tags and
/// interests are combined; custom fields keep the survivor's value where it has one.
/// </summary>
public sealed class MergeRequest
{
    public Guid SurvivorId { get; set; }

    public Guid OtherId { get; set; }

    /// <summary>The duplicate suspicion being resolved, if the merge started from the queue.</summary>
    public Guid? CandidateId { get; set; }

    public Dictionary<MergeField, MergeSide> Choices { get; set; } = [];

    public ContactChoice Phones { get; set; } = ContactChoice.Both;

    public ContactChoice Emails { get; set; } = ContactChoice.Both;

    /// <summary>The value of a field on a card as a draft holds it, for choosing and for showing side by side.</summary>
    public static object? ValueOf(MergeField field, CardDraft draft) => field switch
    {
        MergeField.Kind => draft.Kind,
        MergeField.Name => draft.Name,
        MergeField.Company => draft.Company,
        MergeField.Title => draft.Title,
        MergeField.Industry => draft.IndustryId,
        MergeField.Region => draft.RegionId,
        MergeField.Address => draft.Address,
        MergeField.Postcode => draft.Postcode,
        MergeField.DateOfBirth => draft.DateOfBirth,
        MergeField.SourceChannel => draft.SourceChannelId,
        MergeField.Owner => draft.OwnerId,
        MergeField.NextFollowUp => draft.NextFollowUp,
        MergeField.SpecialNeeds => draft.SpecialNeeds,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Copies one field from <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static void Copy(MergeField field, CardDraft source, CardDraft target)
    {
        switch (field)
        {
            case MergeField.Kind: target.Kind = source.Kind; break;
            case MergeField.Name: target.Name = source.Name; break;
            case MergeField.Company: target.Company = source.Company; break;
            case MergeField.Title: target.Title = source.Title; break;
            case MergeField.Industry: target.IndustryId = source.IndustryId; break;
            case MergeField.Region: target.RegionId = source.RegionId; break;
            case MergeField.Address: target.Address = source.Address; break;
            case MergeField.Postcode: target.Postcode = source.Postcode; break;
            case MergeField.DateOfBirth: target.DateOfBirth = source.DateOfBirth; break;
            case MergeField.SourceChannel: target.SourceChannelId = source.SourceChannelId; break;
            case MergeField.Owner: target.OwnerId = source.OwnerId; break;
            case MergeField.NextFollowUp: target.NextFollowUp = source.NextFollowUp; break;
            case MergeField.SpecialNeeds: target.SpecialNeeds = source.SpecialNeeds; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }
    }
}
