using PhoneNumbers;

namespace Dashboard.Domain.Customers;

/// <summary>A phone number parsed by libphonenumber and kept in E.164 form (e.g. <c>+8613812345678</c>).</summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164) => E164 = e164;

    public string E164 { get; }

    /// <summary>Parses what a person typed, reading numbers without a country code as <paramref name="defaultRegion"/>.</summary>
    public static bool TryParse(string? input, string defaultRegion, out PhoneNumber? phone, out string? error)
    {
        phone = null;
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Enter a phone number.";
            return false;
        }

        var text = input.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        try
        {
            var parsed = Util.Parse(text, defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                error = $"\"{input.Trim()}\" is not a valid phone number for {Util.GetRegionCodeForNumber(parsed) ?? defaultRegion}.";
                return false;
            }

            phone = new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164));
            return true;
        }
        catch (NumberParseException)
        {
            error = $"\"{input.Trim()}\" is not a phone number.";
            return false;
        }
    }

    /// <summary>The E.164 form of <paramref name="input"/>, or null when it is not a valid number.</summary>
    public static string? NormalizeOrNull(string? input, string defaultRegion) =>
        TryParse(input, defaultRegion, out var phone, out _) ? phone!.E164 : null;

    /// <summary>A readable international form for display, e.g. <c>+86 138 1234 5678</c>.</summary>
    public static string Display(string e164)
    {
        try
        {
            return Util.Format(Util.Parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    public static bool IsKnownRegion(string region) => Util.GetSupportedRegions().Contains(region);

    public override string ToString() => E164;
}
