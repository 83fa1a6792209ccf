using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Cards;

/// <summary>Query string of <c>GET /api/v1/cards</c>: the customer list's filters, sorting and paging.</summary>
public sealed class CardListParameters
{
    /// <summary>Name, company, e-mail, card code, or a phone number in any format.</summary>
    [FromQuery(Name = "search")]
    public string? Search { get; init; }

    [FromQuery(Name = "stage")]
    public LifecycleStage? Stage { get; init; }

    [FromQuery(Name = "tier")]
    public CustomerTier? Tier { get; init; }

    /// <summary>Only cards without a tier yet (ignored when <c>tier</c> is given).</summary>
    [FromQuery(Name = "withoutTier")]
    public bool? WithoutTier { get; init; }

    [FromQuery(Name = "ownerId")]
    public Guid? OwnerId { get; init; }

    [FromQuery(Name = "teamId")]
    public Guid? TeamId { get; init; }

    [FromQuery(Name = "tagId")]
    public int? TagId { get; init; }

    [FromQuery(Name = "regionId")]
    public int? RegionId { get; init; }

    [FromQuery(Name = "industryId")]
    public int? IndustryId { get; init; }

    [FromQuery(Name = "quality")]
    public QualityBand? Quality { get; init; }

    [FromQuery(Name = "sort")]
    public CardSort? Sort { get; init; }

    [FromQuery(Name = "descending")]
    public bool? Descending { get; init; }

    /// <summary>1-based; default 1.</summary>
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    /// <summary>1 to 200; default 25.</summary>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }
}

/// <summary>Checks paging values shared by every list of the API.</summary>
public static class Paging
{
    public const int DefaultPageSize = 25;

    /// <summary>The 0-based page the domain expects and the size, or the field errors of values out of range.</summary>
    public static (int Page, int Size, IReadOnlyList<FieldError> Errors) Read(int? page, int? pageSize)
    {
        var errors = new List<FieldError>();
        if (page is < 1)
        {
            errors.Add(new("page", "paging.page", "Pages are numbered from 1."));
        }

        if (pageSize is < 1 or > CardListQuery.MaxPageSize)
        {
            errors.Add(new("pageSize", "paging.size", $"The page size is 1 to {CardListQuery.MaxPageSize}."));
        }

        return ((page ?? 1) - 1, pageSize ?? DefaultPageSize, errors);
    }
}
