using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Web.Api.OpenApi;

namespace Dashboard.Web.Api.Cards;

/// <summary>
/// What happens on a card: interactions, purchases and verifications. Logging an interaction or a purchase adds to
/// the card without overwriting anything, so it needs no If-Match; a verification can correct values, so it does.
/// </summary>
public static class CardActivityEndpoints
{
    public static RouteGroupBuilder MapCardActivityEndpoints(this RouteGroupBuilder api)
    {
        var card = api.MapGroup("/cards/{id:guid}");
        card.MapGet("/interactions", InteractionsAsync).WithTags("Interactions")
            .WithName("ListInteractions").WithSummary("A card's interactions, newest first")
            .Produces<IReadOnlyList<InteractionResource>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        card.MapPost("/interactions", LogInteractionAsync).WithTags("Interactions")
            .WithName("LogInteraction").WithSummary("Log a call, e-mail, meeting, chat, feedback or complaint (who may edit the card)")
            .Accepts<InteractionInput>("application/json")
            .Produces<CardChangeResource>(StatusCodes.Status201Created).ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        card.MapGet("/purchases", CardPurchasesAsync).WithTags("Purchases")
            .WithName("ListCardPurchases").WithSummary("A card's purchases, newest first (who may see the card and its purchases)")
            .Produces<IReadOnlyList<PurchaseResource>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        card.MapPost("/purchases", RecordPurchaseAsync).WithTags("Purchases")
            .WithName("RecordPurchase").WithSummary("Record a purchase (Finance on any card; Sales on their own and their team's)")
            .Accepts<PurchaseInput>("application/json")
            .Produces<CardChangeResource>(StatusCodes.Status201Created).ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        card.MapPost("/verifications", VerifyAsync).WithMetadata(new IfMatchRequired()).WithTags("Verifications")
            .WithName("VerifyCard").WithSummary("Record what the customer confirmed, corrected or could not be reached on; needs If-Match")
            .Accepts<VerificationInput>("application/json")
            .Produces<CardResource>().ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapGet("/purchases", PurchasesAsync).WithTags("Purchases")
            .WithName("ListPurchases").WithSummary("Purchases you may see on every card, newest first (Finance, SalesManager and Admin: all)")
            .Produces<PageResource<PurchaseResource>>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> InteractionsAsync(Guid id, HttpContext http, CustomerCardQueries queries, CancellationToken ct)
    {
        var card = await queries.GetAsync(http.Actor(), id, ct);
        return card.Succeeded
            ? TypedResults.Ok(card.Value!.Interactions.Select(InteractionResource.From).ToList())
            : ApiProblems.From(card);
    }

    private static async Task<IResult> LogInteractionAsync(Guid id, HttpContext http, CustomerCardService cards, CancellationToken ct)
    {
        var (input, problem) = await ApiJson.ReadAsync<InteractionInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (input!.Kind is not { } kind)
        {
            return ApiProblems.Validation([new FieldError("Kind", "interaction.kind-required", "Say what kind of interaction it was.")]);
        }

        var draft = new InteractionDraft { Kind = kind, OccurredAt = input.OccurredAt?.UtcDateTime, Summary = input.Summary, Outcome = input.Outcome };
        var saved = await cards.LogInteractionAsync(http.Actor(), id, draft, ct);
        return Created(http, id, "interactions", saved);
    }

    private static async Task<IResult> CardPurchasesAsync(Guid id, HttpContext http, CustomerCardQueries queries, CancellationToken ct)
    {
        var card = await queries.GetAsync(http.Actor(), id, ct);
        if (!card.Succeeded)
        {
            return ApiProblems.From(card);
        }

        return card.Value!.Purchases is { } purchases
            ? TypedResults.Ok(purchases.Select(PurchaseResource.From).ToList())
            : ApiProblems.Forbidden("Your role cannot see this card's purchases.");
    }

    private static async Task<IResult> RecordPurchaseAsync(Guid id, HttpContext http, CustomerCardService cards, CancellationToken ct)
    {
        var (input, problem) = await ApiJson.ReadAsync<PurchaseInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var draft = new PurchaseDraft { Product = input!.Product, PurchasedOn = input.PurchasedOn, Quantity = input.Quantity ?? 1, Amount = input.Amount, Currency = input.Currency };
        var saved = await cards.RecordPurchaseAsync(http.Actor(), id, draft, ct);
        return Created(http, id, "purchases", saved);
    }

    private static async Task<IResult> PurchasesAsync(int? page, int? pageSize, HttpContext http, CustomerCardQueries queries, CancellationToken ct)
    {
        var (index, size, errors) = Paging.Read(page, pageSize);
        if (errors.Count > 0)
        {
            return ApiProblems.BadQuery(errors);
        }

        var result = await queries.ListPurchasesAsync(http.Actor(), index, size, ct);
        return TypedResults.Ok(new PageResource<PurchaseResource>(result.Items.Select(PurchaseResource.From).ToList(), index + 1, size, result.TotalCount));
    }

    private static async Task<IResult> VerifyAsync(Guid id, HttpContext http, VerificationService verification, CustomerCardQueries queries, CancellationToken ct)
    {
        var (current, refusal) = await CardEndpoints.CurrentForWriteAsync(http, queries, id, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var (input, problem) = await ApiJson.ReadAsync<VerificationInput>(http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var items = (input!.Items ?? []).Select(i => new VerificationItem(
            i.ContactPointId is null ? i.Field ?? QualityFields.None : QualityFields.None, i.ContactPointId,
            i.Outcome ?? (VerificationOutcome)(-1), i.Method ?? (VerificationMethod)(-1), i.NewValue)).ToList();
        var saved = await verification.VerifyAsync(http.Actor(), id, current!.DetailsVersion, items, ct);
        return saved.Succeeded
            ? await CardEndpoints.ReadAfterWriteAsync(http, queries, id, ct)
            : await CardEndpoints.FailureAsync(http, queries, id, current.Version, saved, ct);
    }

    private static IResult Created(HttpContext http, Guid id, string what, CommandResult<int> saved)
    {
        if (!saved.Succeeded)
        {
            return ApiProblems.From(saved);
        }

        ETags.Set(http.Response, saved.Value);
        return TypedResults.Created($"/api/v1/cards/{id}/{what}", new CardChangeResource(id, saved.Value));
    }
}

/// <summary>An interaction to log. <c>occurredAt</c> defaults to now; give it with an offset or as UTC ("Z").</summary>
public sealed record InteractionInput(InteractionKind? Kind, DateTimeOffset? OccurredAt, string? Summary, string? Outcome);

public sealed record InteractionResource(Guid Id, InteractionKind Kind, DateTime OccurredAt, string StaffName, string Summary, string? Outcome)
{
    public static InteractionResource From(InteractionView i) => new(i.Id, i.Kind, i.OccurredAt, i.StaffName, i.Summary, i.Outcome);
}

/// <summary>A purchase to record: the amount with at most two decimals, in an ISO 4217 currency (default CNY).</summary>
public sealed record PurchaseInput(string? Product, DateOnly? PurchasedOn, decimal? Quantity, decimal? Amount, string? Currency = "CNY");

public sealed record PurchaseResource(Guid Id, string CardCode, string CardName, string Product, DateOnly PurchasedOn, decimal Quantity, decimal Amount, string Currency)
{
    public static PurchaseResource From(PurchaseView p) => new(p.Id, p.CardCode, p.CardName, p.Product, p.PurchasedOn, p.Quantity, p.Amount, p.Currency);
}

/// <summary>The card a change was saved on and its new version (also sent as the ETag).</summary>
public sealed record CardChangeResource(Guid CardId, int Version);

/// <summary>The values checked with the customer in one verification.</summary>
public sealed record VerificationInput(IReadOnlyList<VerificationItemInput>? Items);

/// <summary>
/// One value: a basic <c>field</c> (Name, Company, Title or Address) or a <c>contactPointId</c> from the card's phones
/// and e-mails; <c>newValue</c> is the customer's value when the outcome is Corrected.
/// </summary>
public sealed record VerificationItemInput(QualityFields? Field, Guid? ContactPointId, VerificationOutcome? Outcome, VerificationMethod? Method, string? NewValue);
