using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Domain.Customers;

/// <summary>An e-mail address, trimmed, lower-cased, with an internationalised domain kept in ASCII (punycode).</summary>
public sealed partial record EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? input, out EmailAddress? email, out string? error)
    {
        email = null;
        error = null;
        var text = input?.Normalize(NormalizationForm.FormKC).Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "Enter an e-mail address.";
            return false;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.Length > MaxLength)
        {
            error = $"\"{input!.Trim()}\" is not an e-mail address (expected name@example.com).";
            return false;
        }

        var local = text[..at];
        string domain;
        try
        {
            domain = new IdnMapping().GetAscii(text[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = $"\"{input!.Trim()}\" has an invalid domain.";
            return false;
        }

        if (!LocalPart().IsMatch(local) || !Domain().IsMatch(domain))
        {
            error = $"\"{input!.Trim()}\" is not an e-mail address (expected name@example.com).";
            return false;
        }

        email = new EmailAddress($"{local.ToLowerInvariant()}@{domain}");
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex Domain();
}
