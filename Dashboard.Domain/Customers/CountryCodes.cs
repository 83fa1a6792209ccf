using System.Globalization;

namespace Dashboard.Domain.Customers;

/// <summary>
/// Reads a country as an import cell writes it: an ISO 3166-1 alpha-2 or alpha-3 code ("AU", "AUS"), the English or
/// native name ("Australia", "Deutschland", "中国") or a common alias ("USA", "UK"). Only regions phones can be read in.
/// </summary>
public static class CountryCodes
{
    private static readonly Lazy<Dictionary<string, string>> Names = new(Build);

    /// <summary>The alpha-2 code of <paramref name="text"/>, or null when it names no country this knows.</summary>
    public static string? Read(string? text)
    {
        var key = Key(text);
        return key.Length == 0 ? null : Names.Value.GetValueOrDefault(key);
    }

    private static string Key(string? text) =>
        new string((text ?? string.Empty).Normalize(System.Text.NormalizationForm.FormKC).Where(c => char.IsLetter(c)).ToArray()).ToUpperInvariant();

    private static Dictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in PhoneNumber.SupportedRegions)
        {
            names.TryAdd(code, code);
        }

        foreach (var code in PhoneNumber.SupportedRegions)
        {
            try
            {
                var region = new RegionInfo(code);
                names.TryAdd(Key(region.ThreeLetterISORegionName), code);
                names.TryAdd(Key(region.EnglishName), code);
                names.TryAdd(Key(region.NativeName), code);
            }
            catch (ArgumentException)
            {
                // A region libphonenumber knows that the platform has no data for: its code alone reads it.
            }
        }

        (string Alias, string Code)[] aliases =
        [
            ("USA", "US"), ("UNITEDSTATESOFAMERICA", "US"), ("AMERICA", "US"), ("UK", "GB"), ("GREATBRITAIN", "GB"), ("ENGLAND", "GB"),
            ("PRC", "CN"), ("CHINA", "CN"), ("中国", "CN"), ("中國", "CN"), ("中华人民共和国", "CN"), ("美国", "US"), ("英国", "GB"),
            ("德国", "DE"), ("法国", "FR"), ("日本", "JP"), ("韩国", "KR"), ("澳大利亚", "AU"), ("澳洲", "AU"), ("新加坡", "SG"),
            ("香港", "HK"), ("中国香港", "HK"), ("澳门", "MO"), ("中国澳门", "MO"), ("台湾", "TW"), ("中国台湾", "TW"), ("加拿大", "CA"), ("新西兰", "NZ"),
            ("GERMANY", "DE"), ("DEUTSCHLAND", "DE"), ("SOUTHKOREA", "KR"), ("KOREA", "KR"), ("HONGKONG", "HK"), ("TAIWAN", "TW"),
        ];
        foreach (var (alias, code) in aliases)
        {
            names[Key(alias)] = code;
        }

        return names;
    }
}
