using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Domain.Customers;

/// <summary>The human-readable card code, <c>C-</c> and six or more digits, derived from the card number.</summary>
public static partial class CardCode
{
    public static string Format(long number) => "C-" + number.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Reads "C-000042", "c42" or "C 42" as card number 42.</summary>
    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        return match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }

    [GeneratedRegex(@"^[Cc][-\s]?(\d{1,12})$")]
    private static partial Regex Pattern();
}
