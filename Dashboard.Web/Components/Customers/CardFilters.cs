using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;

namespace Dashboard.Web.Components.Customers;

/// <summary>The list filters as they appear in the URL, so a filtered list can be bookmarked and shared.</summary>
public sealed record CardFilters(string? Search, LifecycleStage? Stage, CustomerTier? Tier, Guid? OwnerId, int? TagId, int? RegionId, int? IndustryId)
{
    public CardListQuery ToQuery(CardSort sort, bool descending, int page, int pageSize) => new()
    {
        Search = Search,
        Stage = Stage,
        Tier = Tier,
        OwnerId = OwnerId,
        TagId = TagId,
        RegionId = RegionId,
        IndustryId = IndustryId,
        SortBy = sort,
        Descending = descending,
        Page = page,
        PageSize = pageSize,
    };

    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
        ["stage"] = Stage?.ToString(),
        ["tier"] = Tier?.ToString(),
        ["owner"] = OwnerId?.ToString(),
        ["tag"] = TagId,
        ["region"] = RegionId,
        ["industry"] = IndustryId,
    };
}
