using Dashboard.Domain.Common;

namespace Dashboard.Web.Api;

/// <summary>
/// Turns domain command outcomes into <c>application/problem+json</c>: field errors as a validation problem (422),
/// refusals as 403, missing records as 404 and conflicts as 409, always with the domain's own message.
/// </summary>
public static class ApiProblems
{
    public const int UnprocessableStatus = StatusCodes.Status422UnprocessableEntity;

    public static IResult From(CommandResult failure) => failure.Status switch
    {
        CommandStatus.Invalid => Validation(failure.Errors),
        CommandStatus.Forbidden => Forbidden(failure.Message),
        CommandStatus.NotFound => NotFound(failure.Message),
        CommandStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: failure.Message),
        _ => throw new ArgumentException("Only failures have a problem.", nameof(failure)),
    };

    /// <summary>Field errors keyed by the field's name (e.g. <c>Phones[0]</c>); the codes are listed beside them.</summary>
    public static IResult Validation(IReadOnlyList<FieldError> errors, int status = UnprocessableStatus) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            statusCode: status,
            title: "Some fields need attention",
            detail: "Nothing was saved.",
            extensions: new Dictionary<string, object?> { ["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()) });

    public static IResult UnsupportedMediaType() =>
        Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the body as application/json.");

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static IResult BadQuery(IReadOnlyList<FieldError> errors) => Validation(errors, StatusCodes.Status400BadRequest);

    public static IResult Forbidden(string? detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail ?? "Your role cannot do this.");

    public static IResult NotFound(string? detail = null) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail ?? "There is nothing at this address.");

    public static IResult PreconditionRequired() =>
        Results.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match required",
            detail: "Send the card's ETag in an If-Match header, so that a change someone else saved meanwhile is never overwritten. GET the card to read it.");

    public static IResult ConcreteVersionRequired() =>
        Results.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "A concrete version is required",
            detail: "If-Match: * is not accepted for card writes: name the ETag of the version you read (GET the card to read it), so that a change someone else saved meanwhile is never overwritten.");

    public static IResult PreconditionFailed(string etag) =>
        Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The card has changed",
            detail: "Someone else saved this card after the version your If-Match names. Nothing was saved: GET the card, apply your change to it and send it with the new ETag.",
            extensions: new Dictionary<string, object?> { ["currentETag"] = etag });
}
