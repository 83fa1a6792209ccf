using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Domain.Common;

/// <summary>Trims, collapses inner white space and Unicode-normalises (NFC) free text.</summary>
public static partial class TextNormalizer
{
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var normalized = value.Normalize(NormalizationForm.FormC).Trim();
        normalized = InnerWhiteSpace().Replace(normalized, " ");
        return normalized.Length == 0 ? null : normalized;
    }

    /// <summary>Like <see cref="Clean"/> but keeps line breaks, for multi-line notes.</summary>
    public static string? CleanMultiline(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var normalized = value.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n").Trim();
        return normalized.Length == 0 ? null : normalized;
    }

    [GeneratedRegex(@"[\s\u3000]+")]
    private static partial Regex InnerWhiteSpace();
}
