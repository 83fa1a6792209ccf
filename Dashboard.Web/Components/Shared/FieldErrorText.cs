using Dashboard.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Shared;

/// <summary>Shows domain errors in the UI language: a translation of the error code when one exists, else the domain's message.</summary>
public static class FieldErrorText
{
    public static string Text(this IStringLocalizer localizer, FieldError error)
    {
        var translated = localizer[error.Code];
        return translated.ResourceNotFound ? error.Message : translated.Value;
    }

    /// <summary>The message for one field among a command's errors, or null when the field is fine.</summary>
    public static string? ErrorFor(this IStringLocalizer localizer, IReadOnlyList<FieldError> errors, string field) =>
        errors.FirstOrDefault(e => e.Field == field) is { } error ? localizer.Text(error) : null;

    public static string? Message(this IStringLocalizer localizer, CommandResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        if (result.Message is not null)
        {
            return result.Message;
        }

        return result.Errors.Count == 1 ? localizer.Text(result.Errors[0]) : localizer["Some fields need attention."].Value;
    }
}
