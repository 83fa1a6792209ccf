using System.Text.RegularExpressions;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Audit;

/// <summary>
/// Masks phones, e-mails and addresses in the before/after values of audit entries for readers who see contact details
/// masked (Admin) or not at all (Auditor): the trail shows that a phone changed and roughly which, not the number.
/// </summary>
public static partial class AuditMasking
{
    public static IReadOnlyList<FieldChange> Mask(IReadOnlyList<FieldChange> changes) =>
        changes.Select(c => IsSensitive(c.Field) ? c with { Before = MaskValue(c.Field, c.Before), After = MaskValue(c.Field, c.After) } : c).ToList();

    public static bool IsSensitive(string field) =>
        field.Contains("phone", StringComparison.OrdinalIgnoreCase)
        || field.Contains("mail", StringComparison.OrdinalIgnoreCase)
        || field.Contains("address", StringComparison.OrdinalIgnoreCase)
        || field.Contains("contact", StringComparison.OrdinalIgnoreCase);

    public static string? MaskValue(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (field.Contains("address", StringComparison.OrdinalIgnoreCase) && !field.Contains("mail", StringComparison.OrdinalIgnoreCase))
        {
            return ContactMasking.MaskAddress(value);
        }

        var masked = EmailPattern().Replace(value, m => ContactMasking.Mask(ContactKind.Email, m.Value));
        return PhonePattern().Replace(masked, m => ContactMasking.Mask(ContactKind.Phone, m.Value.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"[^\s;:,<>()]+@[^\s;:,<>()]+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\+?\d[\d \-]{5,}\d")]
    private static partial Regex PhonePattern();
}
