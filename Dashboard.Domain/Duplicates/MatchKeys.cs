using System.Globalization;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Duplicates;

/// <summary>
/// Blocking keys: short values that two cards of one customer very probably share at least one of, despite typos
/// and missing fields. Only cards sharing a key are compared, so a scan grows with the number of cards, not its
/// square. Each key starts with its kind, e.g. <c>P:+8613812345678</c>.
/// </summary>
public static class MatchKeys
{
    /// <summary>Goes up whenever the keys change meaning, so that stored keys of an older version are computed again.</summary>
    public const int Version = 1;

    public const int MaxLength = 120;

    public static IReadOnlyList<string> For(MatchFeatures card)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phone in card.Phones)
        {
            keys.Add("P:" + phone);
        }

        foreach (var email in card.Emails)
        {
            keys.Add("E:" + email);
        }

        var dob = card.DateOfBirth?.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (dob is not null)
        {
            keys.Add("D:" + dob);
        }

        AddNameKeys(card, dob, keys);
        if (card.Kind == CardKind.Company && card.CompanyKey.Length > 0)
        {
            keys.Add("C:" + card.CompanyKey);
            var first = card.CompanyKey.Split(' ')[0];
            if (card.Postcode.Length > 0)
            {
                keys.Add("CP:" + MatchText.SoundCode(first) + "|" + card.Postcode);
            }
        }

        if (card.Postcode.Length > 0)
        {
            if (card.HouseNumber is not null)
            {
                keys.Add("AH:" + card.Postcode + "|" + card.HouseNumber);
            }

            var street = card.AddressTokens.FirstOrDefault(t => t.Length >= 3 && !t.All(char.IsAsciiDigit));
            if (street is not null)
            {
                keys.Add("AS:" + card.Postcode + "|" + MatchText.SoundCode(street));
            }
        }

        return keys.Where(k => k.Length <= MaxLength).ToList();
    }

    private static void AddNameKeys(MatchFeatures card, string? dob, HashSet<string> keys)
    {
        if (card.NameTokens.Count == 0)
        {
            return;
        }

        if (card.NameIsCjk)
        {
            var name = card.NameTokens[0];
            keys.Add("N:" + name);
            if (name.Length >= 3)
            {
                // One character typed differently still leaves the surname with the first or the last given character.
                keys.Add("NC:" + name[..2]);
                keys.Add("NC:" + name[0] + name[^1]);
            }

            return;
        }

        keys.Add("N:" + string.Join(' ', card.NameTokens.Order(StringComparer.Ordinal)));
        var codes = card.NameTokens.Where(t => t.Length >= 2).Select(MatchText.SoundCode).Distinct().Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < codes.Count; i++)
        {
            if (card.Postcode.Length > 0)
            {
                keys.Add("NP:" + codes[i] + "|" + card.Postcode);
            }

            if (dob is not null)
            {
                keys.Add("NY:" + codes[i] + "|" + dob[..4]);
                keys.Add("NM:" + codes[i] + "|" + dob[4..]);
            }

            for (var j = i + 1; j < codes.Count; j++)
            {
                keys.Add("NN:" + codes[i] + "|" + codes[j]);
            }
        }
    }
}
