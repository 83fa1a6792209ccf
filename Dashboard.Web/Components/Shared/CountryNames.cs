using System.Globalization;
using Dashboard.Domain.Customers;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Country names for the regions phones can be read in, from the platform's ICU data. In English, like every other text of
/// the UI (the app ships English resources only): the request culture may be Chinese, and a Chinese country name amid
/// English labels would read as a mistake. The name comes with its ISO code, which reads the same in any language.
/// </summary>
public static class CountryNames
{
    /// <summary>"Germany (DE)"; the bare code when the platform has no name for it.</summary>
    public static string Of(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return string.Empty;
        }

        try
        {
            return $"{new RegionInfo(code).EnglishName} ({code})";
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>The countries whose name or code contains <paramref name="text"/> (any case), by name.</summary>
    public static IEnumerable<string> Matching(string? text)
    {
        var all = PhoneNumber.SupportedRegions.Select(code => (Code: code, Name: Of(code))).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var term = text?.Trim();
        return string.IsNullOrEmpty(term)
            ? all.Select(c => c.Code)
            : all.Where(c => c.Name.Contains(term, StringComparison.OrdinalIgnoreCase)).Select(c => c.Code);
    }
}
