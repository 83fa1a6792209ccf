using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Web.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Cards;

/// <summary>
/// <c>/api/v1/cards</c>: list, read, create, update and move through the lifecycle. Every call goes through
/// <see cref="CustomerCardQueries"/> and <see cref="CustomerCardService"/> as the caller's actor, so the API sees and
/// changes exactly what the same person sees and changes in the UI.
/// </summary>
public static class CardEndpoints
{
    public static RouteGroupBuilder MapCardEndpoints(this RouteGroupBuilder api)
    {
        var cards = api.MapGroup("/cards").WithTags("Cards");
        cards.MapGet("/", ListAsync)
            .WithName("ListCards").WithSummary("List the cards you may see, filtered, sorted and paged")
            .Produces<PageResource<CardSummaryResource>>().ProducesValidationProblem();
        cards.MapGet("/{id:guid}", GetAsync)
            .WithName("GetCard").WithSummary("Read a card; the ETag header is its version")
            .Produces<CardResource>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cards.MapPost("/", CreateAsync)
            .WithName("CreateCard").WithSummary("Create a card (Sales and TeamLead)")
            .Accepts<CardInput>("application/json")
            .Produces<CardResource>(StatusCodes.Status201Created).ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        cards.MapPut("/{id:guid}", UpdateAsync).WithMetadata(new IfMatchRequired())
            .WithName("UpdateCard").WithSummary("Replace a card's editable sections; needs If-Match")
            .Accepts<CardInput>("application/json")
            .Produces<CardResource>().ProducesValidationProblem(ApiProblems.UnprocessableStatus).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        cards.MapPatch("/{id:guid}", PatchAsync).WithMetadata(new IfMatchRequired())
            .WithName("PatchCard").WithSummary("Change some of a card's fields (JSON merge patch, RFC 7386); needs If-Match")
            .Accepts<CardInput>(ApiJson.MergePatchMediaType)
            .Produces<CardResource>().ProducesValidationProblem(ApiProblems.UnprocessableStatus).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        cards.MapPost("/{id:guid}/stage", ChangeStageAsync).WithMetadata(new IfMatchRequired())
            .WithName("ChangeStage").WithSummary("Move a card to another lifecycle stage; needs If-Match")
            .Accepts<StageChangeInput>("application/json")
            .Produces<CardResource>().ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        cards.MapPost("/{id:guid}/reveal", RevealAsync)
            .WithName("RevealValue").WithSummary("Show one masked phone, e-mail or the address in full; the reveal is recorded in the audit trail")
            .Accepts<RevealInput>("application/json")
            .Produces<RevealResource>().ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cards.MapPost("/duplicate-check", DuplicateCheckAsync)
            .WithName("CheckDuplicates").WithTags("Duplicates").WithSummary("Cards you may open that look like the card in the body (as the form warns while typing)")
            .Accepts<CardInput>("application/json")
            .Produces<IReadOnlyList<SimilarCardResource>>();
        return api;
    }

    private static async Task<IResult> ListAsync([AsParameters] CardListParameters query, HttpContext http, CustomerCardQueries queries, CancellationToken ct)
    {
        var (page, size, errors) = Paging.Read(query.Page, query.PageSize);
        if (errors.Count > 0)
        {
            return ApiProblems.BadQuery(errors);
        }

        var result = await queries.ListAsync(http.Actor(), new CardListQuery
        {
            Search = query.Search,
            Stage = query.Stage,
            Tier = query.Tier,
            WithoutTier = query.WithoutTier ?? false,
            OwnerId = query.OwnerId,
            TeamId = query.TeamId,
            TagId = query.TagId,
            RegionId = query.RegionId,
            IndustryId = query.IndustryId,
            QualityBand = query.Quality,
            SortBy = query.Sort ?? CardSort.UpdatedAt,
            Descending = query.Descending ?? true,
            Page = page,
            PageSize = size,
        }, ct);
        return TypedResults.Ok(new PageResource<CardSummaryResource>(result.Items.Select(CardSummaryResource.From).ToList(), page + 1, size, result.TotalCount, result.MoreThanTotal));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, CustomerCardQueries queries, CancellationToken ct)
    {
        var card = await queries.GetAsync(http.Actor(), id, ct);
        return card.Succeeded ? WithETag(http, card.Value!) : ApiProblems.From(card);
    }

    private static async Task<IResult> RevealAsync(Guid id, HttpContext http, CardRevealService reveals, CancellationToken ct)
    {
        var (input, problem) = await ApiJson.ReadAsync<RevealInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if ((input!.ContactPointId is null) == (input.Address != true))
        {
            return ApiProblems.Validation([new FieldError("contactPointId", "reveal.one-value", "Name either one contactPointId or \"address\": true.")]);
        }

        var revealed = await reveals.RevealAsync(http.Actor(), id, input.ContactPointId, ct);
        http.Response.Headers.CacheControl = "no-store";
        return revealed.Succeeded ? TypedResults.Ok(new RevealResource(revealed.Value!.Value, revealed.Value.Logged)) : ApiProblems.From(revealed);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CustomerCardService cards, CustomerCardQueries queries, CancellationToken ct)
    {
        var (input, problem) = await ApiJson.ReadAsync<CardInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.NullItems() is { Count: > 0 } nulls)
        {
            return ApiProblems.Validation(nulls);
        }

        var actor = http.Actor();
        var created = await cards.CreateAsync(actor, input.ToDraft(), ct);
        if (!created.Succeeded)
        {
            return ApiProblems.From(created);
        }

        var location = $"/api/v1/cards/{created.Value!.Id}";
        ETags.Set(http.Response, created.Value.Version);
        var card = await queries.GetAsync(actor, created.Value.Id, ct);
        return card.Succeeded ? TypedResults.Created(location, CardResource.From(card.Value!)) : TypedResults.Created(location);
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpContext http, CustomerCardService cards, CustomerCardQueries queries, CancellationToken ct)
    {
        var (current, refusal) = await CurrentForWriteAsync(http, queries, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!current!.Permissions.CanEdit)
        {
            return ApiProblems.Forbidden("You cannot edit this card.");
        }

        var (body, problem) = await ApiJson.ReadObjectAsync(http.Request, mediaType: null, ct);
        if (problem is not null)
        {
            return problem;
        }

        // A PUT that leaves a section out would clear it (the probe's partial PUT wiped phones, e-mails, address and tags).
        if (CardInput.MissingSections(body!) is { Count: > 0 } missing)
        {
            return ApiProblems.Validation(missing);
        }

        return await SaveAsync(http, cards, queries, current, body!, ct);
    }

    /// <summary>JSON merge patch: the card as it is, with the members sent changed; the rest stays.</summary>
    private static async Task<IResult> PatchAsync(Guid id, HttpContext http, CustomerCardService cards, CustomerCardQueries queries, CancellationToken ct)
    {
        var (current, refusal) = await CurrentForWriteAsync(http, queries, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var (patch, problem) = await ApiJson.ReadObjectAsync(http.Request, ApiJson.MergePatchMediaType, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (current!.Permissions.ContactsMasked || !current.Permissions.CanEdit)
        {
            return ApiProblems.Forbidden("You cannot edit this card.");
        }

        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var now = System.Text.Json.JsonSerializer.SerializeToNode(CardInput.From(current.ToDraft()), options)!.AsObject();
        return await SaveAsync(http, cards, queries, current, (System.Text.Json.Nodes.JsonObject)MergePatch.Apply(now, patch)!, ct);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, CustomerCardService cards, CustomerCardQueries queries, CardDetails current,
        System.Text.Json.Nodes.JsonObject body, CancellationToken ct)
    {
        var (input, problem) = ApiJson.Bind<CardInput>(http.Request, body);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.NullItems() is { Count: > 0 } nulls)
        {
            return ApiProblems.Validation(nulls);
        }

        var saved = await cards.UpdateAsync(http.Actor(), current.Id, current.DetailsVersion, input.ToDraft(), ct);
        return saved.Succeeded ? await ReadAfterWriteAsync(http, queries, current.Id, ct) : await FailureAsync(http, queries, current.Id, current.Version, saved, ct);
    }

    private static async Task<IResult> ChangeStageAsync(Guid id, HttpContext http, CustomerCardService cards, CustomerCardQueries queries, CancellationToken ct)
    {
        var (current, refusal) = await CurrentForWriteAsync(http, queries, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var (input, problem) = await ApiJson.ReadAsync<StageChangeInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.Stage is not { } stage)
        {
            return ApiProblems.Validation([new FieldError("Stage", "stage.required", "Name the stage to move the card to.")]);
        }

        var saved = await cards.ChangeStageAsync(http.Actor(), id, current!.Version, stage, ct);
        return saved.Succeeded ? await ReadAfterWriteAsync(http, queries, id, ct) : await FailureAsync(http, queries, id, current.Version, saved, ct);
    }

    private static async Task<IResult> DuplicateCheckAsync(HttpContext http, DuplicateFinder finder, Guid? cardId, CancellationToken ct)
    {
        var (input, problem) = await ApiJson.ReadAsync<CardInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.NullItems() is { Count: > 0 } nulls)
        {
            return ApiProblems.Validation(nulls);
        }

        var similar = await finder.FindSimilarAsync(http.Actor(), input.ToDraft(), cardId, ct);
        return TypedResults.Ok(similar.Select(SimilarCardResource.From).ToList());
    }

    /// <summary>
    /// The card as the caller sees it now, when the request may write it: it exists, the caller may read it, and
    /// If-Match names its current version. Otherwise the problem to answer with (404, 403, 428 or 412).
    /// </summary>
    internal static async Task<(CardDetails? Card, IResult? Refusal)> CurrentForWriteAsync(HttpContext http, CustomerCardQueries queries, Guid id, CancellationToken ct)
    {
        var card = await queries.GetAsync(http.Actor(), id, ct);
        if (!card.Succeeded)
        {
            return (null, ApiProblems.From(card));
        }

        if (!ETags.HasIfMatch(http.Request))
        {
            return (null, ApiProblems.PreconditionRequired());
        }

        if (ETags.IsWildcard(http.Request))
        {
            return (null, ApiProblems.ConcreteVersionRequired());
        }

        return ETags.Matches(http.Request, card.Value!.Version)
            ? (card.Value, null)
            : (null, ApiProblems.PreconditionFailed(ETags.For(card.Value.Version)));
    }

    /// <summary>
    /// A refused write. A conflict means the card changed between the If-Match check and the save (412), unless its
    /// version is still the one checked, e.g. a merged card (409).
    /// </summary>
    internal static async Task<IResult> FailureAsync(HttpContext http, CustomerCardQueries queries, Guid id, int checkedVersion, CommandResult failure, CancellationToken ct)
    {
        if (failure.Status == CommandStatus.Conflict && await queries.GetAsync(http.Actor(), id, ct) is { Succeeded: true, Value: { } now } && now.Version != checkedVersion)
        {
            return ApiProblems.PreconditionFailed(ETags.For(now.Version));
        }

        return ApiProblems.From(failure);
    }

    internal static async Task<IResult> ReadAfterWriteAsync(HttpContext http, CustomerCardQueries queries, Guid id, CancellationToken ct)
    {
        var card = await queries.GetAsync(http.Actor(), id, ct);
        return card.Succeeded ? WithETag(http, card.Value!) : ApiProblems.From(card);
    }

    private static Ok<CardResource> WithETag(HttpContext http, CardDetails card)
    {
        ETags.Set(http.Response, card.Version);
        return TypedResults.Ok(CardResource.From(card));
    }
}

/// <summary>A card that looks like the one checked, with the score (0–1) and the reasons.</summary>
public sealed record SimilarCardResource(Guid Id, string Code, string DisplayName, double Score, IReadOnlyList<string> Reasons)
{
    public static SimilarCardResource From(SimilarCard card) => new(card.Id, card.Code, card.DisplayName, card.Score, MatchReasonNames.Of(card.Reasons));
}

/// <summary>The names of the set flags of <see cref="MatchReasons"/>, e.g. ["SamePhone", "SimilarName"].</summary>
public static class MatchReasonNames
{
    public static IReadOnlyList<string> Of(MatchReasons reasons) =>
        Enum.GetValues<MatchReasons>().Where(r => r != MatchReasons.None && reasons.HasFlag(r)).Select(r => r.ToString()).ToList();
}
