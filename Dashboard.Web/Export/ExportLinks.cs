using System.Globalization;
using Dashboard.Domain.Export;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Web.Components.Customers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Export;

/// <summary>What is exported: the customer list, or the purchases (the Finance view).</summary>
public enum ExportSubject
{
    Cards,
    Purchases,
}

/// <summary>
/// The download URLs, and the list filters read back from them. The query string is the customer list's own
/// (<see cref="CardFilters.ToQueryParameters"/>), so a bookmarked list URL's parameters export the same cards.
/// </summary>
public static class ExportLinks
{
    public const string CardsPath = "export/cards";
    public const string PurchasesPath = "export/purchases";

    /// <summary>A relative URL, e.g. <c>export/cards.csv?stage=Active</c>.</summary>
    public static string For(ExportSubject subject, ExportFormat format, CardFilters? filters = null)
    {
        var path = (subject == ExportSubject.Cards ? CardsPath : PurchasesPath) + "." + format.ToString().ToLowerInvariant();
        if (subject == ExportSubject.Purchases || filters is null)
        {
            return path;
        }

        var parameters = filters.ToQueryParameters()
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(path, parameters);
    }

    /// <summary>Reads the filters the way the customer list page reads its URL; anything malformed is ignored, as there.</summary>
    public static CardFilters ReadFilters(IQueryCollection query)
    {
        string? Text(string name) => query.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
        Guid? Id(string name) => Guid.TryParse(Text(name), out var id) ? id : null;
        int? Number(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        bool Flag(string name) => bool.TryParse(Text(name), out var b) && b;

        var tier = Text("tier");
        return new CardFilters(
            Text("q"),
            Enum.TryParse<LifecycleStage>(Text("stage"), out var stage) ? stage : null,
            Enum.TryParse<CustomerTier>(tier, out var t) ? t : null,
            Id("owner"), Number("tag"), Number("region"), Number("industry"),
            Id("team"),
            string.Equals(tier, CardFilters.NoTier, StringComparison.OrdinalIgnoreCase),
            CardFilters.ParseActivity(Text("activity"), Text("reached"), Text("from"), Text("to")),
            Enum.TryParse<QualityBand>(Text("quality"), ignoreCase: true, out var band) && Enum.IsDefined(band) ? band : null,
            Flag("overdue"),
            CardFilters.ParseRule(Text("rule")),
            Flag("shared"));
    }
}
