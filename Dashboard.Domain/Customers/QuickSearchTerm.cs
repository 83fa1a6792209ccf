using System.Text;
using Dashboard.Domain.Common;

namespace Dashboard.Domain.Customers;

/// <summary>How the quick search looks for what was typed.</summary>
public enum QuickSearchKind
{
    /// <summary>"C-000042", "c42": that card only.</summary>
    CardCode,

    /// <summary>Digits with phone punctuation: cards with that whole number, typed in any format.</summary>
    Phone,

    /// <summary>Anything else: a substring of a name or company, or a whole e-mail address.</summary>
    Text,
}

/// <summary>
/// What was typed into the customer list's quick search, read the way a person means it. Names and companies are
/// looked up in the <c>CardSearch</c> FTS5 trigram index (one row per card, rowid = card number; created by the
/// QuickSearchIndex migration): every three characters are a token, so any substring of three or more characters
/// is found through the index, in Chinese as in Latin script. A text of one or two characters (a two-character
/// Chinese name such as 张伟) has no trigram; it is matched with LIKE over the index's text, which reads every row.
/// Phones and e-mails are stored encrypted (migration FieldEncryption took them out of the index), so they are
/// found whole, through the keyed hash of <see cref="ContactPoint.Lookup"/>: a phone in any format that reads as
/// one number, an e-mail address in any letter case. A part of a number or address finds nothing.
/// </summary>
public sealed record QuickSearchTerm
{
    /// <summary>Fewer characters than this cannot use the trigram index.</summary>
    public const int TrigramLength = 3;

    /// <summary>Fewest digits that make a term a phone search.</summary>
    public const int MinPhoneDigits = 5;

    private QuickSearchTerm(QuickSearchKind kind)
    {
        Kind = kind;
    }

    public QuickSearchKind Kind { get; }

    /// <summary>The card number, for <see cref="QuickSearchKind.CardCode"/>.</summary>
    public long CardNumber { get; private init; }

    /// <summary>The FTS5 MATCH expression, or null when the term is too short for trigrams (see <see cref="NamesLike"/>).</summary>
    public string? Match { get; private init; }

    /// <summary>For a term shorter than <see cref="TrigramLength"/>: a LIKE pattern (escape <c>\</c>) for the names.</summary>
    public string? NamesLike { get; private init; }

    /// <summary>The <see cref="ContactPoint.Lookup"/> of the whole phone or e-mail typed; null when the term is not one.</summary>
    public string? ContactLookup { get; private init; }

    /// <summary>
    /// The term looks like part of a phone number or e-mail address (digits that are not a whole number, or text with
    /// an @ that is not a whole address): it can find no contact value, which is worth telling the person searching.
    /// </summary>
    public bool IsPartOfAContact { get; private init; }

    /// <summary>Reads a search box entry; null when it holds nothing to search for.</summary>
    public static QuickSearchTerm? Parse(string? search, string defaultPhoneRegion)
    {
        var term = TextNormalizer.Clean(search);
        if (term is null)
        {
            return null;
        }

        if (CardCode.TryParse(term, out var number))
        {
            return new QuickSearchTerm(QuickSearchKind.CardCode) { CardNumber = number };
        }

        var digits = new string(term.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= MinPhoneDigits && term.All(ch => char.IsAsciiDigit(ch) || "+-() .".Contains(ch, StringComparison.Ordinal)))
        {
            // A complete number in any form (021 6888 1234, 0086 ..., +86 138 ...) is looked up by its E.164 form.
            var e164 = PhoneNumber.NormalizeOrNull(term, defaultPhoneRegion);
            return new QuickSearchTerm(QuickSearchKind.Phone)
            {
                ContactLookup = e164 is null ? null : ContactPoint.LookupOf(ContactKind.Phone, e164),
                IsPartOfAContact = e164 is null,
            };
        }

        var hasAt = term.Contains('@', StringComparison.Ordinal);
        var email = hasAt && EmailAddress.TryParse(term, out var address, out _)
            ? ContactPoint.LookupOf(ContactKind.Email, address!.Value)
            : null;
        if (term.EnumerateRunes().Count() >= TrigramLength)
        {
            return new QuickSearchTerm(QuickSearchKind.Text) { Match = $"{{Names}} : {Phrase(term)}", ContactLookup = email, IsPartOfAContact = hasAt && email is null };
        }

        return new QuickSearchTerm(QuickSearchKind.Text) { NamesLike = "%" + EscapeLike(term) + "%", IsPartOfAContact = hasAt };
    }

    /// <summary>
    /// An FTS5 string: in double quotes, with quotes doubled, so that what was typed is searched literally —
    /// never read as the query syntax (AND, OR, NOT, NEAR, *, ^, -, :, parentheses, column filters).
    /// </summary>
    public static string Phrase(string text) => new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
