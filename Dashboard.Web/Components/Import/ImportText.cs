using Dashboard.Domain.Import;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Import;

/// <summary>Import texts in the UI language: field names, and cell problems (by their code when translated, else the domain's message).</summary>
public static class ImportText
{
    public static string FieldLabel(IStringLocalizer localizer, IReadOnlyList<ImportField> fields, string key) =>
        fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)) is { } field ? FieldLabel(localizer, field) : key;

    public static string FieldLabel(IStringLocalizer localizer, ImportField field) => field.IsCustom ? field.Label : field.Key switch
    {
        nameof(CardColumn.Name) => localizer["Name"],
        nameof(CardColumn.GivenName) => localizer["Given name"],
        nameof(CardColumn.Surname) => localizer["Surname"],
        nameof(CardColumn.Kind) => localizer["Kind (individual or company)"],
        nameof(CardColumn.Company) => localizer["Company"],
        nameof(CardColumn.Title) => localizer["Title"],
        nameof(CardColumn.Phone) => localizer["Phone"],
        nameof(CardColumn.Email) => localizer["E-mail"],
        nameof(CardColumn.StreetNumber) => localizer["Street number"],
        nameof(CardColumn.Address1) => localizer["Address"],
        nameof(CardColumn.Address2) => localizer["Address line 2"],
        nameof(CardColumn.Suburb) => localizer["City"],
        nameof(CardColumn.State) => localizer["State or province"],
        nameof(CardColumn.Postcode) => localizer["Postcode"],
        nameof(CardColumn.Country) => localizer["Country"],
        nameof(CardColumn.DateOfBirth) => localizer["Date of birth"],
        nameof(CardColumn.Industry) => localizer["Industry"],
        nameof(CardColumn.Region) => localizer["Region"],
        nameof(CardColumn.SourceChannel) => localizer["Source channel"],
        nameof(CardColumn.Interests) => localizer["Interests"],
        nameof(CardColumn.Tags) => localizer["Tags"],
        nameof(CardColumn.Owner) => localizer["Owner"],
        nameof(CardColumn.Stage) => localizer["Stage"],
        nameof(CardColumn.NextFollowUp) => localizer["Next follow-up"],
        nameof(CardColumn.SpecialNeeds) => localizer["Special needs"],
        _ => field.Label,
    };

    public static string Issue(IStringLocalizer localizer, ImportIssue issue)
    {
        var translated = localizer[issue.Code];
        return translated.ResourceNotFound ? issue.Message : translated.Value;
    }
}
