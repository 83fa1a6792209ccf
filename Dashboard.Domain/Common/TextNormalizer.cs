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

        var normalized = Nfc(value).Trim();
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

        var normalized = Nfc(value).Replace("\r\n", "\n").Trim();
        return normalized.Length == 0 ? null : normalized;
    }

    /// <summary>
    /// NFC; a text with half a surrogate pair (which <see cref="TextInput"/> refuses before anything is stored, but a
    /// search box or a duplicate check may still see) is normalised with the half replaced by U+FFFD instead of failing.
    /// </summary>
    private static string Nfc(string value)
    {
        if (TextInput.IndexOfForbidden(value) < 0 || !value.Any(char.IsSurrogate))
        {
            return value.Normalize(NormalizationForm.FormC);
        }

        var repaired = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                repaired.Append(c).Append(value[++i]);
            }
            else
            {
                repaired.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return repaired.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"[\s\u3000]+")]
    private static partial Regex InnerWhiteSpace();
}
