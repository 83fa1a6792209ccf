namespace Dashboard.Domain.Customers;

/// <summary>Hides the middle of a phone or e-mail for viewers without the right to see it in full.</summary>
public static class ContactMasking
{
    public static string Mask(ContactKind kind, string value)
    {
        if (kind == ContactKind.Email)
        {
            var at = value.IndexOf('@', StringComparison.Ordinal);
            return at <= 1 ? "***" + value[Math.Max(at, 0)..] : value[0] + "***" + value[at..];
        }

        return value.Length <= 7 ? new string('*', value.Length) : value[..^8] + "****" + value[^4..];
    }
}
