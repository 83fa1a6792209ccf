using System.Globalization;

namespace Dashboard.Domain.Common;

/// <summary>
/// The one rule for text entering the domain, whichever path it comes by (form, API, import cell, custom field, note,
/// list item, key or endpoint name): control characters other than tab and line breaks, unpaired surrogates and the
/// non-characters U+FFFE/U+FFFF are refused with a message for the field. Everything else (HTML, right-to-left marks,
/// emoji, rare CJK, formula prefixes) is ordinary text, stored as typed and escaped wherever it is shown.
/// <see cref="Persistence.StoredTextGuard"/> refuses to store such a character should a path ever miss this check.
/// </summary>
public static class TextInput
{
    public const string ControlCharacterCode = "text.control-character";

    /// <summary>The index of the first character that may not be stored, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool IsAllowed(string? text) => text is null || IndexOfForbidden(text) < 0;

    /// <summary>The error for <paramref name="field"/> when <paramref name="text"/> holds a character that may not be stored; otherwise null.</summary>
    public static FieldError? Check(string field, string? text)
    {
        if (text is null || IndexOfForbidden(text) is not (>= 0 and var index))
        {
            return null;
        }

        var code = char.IsSurrogate(text[index]) ? "a broken character (half of a surrogate pair)" : string.Create(CultureInfo.InvariantCulture, $"an invisible control character (U+{(int)text[index]:X4})");
        return new FieldError(field, ControlCharacterCode,
            string.Create(CultureInfo.InvariantCulture, $"The text has {code} at position {index + 1}; remove it. Only tabs and line breaks are allowed."));
    }

    /// <summary>Checks, then trims, collapses white space and normalises (<see cref="TextNormalizer.Clean"/>); null when refused or empty.</summary>
    public static string? Clean(string? raw, string field, ICollection<FieldError> errors) =>
        Refused(raw, field, errors) ? null : TextNormalizer.Clean(raw);

    /// <summary>Like <see cref="Clean(string?, string, ICollection{FieldError})"/> but keeps line breaks.</summary>
    public static string? CleanMultiline(string? raw, string field, ICollection<FieldError> errors) =>
        Refused(raw, field, errors) ? null : TextNormalizer.CleanMultiline(raw);

    /// <summary>
    /// For text the domain cannot refuse because nobody typed it here (a display name from the identity provider, a
    /// browser's user agent): the forbidden characters are dropped.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Strip(string? text)
    {
        if (text is null || IndexOfForbidden(text) < 0)
        {
            return text;
        }

        var kept = new System.Text.StringBuilder(text.Length);
        while (text.Length > 0)
        {
            var index = IndexOfForbidden(text);
            if (index < 0)
            {
                kept.Append(text);
                break;
            }

            kept.Append(text.AsSpan(0, index));
            text = text[(index + 1)..];
        }

        return kept.ToString();
    }

    private static bool Refused(string? raw, string field, ICollection<FieldError> errors)
    {
        if (Check(field, raw) is { } error)
        {
            errors.Add(error);
            return true;
        }

        return false;
    }
}
