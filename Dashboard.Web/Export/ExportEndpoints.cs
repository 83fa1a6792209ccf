using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Export;
using Dashboard.Web.Auth;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Export;

/// <summary>
/// The download endpoints behind the Export menu: <c>GET /export/cards.csv|xlsx?&lt;list query&gt;</c> and
/// <c>GET /export/purchases.csv|xlsx</c>. Signed-in users only (the fallback policy); the domain's export rules
/// decide the rest, so a role that may not export gets 403 however it asks.
/// </summary>
public static class ExportEndpoints
{
    private const string CsvType = "text/csv; charset=utf-8";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/" + ExportLinks.CardsPath + ".{format}", ExportCardsAsync);
        app.MapGet("/" + ExportLinks.PurchasesPath + ".{format}", ExportPurchasesAsync);
        return app;
    }

    private static async Task<IResult> ExportCardsAsync(
        string format, HttpContext http, ActorResolver actors, CardExportService exports, IOptions<DisplayOptions> display,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        var (kind, actor, refusal) = await AdmitAsync(format, http, actors, ExportAccess.CanExportCards, localizer["Your role cannot export customer cards."]);
        if (refusal is not null)
        {
            return refusal;
        }

        var zone = display.Value.Zone;
        var today = DateOnly.FromDateTime(display.Value.ToLocal(clock.GetUtcNow().UtcDateTime));
        // In code order: a complete file even while colleagues edit cards, read in batches after the last code.
        var query = ExportLinks.ReadFilters(http.Request.Query).ToQuery(CardSort.Code, descending: false, 0, CardListQuery.MaxPageSize, zone, today);
        return Results.Stream(
            body => exports.ExportCardsAsync(actor, query, kind, body, text => localizer[text], http.RequestAborted),
            ContentType(kind), FileName("customers", kind, display.Value, clock));
    }

    private static async Task<IResult> ExportPurchasesAsync(
        string format, HttpContext http, ActorResolver actors, CardExportService exports, IOptions<DisplayOptions> display,
        TimeProvider clock, IStringLocalizer<SharedResource> localizer)
    {
        var (kind, actor, refusal) = await AdmitAsync(format, http, actors, ExportAccess.CanExportPurchases, localizer["Your role cannot export purchases."]);
        if (refusal is not null)
        {
            return refusal;
        }

        return Results.Stream(
            body => exports.ExportPurchasesAsync(actor, kind, body, text => localizer[text], http.RequestAborted),
            ContentType(kind), FileName("purchases", kind, display.Value, clock));
    }

    /// <summary>
    /// The checks both downloads make before streaming: a known format (else 404), a signed-in staff member (else the
    /// sign-in challenge) whose role may export this (else 403 with <paramref name="forbidden"/>). Admitted answers are not cached.
    /// </summary>
    private static async Task<(ExportFormat Kind, Actor Actor, IResult? Refusal)> AdmitAsync(
        string format, HttpContext http, ActorResolver actors, Func<Actor, bool> mayExport, string forbidden)
    {
        if (!TryFormat(format, out var kind))
        {
            return (kind, null!, Results.NotFound());
        }

        var actor = await actors.ResolveAsync(http.User, http.RequestAborted);
        if (actor is null)
        {
            return (kind, null!, Results.Challenge());
        }

        if (!mayExport(actor))
        {
            return (kind, actor, Results.Text(forbidden, statusCode: StatusCodes.Status403Forbidden));
        }

        http.Response.Headers.CacheControl = "no-store";
        return (kind, actor, null);
    }

    private static bool TryFormat(string format, out ExportFormat kind) =>
        Enum.TryParse(format, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !format.Any(char.IsDigit);

    private static string ContentType(ExportFormat format) => format == ExportFormat.Csv ? CsvType : XlsxType;

    /// <summary>e.g. customers-2026-03-02-0900.xlsx, in the display time zone.</summary>
    private static string FileName(string what, ExportFormat format, DisplayOptions display, TimeProvider clock) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}-{display.ToLocal(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd-HHmm}.{format.ToString().ToLowerInvariant()}");
}
