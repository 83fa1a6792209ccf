using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api;

/// <summary>
/// Reads a JSON request body with a size limit. Bodies are read here rather than bound by the framework, so that
/// malformed JSON gets a problem+json answer that says what is wrong and where, and the handler never runs.
/// </summary>
public static class ApiJson
{
    /// <summary>Card bodies are small: a few kilobytes even with many contact points and custom fields.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>The <c>application/merge-patch+json</c> media type of RFC 7386, for partial updates.</summary>
    public const string MergePatchMediaType = "application/merge-patch+json";

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.UnsupportedMediaType());
        }

        var (buffer, problem) = await ReadBodyAsync(request, ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer!, Options(request));
            return value is null ? (null, ApiProblems.BadRequest("The request body is empty or null; send a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, NotValid(ex));
        }
    }

    /// <summary>
    /// The body as a JSON object, of <paramref name="mediaType"/> (application/json when null), for requests that
    /// must see which members were sent at all (a PUT that must hold every section; a merge patch).
    /// </summary>
    public static async Task<(JsonObject? Value, IResult? Problem)> ReadObjectAsync(HttpRequest request, string? mediaType, CancellationToken ct)
    {
        var type = request.ContentType is { } contentType ? contentType.Split(';')[0].Trim() : null;
        if (mediaType is null ? !request.HasJsonContentType() : !string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the body as {mediaType ?? "application/json"}."));
        }

        var (buffer, problem) = await ReadBodyAsync(request, ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return JsonNode.Parse(buffer!, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) is JsonObject body
                ? (body, null)
                : (null, ApiProblems.BadRequest("Send a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, NotValid(ex));
        }
    }

    /// <summary>Reads a JSON object already parsed as <typeparamref name="T"/>; a member of the wrong type is a 400 naming it.</summary>
    public static (T? Value, IResult? Problem) Bind<T>(HttpRequest request, JsonObject body)
        where T : class
    {
        try
        {
            return (body.Deserialize<T>(Options(request)), null);
        }
        catch (JsonException ex)
        {
            return (null, NotValid(ex));
        }
    }

    private static JsonSerializerOptions Options(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static async Task<(byte[]? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? (null, ApiProblems.BadRequest("The request body is empty; send a JSON object.")) : (buffer.ToArray(), null);
    }

    private static IResult NotValid(JsonException ex)
    {
        var where = ex.Path is null ? string.Empty : $" at {ex.Path} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})";
        return ApiProblems.BadRequest($"The request body is not valid JSON for this request{where}. Nothing was saved.");
    }

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large", detail: $"The body may be at most {MaxBodyBytes / 1024} KB.");
}
