using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;

namespace Dashboard.Tests.Support;

/// <summary>Builds what a user would type into the card form; every call of <see cref="Build"/> returns a fresh draft.</summary>
public sealed class CardDraftBuilder
{
    private readonly List<ContactPointDraft> _phones = [];
    private readonly List<ContactPointDraft> _emails = [];
    private readonly List<int> _interests = [];
    private readonly List<int> _tags = [];
    private readonly Dictionary<int, string?> _customFields = [];
    private CardKind _kind = CardKind.Individual;
    private string? _name;
    private string? _company;
    private string? _title;
    private int? _industryId;
    private int? _regionId;
    private int? _sourceChannelId;
    private string? _address;
    private string? _country;
    private string? _specialNeeds;
    private DateOnly? _nextFollowUp;
    private Guid? _ownerId;
    private LifecycleStage _stage = LifecycleStage.Prospect;

    public static CardDraftBuilder Individual(string? name = "王小明") => new CardDraftBuilder().WithName(name);

    public static CardDraftBuilder Company(string? company = "上海星辰贸易有限公司") =>
        new CardDraftBuilder { _kind = CardKind.Company }.WithCompany(company);

    public CardDraftBuilder WithName(string? name)
    {
        _name = name;
        return this;
    }

    public CardDraftBuilder WithCompany(string? company)
    {
        _company = company;
        return this;
    }

    public CardDraftBuilder WithTitle(string? title)
    {
        _title = title;
        return this;
    }

    public CardDraftBuilder WithPhone(string? value, string? label = null, bool primary = false)
    {
        _phones.Add(new ContactPointDraft { Value = value, Label = label, IsPrimary = primary });
        return this;
    }

    public CardDraftBuilder WithEmail(string? value, string? label = null, bool primary = false)
    {
        _emails.Add(new ContactPointDraft { Value = value, Label = label, IsPrimary = primary });
        return this;
    }

    public CardDraftBuilder InIndustry(int? id)
    {
        _industryId = id;
        return this;
    }

    public CardDraftBuilder InRegion(int? id)
    {
        _regionId = id;
        return this;
    }

    public CardDraftBuilder FromSource(int? id)
    {
        _sourceChannelId = id;
        return this;
    }

    public CardDraftBuilder WithInterests(params int[] ids)
    {
        _interests.AddRange(ids);
        return this;
    }

    public CardDraftBuilder WithTags(params int[] ids)
    {
        _tags.AddRange(ids);
        return this;
    }

    public CardDraftBuilder WithAddress(string? address)
    {
        _address = address;
        return this;
    }

    /// <summary>The card's country as the form or an import gives it (ISO code, e.g. "US").</summary>
    public CardDraftBuilder InCountry(string? country)
    {
        _country = country;
        return this;
    }

    public CardDraftBuilder WithSpecialNeeds(string? specialNeeds)
    {
        _specialNeeds = specialNeeds;
        return this;
    }

    public CardDraftBuilder FollowUpOn(DateOnly? date)
    {
        _nextFollowUp = date;
        return this;
    }

    public CardDraftBuilder OwnedBy(Actor owner) => OwnedBy(owner.StaffId);

    public CardDraftBuilder OwnedBy(Guid? ownerId)
    {
        _ownerId = ownerId;
        return this;
    }

    public CardDraftBuilder InStage(LifecycleStage stage)
    {
        _stage = stage;
        return this;
    }

    public CardDraftBuilder WithCustomField(int fieldId, string? value)
    {
        _customFields[fieldId] = value;
        return this;
    }

    public CardDraft Build() => new()
    {
        Kind = _kind,
        Name = _name,
        Company = _company,
        Title = _title,
        IndustryId = _industryId,
        RegionId = _regionId,
        SourceChannelId = _sourceChannelId,
        Address = _address,
        Country = _country,
        SpecialNeeds = _specialNeeds,
        NextFollowUp = _nextFollowUp,
        OwnerId = _ownerId,
        Stage = _stage,
        InterestIds = [.. _interests],
        TagIds = [.. _tags],
        Phones = _phones.Select(Copy).ToList(),
        Emails = _emails.Select(Copy).ToList(),
        CustomFields = new Dictionary<int, string?>(_customFields),
    };

    private static ContactPointDraft Copy(ContactPointDraft d) => new() { Id = d.Id, Label = d.Label, Value = d.Value, IsPrimary = d.IsPrimary };
}
