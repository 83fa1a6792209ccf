using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Import;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Web.Api.Imports;

/// <summary>
/// <c>POST /api/v1/imports</c>: a CSV or XLSX file as multipart form data, through <see cref="ImportWorkflow"/> like the
/// import wizard, answering with the same report. <c>dryRun</c> must be given: true checks and reports, false commits
/// every valid row in one transaction.
/// </summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/imports", ImportAsync).WithTags("Imports")
            .WithName("ImportCards").WithSummary("Import cards from a CSV or XLSX file (TeamLead: their team; Admin: all)")
            .WithDescription("Form fields: file (required), dryRun (true|false, required; also accepted in the query string), duplicateMode " +
                "(Skip, Update, Create or FlagForReview; default Skip), mapping (a JSON object header → field key, e.g. {\"手机\":\"Phone\"}), " +
                "encoding (utf-8 or gb18030), delimiter, defaultOwnerId. Answers with the import report: counts, per-cell errors and a preview.")
            .Accepts<ImportUpload>("multipart/form-data")
            .Produces<ImportReport>().ProducesValidationProblem(ApiProblems.UnprocessableStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ImportWorkflow imports, CancellationToken ct)
    {
        var request = http.Request;
        if (!request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the file as multipart/form-data in a field named \"file\".");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The file limit plus room for the form's other fields; the workflow checks the file itself.
            limit.MaxRequestBodySize = imports.MaxBytes + (1024 * 1024);
        }

        if (request.ContentLength > imports.MaxBytes + (1024 * 1024))
        {
            return TooLarge(imports.MaxBytes);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? TooLarge(imports.MaxBytes)
                : ApiProblems.BadRequest("The multipart form could not be read: " + ex.Message);
        }

        var (upload, errors) = Read(form, request.Query);
        if (errors.Count > 0)
        {
            return ApiProblems.BadQuery(errors);
        }

        await using var content = upload.File!.OpenReadStream();
        var result = await imports.ImportFileAsync(http.Actor(), content, upload.File.FileName, upload.Request, progress: null, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.From(result);
    }

    private static (ImportUploadValues Upload, IReadOnlyList<FieldError> Errors) Read(IFormCollection form, IQueryCollection query)
    {
        var errors = new List<FieldError>();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors.Add(new("file", "import.file-required", "Attach the CSV or XLSX file in a form field named \"file\"."));
        }

        string? Value(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim()
            : query.TryGetValue(name, out var q) && !string.IsNullOrWhiteSpace(q) ? q.ToString().Trim() : null;

        var dryRun = Value("dryRun") switch
        {
            { } text when bool.TryParse(text, out var parsed) => parsed,
            _ => (bool?)null,
        };
        if (dryRun is null)
        {
            errors.Add(new("dryRun", "import.dry-run-required", "Say dryRun=true to check the file and see the report, or dryRun=false to import it."));
        }

        var mode = DuplicateMode.Skip;
        if (Value("duplicateMode") is { } modeText && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            errors.Add(new("duplicateMode", "import.mode", "Choose what to do with duplicates: Skip, Update, Create or FlagForReview."));
        }

        Dictionary<string, string?>? mapping = null;
        if (Value("mapping") is { } mappingText)
        {
            try
            {
                mapping = JsonSerializer.Deserialize<Dictionary<string, string?>>(mappingText);
            }
            catch (JsonException)
            {
                errors.Add(new("mapping", "import.mapping-json", "Give the mapping as a JSON object of column header to field key, e.g. {\"Mobile\":\"Phone\"}."));
            }
        }

        Guid? owner = null;
        if (Value("defaultOwnerId") is { } ownerText)
        {
            if (Guid.TryParse(ownerText, out var ownerId))
            {
                owner = ownerId;
            }
            else
            {
                errors.Add(new("defaultOwnerId", "import.owner-id", "Give the default owner as a staff member's id (a GUID)."));
            }
        }

        var request = new ImportRequest
        {
            DryRun = dryRun ?? true,
            DuplicateMode = mode,
            Mapping = mapping,
            Encoding = Value("encoding"),
            Delimiter = form.TryGetValue("delimiter", out var delimiter) && delimiter.Count > 0 && delimiter.ToString().Length > 0 ? delimiter.ToString() : Value("delimiter"),
            DefaultOwnerId = owner,
            DefaultRegion = Value("defaultRegion"),
        };
        return (new ImportUploadValues(file, request), errors);
    }

    private static IResult TooLarge(long maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
            detail: $"The file may be at most {maxBytes / (1024 * 1024)} MB.");

    private sealed record ImportUploadValues(IFormFile? File, ImportRequest Request);
}

/// <summary>The multipart form of an import, as the OpenAPI document describes it.</summary>
public sealed class ImportUpload
{
    public required IFormFile File { get; init; }

    public bool DryRun { get; init; }

    public DuplicateMode? DuplicateMode { get; init; }

    /// <summary>A JSON object: column header → field key ("Name", "Phone", "custom:3", …); a blank key ignores the column.</summary>
    public string? Mapping { get; init; }

    public string? Encoding { get; init; }

    public string? Delimiter { get; init; }

    public Guid? DefaultOwnerId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country (e.g. "AU") of rows without a Country column: their phones are read as its numbers. Empty: the app's default phone region.</summary>
    public string? DefaultRegion { get; init; }
}
