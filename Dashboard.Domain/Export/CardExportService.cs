using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Export;

/// <summary>
/// Exports the customer list as the actor sees it, with the same filters, as CSV or XLSX: every matching card, not
/// only the page on screen. Rows are read through <see cref="CustomerCardQueries.ReadAllAsync"/> a batch at a time, so
/// visibility, filters and the masking of contact values are exactly those of the list, and memory holds one
/// page of rows rather than every card. Finance (and the other roles that see all purchases) export the
/// purchases instead, read in one streamed query. Each export is audited with its filter and row count.
/// </summary>
public sealed class CardExportService(
    CustomerCardQueries queries,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    ILogger<CardExportService> logger)
{
    public const string CardsExportedAction = "cards.exported";
    public const string PurchasesExportedAction = "purchases.exported";

    /// <summary>The columns of a cards export, in order; their names are the English header texts.</summary>
    public static IReadOnlyList<string> CardColumns { get; } =
    [
        "Code", "Kind", "Name", "Company", "Stage", "Tier", "Quality score", "Quality", "Owner", "Phone", "E-mail",
        "Region", "Industry", "Tags", "Next follow-up", "Updated (UTC)",
    ];

    public static IReadOnlyList<string> PurchaseColumns { get; } =
        ["Card code", "Customer", "Product", "Purchased on", "Quantity", "Amount", "Currency"];

    /// <summary>
    /// Writes every card matching <paramref name="query"/> (its paging is ignored; its sort is kept) to <paramref name="output"/>.
    /// Refused, with nothing written, for roles that may not export. A card that moves to an earlier page while the
    /// export runs (edited, under a "last updated first" sort) is missed and one that moves later is written once:
    /// sort by code, as the download endpoint does, for a complete file while others keep working.
    /// </summary>
    /// <param name="translate">Turns the English header and value names into the user's language; none keeps English.</param>
    public async Task<CommandResult<ExportResult>> ExportCardsAsync(
        Actor actor, CardListQuery query, ExportFormat format, Stream output, Func<string, string>? translate = null, CancellationToken ct = default)
    {
        if (!ExportAccess.CanExportCards(actor))
        {
            return CommandResult<ExportResult>.From(CommandResult.Forbidden("Your role cannot export customer cards."));
        }

        translate ??= static text => text;
        var rows = 0;
        var completed = false;
        try
        {
            await using var table = ExportTable.Create(format, output, translate("Customers"));
            await table.WriteHeaderAsync(CardColumns.Select(translate), ct);
            var seen = new HashSet<Guid>();
            await foreach (var batch in queries.ReadAllAsync(actor, query, ct: ct))
            {
                foreach (var card in batch.Where(c => seen.Add(c.Id)))
                {
                    await table.WriteRowAsync(CardRow(card, translate), ct);
                    rows++;
                }

                await table.FlushAsync(ct);
            }

            await table.CompleteAsync(ct);
            completed = true;
        }
        finally
        {
            await AuditAsync(actor, CardsExportedAction, "cards", format, rows, completed, DescribeFilter(query));
        }

        return new ExportResult(rows);
    }

    /// <summary>Writes every purchase the actor may see (the rows of the Purchases page), newest first.</summary>
    public async Task<CommandResult<ExportResult>> ExportPurchasesAsync(
        Actor actor, ExportFormat format, Stream output, Func<string, string>? translate = null, CancellationToken ct = default)
    {
        if (!ExportAccess.CanExportPurchases(actor))
        {
            return CommandResult<ExportResult>.From(CommandResult.Forbidden("Your role cannot export purchases."));
        }

        translate ??= static text => text;
        var rows = 0;
        var completed = false;
        try
        {
            await using var table = ExportTable.Create(format, output, translate("Purchases"));
            await table.WriteHeaderAsync(PurchaseColumns.Select(translate), ct);

            // One streamed query in the Purchases page's order: the page's own paging would count and re-sort every
            // purchase for each page of 200, minutes for a few hundred thousand. The purchases are the same: those of
            // every card for the roles that see all purchases, else of the cards the actor sees.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var cards = CardAccess.CanViewAllPurchases(actor) ? db.Cards : db.Cards.Where(CardAccess.VisibleCards(actor));
            var purchases = cards.AsNoTracking()
                .SelectMany(c => c.Purchases, (c, p) => new { c.Code, c.DisplayName, c.Number, p.Id, p.Product, p.PurchasedOn, p.Quantity, p.Amount, p.Currency })
                .OrderByDescending(x => x.PurchasedOn).ThenBy(x => x.Number).ThenBy(x => x.Id)
                .AsAsyncEnumerable();
            await foreach (var purchase in purchases.WithCancellation(ct))
            {
                await table.WriteRowAsync(
                [
                    ExportValue.Text(purchase.Code), ExportValue.Text(purchase.DisplayName), ExportValue.Text(purchase.Product),
                    ExportValue.Date(purchase.PurchasedOn), ExportValue.Number(purchase.Quantity), ExportValue.Number(purchase.Amount),
                    ExportValue.Text(purchase.Currency),
                ], ct);
                if (++rows % CardListQuery.MaxPageSize == 0)
                {
                    await table.FlushAsync(ct);
                }
            }

            await table.CompleteAsync(ct);
            completed = true;
        }
        finally
        {
            await AuditAsync(actor, PurchasesExportedAction, "purchases", format, rows, completed, null);
        }

        return new ExportResult(rows);
    }

    /// <summary>The list's filters in words for the audit trail, e.g. <c>stage=Active; search="王"</c>; "all" when none.</summary>
    public static string DescribeFilter(CardListQuery query)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
            }
        }

        Add("search", string.IsNullOrWhiteSpace(query.Search) ? null : $"\"{query.Search.Trim()}\"");
        Add("stage", query.Stage);
        Add("tier", query.Tier?.ToString() ?? (query.WithoutTier ? "none" : null));
        Add("owner", query.OwnerId);
        Add("team", query.TeamId);
        Add("tag", query.TagId);
        Add("region", query.RegionId);
        Add("industry", query.IndustryId);
        Add("activity", query.Activity is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"{a.Kind}{(a.Stage is null ? string.Empty : " " + a.Stage)} {a.Period.From:yyyy-MM-dd}..{a.Period.To:yyyy-MM-dd}")
            : null);
        Add("quality", query.QualityBand);
        Add("overdue-on", query.OverdueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("rule", query.FailingRule);
        Add("shared-contact", query.SharesContact ? "true" : null);
        Add("sort", $"{query.SortBy}{(query.Descending ? " desc" : string.Empty)}");
        return string.Join("; ", parts);
    }

    private static List<ExportValue> CardRow(CardListItem card, Func<string, string> translate) =>
    [
        ExportValue.Text(card.Code),
        ExportValue.Text(translate(card.Kind.ToString())),
        ExportValue.Text(card.DisplayName),
        ExportValue.Text(card.Company),
        ExportValue.Text(translate(card.Stage.ToString())),
        ExportValue.Text(card.Tier?.ToString()),
        ExportValue.Number(card.QualityScore),
        ExportValue.Text(card.QualityBand is { } band ? translate(band.ToString()) : null),
        ExportValue.Text(card.OwnerName),
        ExportValue.Text(card.PrimaryPhone),
        ExportValue.Text(card.PrimaryEmail),
        ExportValue.Text(card.Region),
        ExportValue.Text(card.Industry),
        ExportValue.Text(card.Tags.Count == 0 ? null : string.Join("; ", card.Tags.Select(t => t.Name))),
        ExportValue.Date(card.NextFollowUp),
        ExportValue.Time(card.UpdatedAt),
    ];

    /// <summary>
    /// One audit entry per export, also when writing stopped half-way (the reader went away): what left the system
    /// is what counts. Written on its own, never failing the export it describes.
    /// </summary>
    private async Task AuditAsync(Actor actor, string action, string what, ExportFormat format, int rows, bool completed, string? filter)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var formatName = format.ToString().ToUpperInvariant();
            var count = rows.ToString(CultureInfo.InvariantCulture);
            var summary = completed
                ? $"Exported {count} {what} as {formatName}"
                : $"Export of {what} as {formatName} stopped after {count} rows";
            var changes = new List<FieldChange> { new("Format", null, formatName), new("Rows", null, count) };
            if (filter is not null)
            {
                changes.Add(new("Filter", null, filter));
                summary += $"; filter: {filter}";
            }

            AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, action, "Export", $"{what}.{format.ToString().ToLowerInvariant()}", summary, changes);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (!completed)
        {
            logger.LogWarning(ex, "Could not audit an interrupted export of {What} by {Actor}", what, actor.DisplayName);
        }
    }
}
