namespace Dashboard.Domain.ReferenceData;

/// <summary>The starting content of the controlled lists; Admins edit them afterwards.</summary>
internal static class ReferenceDataSeed
{
    public static IEnumerable<ListItem> ListItems()
    {
        string[] industries = ["Manufacturing", "Retail", "Wholesale & distribution", "Financial services", "Healthcare", "Education", "Information technology", "Logistics", "Real estate", "Hospitality", "Energy", "Agriculture", "Government", "Professional services"];
        string[] regions = ["East China", "North China", "South China", "Central China", "Southwest China", "Northwest China", "Northeast China", "Hong Kong SAR", "Taiwan", "Asia-Pacific", "Europe", "North America", "Other"];
        string[] channels = ["Referral", "Website", "Trade show", "Cold call", "WeChat", "Partner", "Advertising", "Walk-in", "Existing customer"];
        string[] interests = ["New products", "Discounts & promotions", "Technical training", "Industry events", "After-sales service", "Financing options", "Sustainability"];
        (string Name, string Colour)[] tagGroups = [("Relationship", "#1E88E5"), ("Needs", "#43A047"), ("Risk", "#E53935")];

        return Items(ListKind.Industry, industries)
            .Concat(Items(ListKind.Region, regions))
            .Concat(Items(ListKind.SourceChannel, channels))
            .Concat(Items(ListKind.Interest, interests))
            .Concat(tagGroups.Select((g, i) => new ListItem(ListKind.TagGroup, g.Name, (i + 1) * 10, g.Colour)));
    }

    public static IEnumerable<Tag> Tags(IReadOnlyDictionary<string, int> groupIds)
    {
        (string Name, string Group)[] tags =
        [
            ("Key account", "Relationship"), ("Decision maker", "Relationship"), ("Partner", "Relationship"),
            ("Price sensitive", "Needs"), ("Needs invoice", "Needs"), ("Prefers WeChat", "Needs"),
            ("Payment overdue", "Risk"), ("Competitor contact", "Risk"),
        ];
        return tags.Select(t => new Tag(t.Name, groupIds[t.Group]));
    }

    private static IEnumerable<ListItem> Items(ListKind kind, string[] names) =>
        names.Select((name, i) => new ListItem(kind, name, (i + 1) * 10));
}
