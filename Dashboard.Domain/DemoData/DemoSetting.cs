using Dashboard.Domain.Access;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Quality;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.DemoData;

/// <summary>A staff member who owns demo cards, with the share of cards he or she gets.</summary>
internal sealed record DemoOwner(StaffMember Staff, int Weight, bool IsTeamLead);

/// <summary>
/// What the demo card factory works with: the controlled lists, tags and custom fields as the
/// database holds them, the card owners, and the reference date all demo times are counted back from.
/// </summary>
internal sealed class DemoSetting
{
    public DemoSetting(
        IEnumerable<ListItem> listItems,
        IEnumerable<Tag> tags,
        IEnumerable<CustomFieldDefinition> customFields,
        IReadOnlyList<DemoOwner> owners,
        StaffMember financeStaff,
        DateTime referenceTime,
        TierRules? tierRules = null,
        string reportingCurrency = "CNY",
        QualityRuleSet? qualityRules = null)
    {
        if (referenceTime.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("The reference time must be UTC.", nameof(referenceTime));
        }

        if (owners.Count == 0)
        {
            throw new ArgumentException("Demo cards need at least one owner.", nameof(owners));
        }

        var items = listItems.OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).ToList();
        ListItems = items.ToDictionary(i => i.Id);
        Industries = Active(items, ListKind.Industry);
        Regions = Active(items, ListKind.Region);
        SourceChannels = Active(items, ListKind.SourceChannel);
        Interests = Active(items, ListKind.Interest);

        var missing = new List<string>();
        if (Industries.Count == 0)
        {
            missing.Add("industries");
        }

        if (Regions.Count == 0)
        {
            missing.Add("regions");
        }

        if (SourceChannels.Count == 0)
        {
            missing.Add("source channels");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Demo data needs the controlled lists, but these are empty: {string.Join(", ", missing)}. " +
                "Initialise the database (DatabaseInitializer.InitializeAsync seeds the lists) before generating demo data.");
        }

        var allTags = tags.OrderBy(t => t.Id).ToList();
        TagsById = allTags.ToDictionary(t => t.Id);
        ActiveTags = allTags.Where(t => t.IsActive).ToList();
        TagsByName = ActiveTags.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        CustomFields = customFields.Where(f => f.IsActive).OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToList();
        Owners = owners;
        FinanceStaff = financeStaff;
        ReferenceTime = referenceTime;
        TeamMembers = owners.Where(o => o.Staff.TeamId is not null)
            .GroupBy(o => o.Staff.TeamId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<StaffMember>)g.Select(o => o.Staff).ToList());
        TotalOwnerWeight = owners.Sum(o => o.Weight);
        TierRules = tierRules ?? TierRules.Default;
        ReportingCurrency = reportingCurrency;
        QualityRules = qualityRules ?? QualityRuleSet.Default;
    }

    public IReadOnlyDictionary<int, ListItem> ListItems { get; }

    public IReadOnlyList<ListItem> Industries { get; }

    public IReadOnlyList<ListItem> Regions { get; }

    public IReadOnlyList<ListItem> SourceChannels { get; }

    public IReadOnlyList<ListItem> Interests { get; }

    public IReadOnlyDictionary<int, Tag> TagsById { get; }

    public IReadOnlyList<Tag> ActiveTags { get; }

    public IReadOnlyDictionary<string, Tag> TagsByName { get; }

    public IReadOnlyList<CustomFieldDefinition> CustomFields { get; }

    public IReadOnlyList<DemoOwner> Owners { get; }

    public int TotalOwnerWeight { get; }

    /// <summary>Records purchases on cards whose owner (a team lead) may not record them.</summary>
    public StaffMember FinanceStaff { get; }

    /// <summary>UTC midnight of the day the data is generated for; every demo time lies before it.</summary>
    public DateTime ReferenceTime { get; }

    public IReadOnlyDictionary<Guid, IReadOnlyList<StaffMember>> TeamMembers { get; }

    /// <summary>The rules tiers are computed with, as the database holds them, so that a recompute right after changes nothing.</summary>
    public TierRules TierRules { get; }

    /// <summary>The currency whose amounts count towards tiers.</summary>
    public string ReportingCurrency { get; }

    /// <summary>The quality rules as the database holds them, so that a recompute right after changes nothing.</summary>
    public QualityRuleSet QualityRules { get; }

    private static List<ListItem> Active(List<ListItem> items, ListKind kind) =>
        items.Where(i => i.Kind == kind && i.IsActive).ToList();
}
