using System.Globalization;
using PhoneNumbers;

namespace Dashboard.Domain.Customers;

/// <summary>
/// A phone number parsed by libphonenumber and kept in E.164 form (e.g. <c>+8613812345678</c>). A number typed with
/// its country code (<c>+1 …</c>, <c>0049 …</c>) is that country's number; a number typed without one is read as a
/// number of the given region (the card's country, else the default region) and must be valid there, or it is refused
/// with a message naming that region — it is never stored under a country it was not validated for (issue 14).
/// </summary>
public sealed record PhoneNumber
{
    /// <summary>Error code: not a phone number, or not a valid one for the region it was read in (the message names the region).</summary>
    public const string InvalidCode = "phone.invalid";

    /// <summary>Error code: not valid for the region it was read in, but valid as another country's number (message names both).</summary>
    public const string OtherCountryCode = "phone.other-country";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Countries whose national formats are tried when a number is not valid where it was read, to name the country it
    /// probably belongs to. Only a hint in the message: the number is refused either way.
    /// </summary>
    private static readonly string[] LikelyOtherRegions = ["US", "GB", "DE", "FR", "AU", "JP", "KR", "SG", "HK", "TW", "MO", "IN", "CN", "NZ", "IT", "ES", "NL", "MY", "TH", "VN", "PH", "ID"];

    private static readonly Lazy<IReadOnlyList<string>> Regions = new(() =>
        Util.GetSupportedRegions().Where(r => r.Length == 2 && r.All(char.IsAsciiLetterUpper)).Order(StringComparer.Ordinal).ToList());

    private PhoneNumber(string e164) => E164 = e164;

    public string E164 { get; }

    /// <summary>The ISO 3166-1 alpha-2 region codes libphonenumber knows, sorted.</summary>
    public static IReadOnlyList<string> SupportedRegions => Regions.Value;

    /// <summary>Parses what a person typed, reading numbers without a country code as <paramref name="region"/>.</summary>
    public static bool TryParse(string? input, string region, out PhoneNumber? phone, out string? error)
    {
        var result = Read(input, region);
        phone = result.Phone;
        error = result.Message;
        return phone is not null;
    }

    /// <summary>
    /// Parses what a person typed. A number with a country code is kept as that country's number when valid there; a
    /// number without one must be valid for <paramref name="region"/> (written with its trunk prefix where that
    /// country's numbers have one, e.g. <c>0221 …</c> in Germany, <c>021 …</c> for a Shanghai landline).
    /// </summary>
    /// <param name="regionIsOnlyADefault">
    /// True when nothing says the number is <paramref name="region"/>'s (the card has no country): a number then must
    /// not also read as another country's — "950-497-5104" is a Chinese service number and an American number alike.
    /// Mobiles and numbers typed with the trunk prefix are the region's as typed.
    /// </param>
    public static PhoneReadResult Read(string? input, string region, bool regionIsOnlyADefault = false)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneReadResult.Refused(InvalidCode, "Enter a phone number.");
        }

        var typed = input.Trim();
        var text = typed.StartsWith("00", StringComparison.Ordinal) ? "+" + typed[2..] : typed;
        var international = text.StartsWith('+') || text.StartsWith('＋');
        region = IsKnownRegion(region) ? region : "ZZ";
        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.ParseAndKeepRawInput(text, region);
        }
        catch (NumberParseException)
        {
            return PhoneReadResult.Refused(InvalidCode, $"\"{typed}\" is not a phone number.");
        }

        if (international || parsed.CountryCodeSource == PhoneNumbers.PhoneNumber.Types.CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN)
        {
            if (!Util.IsValidNumber(parsed))
            {
                var codeRegion = Util.GetRegionCodeForCountryCode(parsed.CountryCode);
                return PhoneReadResult.Refused(InvalidCode, $"\"{typed}\" is not a valid phone number for {NameOf(codeRegion)}.");
            }

            return PhoneReadResult.Valid(new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164)));
        }

        if (region == "ZZ")
        {
            return PhoneReadResult.Refused(InvalidCode, $"\"{typed}\" has no country code; write it with + and the country code.");
        }

        if (ValidNationally(parsed, text, region))
        {
            var ambiguous = regionIsOnlyADefault && parsed.CountryCodeSource == PhoneNumbers.PhoneNumber.Types.CountryCodeSource.FROM_DEFAULT_COUNTRY
                && Util.GetNumberType(parsed) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE) && !TypedWithTrunkPrefix(text, region)
                ? LikelyOtherRegions.FirstOrDefault(r => Util.GetCountryCodeForRegion(r) != parsed.CountryCode && ValidAsNationalOf(text, r))
                : null;
            if (ambiguous is not null)
            {
                return PhoneReadResult.Refused(OtherCountryCode,
                    $"\"{typed}\" reads as a number of {NameOf(region)} and of {NameOf(ambiguous)}. Choose the card's country or write the number with + and the country code.");
            }

            return PhoneReadResult.Valid(new PhoneNumber(Util.Format(parsed, PhoneNumberFormat.E164)));
        }

        var other = LikelyOtherRegions.FirstOrDefault(r => r != region && ValidAsNationalOf(text, r));
        if (other is not null)
        {
            return PhoneReadResult.Refused(OtherCountryCode,
                $"\"{typed}\" is not a valid phone number for {NameOf(region)}; it reads as a number of {NameOf(other)}. Choose the card's country or write the number with +{Util.GetCountryCodeForRegion(other)}.");
        }

        return PhoneReadResult.Refused(InvalidCode, $"\"{typed}\" is not a valid phone number for {NameOf(region)}.");
    }

    /// <summary>The E.164 form of <paramref name="input"/>, or null when it is not a valid number.</summary>
    public static string? NormalizeOrNull(string? input, string defaultRegion) =>
        TryParse(input, defaultRegion, out var phone, out _) ? phone!.E164 : null;

    /// <summary>The region a stored E.164 number belongs to (<c>+14155555938</c> → <c>US</c>), or null when it names none.</summary>
    public static string? RegionOf(string e164)
    {
        try
        {
            var region = Util.GetRegionCodeForNumber(Util.Parse(e164, "ZZ"));
            return region is null or "ZZ" or "001" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>True when a stored number belongs to <paramref name="country"/>, or shares its country calling code (+1 for US and CA).</summary>
    public static bool FitsCountry(string e164, string country)
    {
        var region = RegionOf(e164);
        return region is not null && (region == country || Util.GetCountryCodeForRegion(region) == Util.GetCountryCodeForRegion(country));
    }

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

    public static bool IsKnownRegion(string? region) => region is { Length: 2 } && Util.GetSupportedRegions().Contains(region);

    /// <summary>"United States (US)": the English name and the code, for domain messages.</summary>
    public static string NameOf(string region)
    {
        try
        {
            return $"{new RegionInfo(region).EnglishName} ({region})";
        }
        catch (ArgumentException)
        {
            return region;
        }
    }

    public override string ToString() => E164;

    private static bool ValidAsNationalOf(string text, string region)
    {
        try
        {
            var parsed = Util.ParseAndKeepRawInput(text, region);
            return ValidNationally(parsed, text, region);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// Valid for <paramref name="region"/>, and typed the way that country writes it: where its national format starts
    /// with the trunk prefix (<c>0</c> in CN, DE, AU, GB), the typed digits must too. So "(415) 555-5938" is not read as
    /// the Chinese landline 0415 555 5938, while "138 1234 5678" (a Chinese mobile, written without 0) still is Chinese.
    /// </summary>
    private static bool ValidNationally(PhoneNumbers.PhoneNumber parsed, string text, string region)
    {
        if (!Util.IsValidNumber(parsed) || Util.GetCountryCodeForRegion(region) != parsed.CountryCode)
        {
            return false;
        }

        if (parsed.CountryCodeSource != PhoneNumbers.PhoneNumber.Types.CountryCodeSource.FROM_DEFAULT_COUNTRY)
        {
            // Written with the country code but no plus ("8613812345678"): the code says which country.
            return true;
        }

        var prefix = Util.GetNddPrefixForRegion(region, stripNonDigits: true);
        if (string.IsNullOrEmpty(prefix))
        {
            return true;
        }

        var national = new string(Util.Format(parsed, PhoneNumberFormat.NATIONAL).Where(char.IsAsciiDigit).ToArray());
        if (!national.StartsWith(prefix, StringComparison.Ordinal))
        {
            return true;
        }

        return TypedWithTrunkPrefix(text, region);
    }

    private static bool TypedWithTrunkPrefix(string text, string region)
    {
        var prefix = Util.GetNddPrefixForRegion(region, stripNonDigits: true);
        var digits = new string(PhoneNumberUtil.NormalizeDigitsOnly(text).Where(char.IsAsciiDigit).ToArray());
        return !string.IsNullOrEmpty(prefix) && digits.StartsWith(prefix, StringComparison.Ordinal);
    }
}

/// <summary>What <see cref="PhoneNumber.Read"/> made of a typed number: the number, or an error code and an English message.</summary>
public sealed record PhoneReadResult(PhoneNumber? Phone, string? Code, string? Message)
{
    internal static PhoneReadResult Valid(PhoneNumber phone) => new(phone, null, null);

    internal static PhoneReadResult Refused(string code, string message) => new(null, code, message);
}
