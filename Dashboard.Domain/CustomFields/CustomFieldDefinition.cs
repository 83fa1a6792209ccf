using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.CustomFields;

/// <summary>The kind of value an admin-defined field holds.</summary>
public enum CustomFieldType
{
    Text,
    Number,
    Date,
    SingleChoice,
    MultiChoice,
}

/// <summary>An admin-defined extra field on cards, validated like the built-in ones.</summary>
public sealed partial class CustomFieldDefinition
{
    public const int LabelMaxLength = 100;
    public const int TextValueMaxLength = 1000;
    public const int OptionMaxLength = 100;

    /// <summary>Separates the chosen options of a multi-choice value, e.g. "Email; WeChat".</summary>
    public const string MultiChoiceSeparator = "; ";

    private List<string> _options = [];

    private CustomFieldDefinition()
    {
        Label = string.Empty;
    }

    public CustomFieldDefinition(string label, CustomFieldType type, bool isRequired, IEnumerable<string>? options, CardKind? appliesTo, int sortOrder)
    {
        Label = label;
        Type = type;
        IsRequired = isRequired;
        _options = options?.ToList() ?? [];
        AppliesTo = appliesTo;
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Label { get; private set; }

    public CustomFieldType Type { get; private set; }

    public bool IsRequired { get; private set; }

    /// <summary>The choices, for single and multi choice fields.</summary>
    public IReadOnlyList<string> Options => _options;

    /// <summary>Null when the field applies to both kinds of card.</summary>
    public CardKind? AppliesTo { get; private set; }

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; }

    public bool IsChoice => Type is CustomFieldType.SingleChoice or CustomFieldType.MultiChoice;

    public bool AppliesToKind(CardKind kind) => AppliesTo is null || AppliesTo == kind;

    /// <summary>Checks a typed value and returns it in its stored form (numbers invariant, dates ISO-8601).</summary>
    public bool TryNormalize(string? raw, out string? normalized, out string? error)
    {
        normalized = null;
        error = null;
        var text = TextNormalizer.Clean(raw);
        if (text is null)
        {
            if (IsRequired)
            {
                error = $"{Label} is required.";
                return false;
            }

            return true;
        }

        switch (Type)
        {
            case CustomFieldType.Text:
                if (text.Length > TextValueMaxLength)
                {
                    error = $"{Label} must be at most {TextValueMaxLength} characters.";
                    return false;
                }

                normalized = text;
                return true;
            case CustomFieldType.Number:
                // Thousands separators only where they group thousands: "12,5" is a typo, not 125.
                if (!NumberPattern().IsMatch(text)
                    || !decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{Label} must be a number, e.g. 1234.5.";
                    return false;
                }

                normalized = number.ToString(CultureInfo.InvariantCulture);
                return true;
            case CustomFieldType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    error = $"{Label} must be a date written YYYY-MM-DD.";
                    return false;
                }

                normalized = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return true;
            case CustomFieldType.SingleChoice:
                var option = _options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
                if (option is null)
                {
                    error = $"{Label} must be one of: {string.Join(", ", _options)}.";
                    return false;
                }

                normalized = option;
                return true;
            case CustomFieldType.MultiChoice:
                var chosen = new List<string>();
                foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var match = _options.FirstOrDefault(o => string.Equals(o, part, StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        error = $"{Label}: \"{part}\" is not one of: {string.Join(", ", _options)}.";
                        return false;
                    }

                    if (!chosen.Contains(match))
                    {
                        chosen.Add(match);
                    }
                }

                normalized = chosen.Count == 0 ? null : string.Join(MultiChoiceSeparator, _options.Where(chosen.Contains));
                if (normalized is null && IsRequired)
                {
                    error = $"{Label} is required.";
                    return false;
                }

                return true;
            default:
                throw new InvalidOperationException($"Unknown field type {Type}.");
        }
    }

    internal void Update(string label, bool isRequired, IEnumerable<string> options, CardKind? appliesTo, int sortOrder)
    {
        Label = label;
        IsRequired = isRequired;
        _options = options.ToList();
        AppliesTo = appliesTo;
        SortOrder = sortOrder;
    }

    internal void SetActive(bool active) => IsActive = active;

    [GeneratedRegex(@"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex NumberPattern();
}
