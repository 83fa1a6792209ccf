namespace Dashboard.Domain.Customers;

/// <summary>Hides most of a phone, e-mail or address for viewers without the right to see it in full.</summary>
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

    /// <summary>
    /// Keeps the first third of an address, at most six characters (for a Chinese address, about the province or
    /// city; for others, the house number and the first letters of the street), and hides the rest: "上海市浦东新区张江路88号" becomes "上海市浦****".
    /// </summary>
    public static string MaskAddress(string address)
    {
        var text = address.Trim();
        var keep = Math.Min(6, text.Length / 3);
        return text[..keep] + "****";
    }
}
