using Dashboard.Domain.Duplicates;
using Dashboard.Web.Api.Cards;

namespace Dashboard.Web.Api.Duplicates;

/// <summary><c>/api/v1/duplicates</c>: the duplicate queue through <see cref="DuplicateQueue"/>, pairs whose two cards the caller may see.</summary>
public static class DuplicateEndpoints
{
    public static RouteGroupBuilder MapDuplicateEndpoints(this RouteGroupBuilder api)
    {
        var duplicates = api.MapGroup("/duplicates").WithTags("Duplicates");
        duplicates.MapGet("/", ListAsync)
            .WithName("ListDuplicateCandidates").WithSummary("Suspected duplicate pairs, highest score first")
            .Produces<PageResource<DuplicateCandidateResource>>().ProducesValidationProblem();
        duplicates.MapPost("/{id:guid}/dismiss", DismissAsync)
            .WithName("DismissDuplicateCandidate").WithSummary("\"Not the same customer\": a TeamLead of both cards' team, or an Admin")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(DuplicateStatus? status, int? page, int? pageSize, HttpContext http, DuplicateQueue queue, CancellationToken ct)
    {
        var (index, size, errors) = Paging.Read(page, pageSize);
        if (errors.Count > 0)
        {
            return ApiProblems.BadQuery(errors);
        }

        var result = await queue.ListAsync(http.Actor(), status ?? DuplicateStatus.Open, index, size, ct);
        return TypedResults.Ok(new PageResource<DuplicateCandidateResource>(result.Items.Select(DuplicateCandidateResource.From).ToList(), index + 1, size, result.TotalCount));
    }

    private static async Task<IResult> DismissAsync(Guid id, HttpContext http, DuplicateQueue queue, CancellationToken ct)
    {
        var result = await queue.DismissAsync(http.Actor(), id, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.From(result);
    }
}

public sealed record DuplicateCardResource(Guid Id, string Code, string DisplayName, string OwnerName);

/// <summary>A suspected pair: its score (0–1), why the cards match, and whether the caller may decide on it.</summary>
public sealed record DuplicateCandidateResource(
    Guid Id, DuplicateCardResource CardA, DuplicateCardResource CardB, double Score, IReadOnlyList<string> Reasons, DuplicateStatus Status, DateTime FoundAt, bool CanDecide)
{
    public static DuplicateCandidateResource From(CandidateView c) => new(
        c.Id, Card(c.A), Card(c.B), c.Score, MatchReasonNames.Of(c.Reasons), c.Status, c.FoundAt, c.CanDecide);

    private static DuplicateCardResource Card(CandidateCard card) => new(card.Id, card.Code, card.DisplayName, card.OwnerName);
}
