using System.Globalization;
using System.Text;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;

namespace Dashboard.Domain.Import;

/// <summary>A field an import column can fill: its key (as <see cref="ImportRequest.Mapping"/> names it) and an English label.</summary>
/// <param name="Repeatable">True when several columns may fill it (each phone or e-mail column adds one).</param>
/// <param name="IsCustom">An admin-defined field; its label is the admin's, not a UI text.</param>
public sealed record ImportField(string Key, string Label, bool Repeatable, bool IsCustom = false);

/// <summary>The fields an import can fill, and the suggested field for a header in English or Chinese.</summary>
public static class ImportFields
{
    public const string CustomPrefix = "custom:";

    private static readonly ImportField[] BuiltIn =
    [
        new(nameof(CardColumn.Name), "Name", false),
        new(nameof(CardColumn.GivenName), "Given name", false),
        new(nameof(CardColumn.Surname), "Surname", false),
        new(nameof(CardColumn.Kind), "Kind (individual or company)", false),
        new(nameof(CardColumn.Company), "Company", false),
        new(nameof(CardColumn.Title), "Title", false),
        new(nameof(CardColumn.Phone), "Phone", true),
        new(nameof(CardColumn.Email), "E-mail", true),
        new(nameof(CardColumn.StreetNumber), "Street number", false),
        new(nameof(CardColumn.Address1), "Address", false),
        new(nameof(CardColumn.Address2), "Address line 2", false),
        new(nameof(CardColumn.Suburb), "City", false),
        new(nameof(CardColumn.State), "State or province", false),
        new(nameof(CardColumn.Postcode), "Postcode", false),
        new(nameof(CardColumn.Country), "Country", false),
        new(nameof(CardColumn.DateOfBirth), "Date of birth", false),
        new(nameof(CardColumn.Industry), "Industry", false),
        new(nameof(CardColumn.Region), "Region", false),
        new(nameof(CardColumn.SourceChannel), "Source channel", false),
        new(nameof(CardColumn.Interests), "Interests", false),
        new(nameof(CardColumn.Tags), "Tags", false),
        new(nameof(CardColumn.Owner), "Owner", false),
        new(nameof(CardColumn.Stage), "Stage", false),
        new(nameof(CardColumn.NextFollowUp), "Next follow-up", false),
        new(nameof(CardColumn.SpecialNeeds), "Special needs", false),
    ];

    /// <summary>The built-in fields and the active custom fields, in the order the mapping step lists them.</summary>
    public static IReadOnlyList<ImportField> All(IEnumerable<CustomFieldDefinition> customFields) =>
        [.. BuiltIn, .. customFields.Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new ImportField(CustomKey(f.Id), f.Label, false, IsCustom: true))];

    public static string CustomKey(int fieldId) => CustomPrefix + fieldId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a field key: a built-in column (by name, any case) or <c>custom:ID</c>.</summary>
    public static bool TryParse(string key, out CardColumn? column, out int? customFieldId)
    {
        column = null;
        customFieldId = null;
        var clean = key.Trim();
        if (clean.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(clean.AsSpan(CustomPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                customFieldId = id;
                return true;
            }

            return false;
        }

        if (Enum.TryParse<CardColumn>(clean, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(clean, out _))
        {
            column = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The suggested field key for a header: a custom field's label, else the English and Chinese spellings of <see cref="ColumnMapper"/>.</summary>
    public static string? Suggest(string header, IReadOnlyList<CustomFieldDefinition> customFields)
    {
        var folded = Fold(header);
        var custom = customFields.FirstOrDefault(f => f.IsActive && Fold(f.Label) == folded);
        if (custom is not null)
        {
            return CustomKey(custom.Id);
        }

        return ColumnMapper.Recognise(header)?.ToString();
    }

    /// <summary>Case, width (全角) and spacing folded, for comparing names typed in a file with list entries and labels.</summary>
    internal static string Fold(string? text) =>
        (TextNormalizer.Clean(text)?.Normalize(NormalizationForm.FormKC) ?? string.Empty).ToUpperInvariant();
}

/// <summary>
/// The columns of a file and the field each fills: the request's choice for the headers it names, the suggestion for
/// the others. Refuses a mapping that names an unknown field or a header the file lacks, or that fills a field
/// twice; two suggestions for one field keep the first and say so.
/// </summary>
internal static class ImportMapping
{
    public static (IReadOnlyList<ImportColumn> Columns, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Warnings) Resolve(
        IReadOnlyList<string> headers, IReadOnlyList<TableRow> rows, IReadOnlyList<CustomFieldDefinition> customFields, IReadOnlyDictionary<string, string?>? requested)
    {
        var errors = new List<FieldError>();
        var warnings = new List<string>();
        var chosen = new Dictionary<int, (string? Field, bool Suggested)>();
        var requestedByHeader = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (header, field) in requested ?? new Dictionary<string, string?>())
        {
            var clean = header.Trim().TrimStart('\uFEFF');
            if (!headers.Contains(clean, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError("Mapping", "import.unknown-column", $"The file has no column \"{clean}\"."));
                continue;
            }

            requestedByHeader[clean] = string.IsNullOrWhiteSpace(field) ? null : field.Trim();
        }

        var activeCustom = customFields.Where(f => f.IsActive).Select(f => f.Id).ToHashSet();
        for (var i = 0; i < headers.Count; i++)
        {
            if (requestedByHeader.TryGetValue(headers[i], out var field))
            {
                if (field is not null && !Known(field, activeCustom))
                {
                    errors.Add(new FieldError("Mapping", "import.unknown-field", $"\"{field}\" (chosen for column \"{headers[i]}\") is not a field an import can fill."));
                    field = null;
                }

                chosen[i] = (Canonical(field), false);
            }
            else
            {
                chosen[i] = (ImportFields.Suggest(headers[i], customFields), true);
            }
        }

        // A field filled by two columns: the user's choice is an error; two suggestions keep the first.
        foreach (var group in chosen.Where(c => c.Value.Field is not null && !Repeatable(c.Value.Field)).GroupBy(c => c.Value.Field!, StringComparer.Ordinal))
        {
            var columns = group.OrderBy(c => c.Key).ToList();
            if (columns.Count < 2)
            {
                continue;
            }

            if (columns.Count(c => !c.Value.Suggested) > 1)
            {
                errors.Add(new FieldError("Mapping", "import.field-twice",
                    $"Columns {string.Join(" and ", columns.Select(c => $"\"{headers[c.Key]}\""))} are all mapped to {group.Key}; map only one of them."));
                continue;
            }

            var keep = columns.FirstOrDefault(c => !c.Value.Suggested);
            keep = keep.Value.Field is null ? columns[0] : keep;
            foreach (var extra in columns.Where(c => c.Key != keep.Key))
            {
                chosen[extra.Key] = (null, true);
                warnings.Add($"Column \"{headers[extra.Key]}\" looks like {group.Key} too; it is ignored unless you map it.");
            }
        }

        var result = chosen.OrderBy(c => c.Key)
            .Select(c => new ImportColumn(c.Key, headers[c.Key], c.Value.Field, c.Value.Suggested && c.Value.Field is not null)
            {
                Sample = rows.Select(r => c.Key < r.Fields.Length ? r.Fields[c.Key] : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)),
            })
            .ToList();
        var fields = result.Select(c => c.Field).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (!fields.Overlaps([nameof(CardColumn.Name), nameof(CardColumn.GivenName), nameof(CardColumn.Surname), nameof(CardColumn.Company)]))
        {
            warnings.Add("No column is mapped to the name or the company, which every card needs.");
        }

        return (result, errors, warnings);
    }

    private static bool Known(string field, HashSet<int> activeCustom) =>
        ImportFields.TryParse(field, out var column, out var custom) && (column is not null || activeCustom.Contains(custom!.Value));

    private static string? Canonical(string? field) =>
        field is null || !ImportFields.TryParse(field, out var column, out var custom) ? null
        : column is not null ? column.Value.ToString() : ImportFields.CustomKey(custom!.Value);

    private static bool Repeatable(string field) => field is nameof(CardColumn.Phone) or nameof(CardColumn.Email);
}
