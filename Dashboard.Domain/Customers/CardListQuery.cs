using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
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
    Quality,
}

/// <summary>Filters, quick search, sorting and paging for the customer list.</summary>
public sealed record CardListQuery
{
    public const int MaxPageSize = 200;

    /// <summary>Name, company, phone in any format, e-mail or card code.</summary>
    public string? Search { get; init; }

    public LifecycleStage? Stage { get; init; }

    public CustomerTier? Tier { get; init; }

    /// <summary>Only cards that have no tier yet (ignored when <see cref="Tier"/> is set).</summary>
    public bool WithoutTier { get; init; }

    public Guid? OwnerId { get; init; }

    public Guid? TeamId { get; init; }

    public int? TagId { get; init; }

    public int? RegionId { get; init; }

    public int? IndustryId { get; init; }

    /// <summary>Only cards with this activity in a period: how a dashboard segment drills down to its cards.</summary>
    public CardActivityFilter? Activity { get; init; }

    /// <summary>Only cards whose stored quality score is in this band.</summary>
    public QualityBand? QualityBand { get; init; }

    /// <summary>Only cards with a value overdue for verification on this day.</summary>
    public DateOnly? OverdueOn { get; init; }

    /// <summary>Only cards failing this quality rule when last scored.</summary>
    public QualityRule? FailingRule { get; init; }

    /// <summary>Only cards sharing a phone or e-mail with another card the actor sees (within the owner and team filters).</summary>
    public bool SharesContact { get; init; }

    public CardSort SortBy { get; init; } = CardSort.UpdatedAt;

    public bool Descending { get; init; } = true;

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

/// <summary>What a card did in a period, matching how the dashboard counts it.</summary>
public enum CardActivity
{
    /// <summary>Entered <see cref="CardActivityFilter.Stage"/> (or was created in it) during the period.</summary>
    ReachedStage,

    /// <summary>Created during the period.</summary>
    Created,

    /// <summary>Had at least one interaction during the period.</summary>
    Contacted,

    /// <summary>Bought something dated in the period.</summary>
    Purchased,

    /// <summary>Had a value confirmed or corrected with the customer during the period.</summary>
    Verified,
}

/// <summary>Cards with an activity in a period; <see cref="Stage"/> is required for <see cref="CardActivity.ReachedStage"/>.</summary>
public sealed record CardActivityFilter(CardActivity Kind, ReportingPeriod Period, LifecycleStage? Stage = null);

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
    IReadOnlyList<TagView> Tags)
{
    /// <summary>The stored quality score; null before the card's first scoring.</summary>
    public int? QualityScore { get; init; }

    public QualityBand? QualityBand { get; init; }
}

/// <summary>A tag as shown on a card: name and its group's colour.</summary>
public sealed record TagView(int Id, string Name, string? Colour);
