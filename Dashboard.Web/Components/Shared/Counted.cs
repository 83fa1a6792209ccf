using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A count with its noun in the right number: "1 new card", "2 new cards". Each phrase is two resources (one and
/// other), so a language without plural forms (Chinese) gives both the same text.
/// </summary>
public static class Counted
{
    public static string Phrase(IStringLocalizer<SharedResource> L, long count, string one, string other) =>
        string.Format(CultureInfo.CurrentCulture, L[count == 1 ? one : other], count.ToString("N0", CultureInfo.CurrentCulture));
}
