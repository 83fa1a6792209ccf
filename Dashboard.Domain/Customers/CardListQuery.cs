using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Customers;

/// <summary>Columns the customer list can be sorted by.</summary>
public enum CardSort
{
    Code,
    Name,
    Stage,
    Tier,
    Owner,
    NextFollowUp,
    UpdatedAt,
}

/// <summary>Filters, quick search, sorting and paging for the customer list.</summary>
public sealed record CardListQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Name, company, phone in any format, e-mail or card code.</summary>
    public string? Search { get; init; }

    public LifecycleStage? Stage { get; init; }

    public CustomerTier? Tier { get; init; }

    public Guid? OwnerId { get; init; }

    public int? TagId { get; init; }

    public int? RegionId { get; init; }

    public int? IndustryId { get; init; }

    public CardSort SortBy { get; init; } = CardSort.UpdatedAt;

    public bool Descending { get; init; } = true;

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>One row of the customer list.</summary>
public sealed record CardListItem(
    Guid Id,
    string Code,
    CardKind Kind,
    string DisplayName,
    string? Company,
    LifecycleStage Stage,
    CustomerTier? Tier,
    Guid OwnerId,
    string OwnerName,
    string? Region,
    string? Industry,
    string? PrimaryPhone,
    string? PrimaryEmail,
    DateOnly? NextFollowUp,
    DateTime UpdatedAt,
    IReadOnlyList<TagView> Tags);

/// <summary>A tag as shown on a card: name and its group's colour.</summary>
public sealed record TagView(int Id, string Name, string? Colour);
