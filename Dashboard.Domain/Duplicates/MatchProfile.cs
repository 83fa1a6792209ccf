using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Duplicates;

/// <summary>What duplicate matching reads of a card (or of a draft being typed): its identifying fields, already validated.</summary>
/// <param name="Phones">E.164 numbers.</param>
/// <param name="Emails">Normalised addresses.</param>
public sealed record MatchProfile(
    CardKind Kind,
    string? Name,
    string? Company,
    string? Address,
    string? Postcode,
    DateOnly? DateOfBirth,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails);

/// <summary>A <see cref="MatchProfile"/> folded and split once, so that a card compared with many others is prepared once.</summary>
public sealed class MatchFeatures
{
    /// <summary>Words that only say what legal form a company has; "星辰贸易有限公司" and "星辰贸易股份有限公司" are one company.</summary>
    private static readonly HashSet<string> LegalForms =
    [
        "co", "company", "ltd", "limited", "inc", "incorporated", "llc", "corp", "corporation", "gmbh", "pte", "plc", "group", "grp", "hq",
        "headquarters", "ag", "sa", "bv", "pty",
    ];

    private static readonly string[] ChineseLegalForms = ["股份有限公司", "有限责任公司", "有限公司", "集团", "总部", "公司"];

    private MatchFeatures(MatchProfile profile)
    {
        Kind = profile.Kind;
        var name = MatchText.Fold(profile.Name);
        NameIsCjk = MatchText.HasCjk(name);
        NameTokens = NameIsCjk ? [name.Replace(" ", string.Empty, StringComparison.Ordinal)] : MatchText.Tokens(name);
        CompanyKey = profile.Company is null ? string.Empty : FoldCompany(profile.Company);
        AddressTokens = MatchText.Tokens(MatchText.Fold(profile.Address));
        HouseNumber = AddressTokens.FirstOrDefault(t => t.All(char.IsAsciiDigit));
        Postcode = MatchText.Fold(profile.Postcode).Replace(" ", string.Empty, StringComparison.Ordinal);
        DateOfBirth = profile.DateOfBirth;
        Phones = profile.Phones;
        Emails = profile.Emails.Select(e => e.ToLowerInvariant()).ToArray();
    }

    public CardKind Kind { get; }

    /// <summary>Folded name words; a name in Chinese characters is one word without spaces (王 小明 = 王小明).</summary>
    public IReadOnlyList<string> NameTokens { get; }

    public bool NameIsCjk { get; }

    /// <summary>The folded company name without its legal form, words in order; empty when there is none.</summary>
    public string CompanyKey { get; }

    public IReadOnlyList<string> AddressTokens { get; }

    /// <summary>The first number in the address, usually the house or street number.</summary>
    public string? HouseNumber { get; }

    public string Postcode { get; }

    public DateOnly? DateOfBirth { get; }

    public IReadOnlyList<string> Phones { get; }

    public IReadOnlyList<string> Emails { get; }

    public static MatchFeatures From(MatchProfile profile) => new(profile);

    private static string FoldCompany(string company)
    {
        var folded = MatchText.Fold(company);
        if (MatchText.HasCjk(folded))
        {
            var joined = folded.Replace(" ", string.Empty, StringComparison.Ordinal);
            foreach (var form in ChineseLegalForms)
            {
                joined = joined.Replace(form, string.Empty, StringComparison.Ordinal);
            }

            return joined.Length == 0 ? folded : joined;
        }

        var words = MatchText.Tokens(folded).Where(t => !LegalForms.Contains(t)).ToArray();
        return words.Length == 0 ? folded : string.Join(' ', words);
    }
}
