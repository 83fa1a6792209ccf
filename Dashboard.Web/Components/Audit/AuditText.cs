using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Audit;

/// <summary>
/// An audit entry as people read it. The entries themselves keep the stable internal names they were chained with
/// ("SpecialNeeds", "AtRisk", times in UTC); the trail shows field names and stage, tier and interaction names in the
/// UI language, and every time in the display time zone, like the rest of the app.
/// </summary>
public static partial class AuditText
{
    private static readonly HashSet<string> EnumNames = new(
        Enum.GetNames<LifecycleStage>().Concat(Enum.GetNames<CustomerTier>()).Concat(Enum.GetNames<InteractionKind>()),
        StringComparer.Ordinal);

    // Field names whose label in the UI is not simply their words.
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["NextFollowUp"] = "Next follow-up",
        ["Email"] = "E-mail",
        ["Emails"] = "E-mails",
    };

    /// <summary>"SpecialNeeds" → "Special needs" (then the UI language's word for it when there is one).</summary>
    public static string Field(IStringLocalizer<SharedResource> L, string field)
    {
        var words = FieldLabels.GetValueOrDefault(field) ?? Words(field);
        var localized = L[words];
        return localized.ResourceNotFound ? words : localized.Value;
    }

    /// <summary>"card.stage-changed" → "Card stage changed" (then the UI language's words for it when there are some).</summary>
    public static string Action(IStringLocalizer<SharedResource> L, string action)
    {
        if (string.IsNullOrWhiteSpace(action) || action.Any(c => !(char.IsAsciiLetterLower(c) || c is '.' or '-')))
        {
            return action;
        }
        var words = action.Replace('.', ' ').Replace('-', ' ');
        words = char.ToUpperInvariant(words[0]) + words[1..];
        var localized = L[words];
        return localized.ResourceNotFound ? words : localized.Value;
    }

    /// <summary>A value with stage, tier and interaction names translated and UTC times shown in the display zone.</summary>
    public static string? Value(IStringLocalizer<SharedResource> L, DisplayOptions display, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }
        if (EnumNames.Contains(value))
        {
            return Name(L, value);
        }
        return LocalTimes(display, value);
    }

    /// <summary>A summary line: UTC times in the display zone, and stage, tier and interaction names translated.</summary>
    public static string? Summary(IStringLocalizer<SharedResource> L, DisplayOptions display, string? summary) =>
        string.IsNullOrEmpty(summary)
            ? summary
            : NameToken().Replace(LocalTimes(display, summary), m => EnumNames.Contains(m.Value) ? Name(L, m.Value) : m.Value);

    /// <summary>Rewrites every UTC time in <paramref name="text"/> ("2026-03-28 02:00Z", "2026-03-28T02:00:00.000Z") as local "yyyy-MM-dd HH:mm".</summary>
    public static string LocalTimes(DisplayOptions display, string text) =>
        UtcTime().Replace(text, m =>
            DateTime.TryParse(m.Value.Replace(' ', 'T'), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
                ? display.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : m.Value);

    private static string Name(IStringLocalizer<SharedResource> L, string name)
    {
        var localized = L[name];
        return localized.ResourceNotFound ? Words(name) : localized.Value;
    }

    private static string Words(string pascal)
    {
        if (pascal.Length == 0 || pascal.Any(c => !char.IsAsciiLetterOrDigit(c)) || pascal.All(char.IsUpper))
        {
            return pascal;
        }
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex UtcTime();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex NameToken();
}
