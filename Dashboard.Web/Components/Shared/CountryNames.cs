using System.Globalization;
using Dashboard.Domain.Customers;

namespace Dashboard.Web.Components.Shared;

/// <summary>Country names in the UI language (from the platform's ICU data), for the regions phones can be read in.</summary>
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
            return $"{new RegionInfo(code).DisplayName} ({code})";
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>The countries whose name or code contains <paramref name="text"/> (any case), by name.</summary>
    public static IEnumerable<string> Matching(string? text)
    {
        var all = PhoneNumber.SupportedRegions.Select(code => (Code: code, Name: Of(code))).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase);
        var term = text?.Trim();
        return string.IsNullOrEmpty(term)
            ? all.Select(c => c.Code)
            : all.Where(c => c.Name.Contains(term, StringComparison.CurrentCultureIgnoreCase)).Select(c => c.Code);
    }
}
