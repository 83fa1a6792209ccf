using Dashboard.Domain.Customers;
using F23.StringSimilarity;

namespace Dashboard.Domain.Duplicates;

/// <summary>Why two cards look like one customer; shown beside each candidate pair.</summary>
[Flags]
public enum MatchReasons
{
    None = 0,
    SamePhone = 1,
    SameEmail = 2,
    SameName = 4,
    SimilarName = 8,
    SameCompany = 16,
    SimilarCompany = 32,
    SameDateOfBirth = 64,
    SimilarDateOfBirth = 128,
    SamePostcode = 256,
    SameAddress = 512,
    SimilarAddress = 1024,
}

/// <summary>How alike two cards are: a score from 0 to 1 and the reasons.</summary>
public sealed record MatchResult(double Score, MatchReasons Reasons);

/// <summary>
/// Scores a pair of cards by adding evidence field by field, in the manner of Fellegi and Sunter: agreement on a
/// field that rarely agrees by chance (a phone, an e-mail, a date of birth) adds much, a similar value adds part of
/// it, a clear disagreement subtracts, and a field missing on either card says nothing. String similarity is
/// Jaro–Winkler (F23.StringSimilarity). The weights are fixed by reasoning about how often each field agrees by
/// chance, not fitted to a data set.
/// </summary>
public static class MatchScorer
{
    /// <summary>The evidence (in bits) at which a pair becomes a candidate.</summary>
    public const double CandidateEvidence = 7;

    /// <summary>The score of a pair with exactly <see cref="CandidateEvidence"/>; pairs below it are not reported.</summary>
    public static readonly double MinScore = ToScore(CandidateEvidence);

    /// <summary>
    /// Many people share a name, so a name alone never makes a candidate: it needs one more field that agrees
    /// (a phone, an e-mail, a date of birth, the postcode or the address).
    /// </summary>
    private const double MaxNameEvidence = CandidateEvidence - 1;

    private static readonly JaroWinkler Similarity = new();

    /// <summary>Scores the pair; null when it is not a candidate.</summary>
    public static MatchResult? Match(MatchFeatures a, MatchFeatures b)
    {
        var (evidence, reasons) = Evidence(a, b);
        return evidence >= CandidateEvidence ? new MatchResult(ToScore(evidence), reasons) : null;
    }

    /// <summary>The evidence for the pair in bits, with the reasons; positive means more alike than not.</summary>
    public static (double Evidence, MatchReasons Reasons) Evidence(MatchFeatures a, MatchFeatures b)
    {
        double evidence = 0;
        var reasons = MatchReasons.None;

        if (a.Phones.Count > 0 && b.Phones.Count > 0)
        {
            var same = a.Phones.Intersect(b.Phones, StringComparer.Ordinal).Any();
            evidence += same ? 10 : -1;
            reasons |= same ? MatchReasons.SamePhone : 0;
        }

        if (a.Emails.Count > 0 && b.Emails.Count > 0)
        {
            var same = a.Emails.Intersect(b.Emails, StringComparer.Ordinal).Any();
            evidence += same ? 10 : -1;
            reasons |= same ? MatchReasons.SameEmail : 0;
        }

        evidence += Names(a, b, ref reasons);
        evidence += Companies(a, b, ref reasons);
        evidence += DatesOfBirth(a, b, ref reasons);

        if (a.Postcode.Length > 0 && b.Postcode.Length > 0)
        {
            var differing = Differences(a.Postcode, b.Postcode);
            evidence += differing switch { 0 => 3, 1 => 0.5, _ => -2 };
            reasons |= differing == 0 ? MatchReasons.SamePostcode : 0;
        }

        evidence += Addresses(a, b, ref reasons);

        if (a.Kind != b.Kind)
        {
            evidence -= 1;
        }

        return (evidence, reasons);
    }

    /// <summary>Maps evidence in bits to a score between 0 and 1: 4 bits → 0.5, 8 → 0.75, 16 → 0.94.</summary>
    public static double ToScore(double evidence) => evidence <= 0 ? 0 : 1 - Math.Pow(2, -evidence / 4);

    private static double Names(MatchFeatures a, MatchFeatures b, ref MatchReasons reasons)
    {
        if (a.NameTokens.Count == 0 || b.NameTokens.Count == 0)
        {
            return 0;
        }

        if (a.NameIsCjk || b.NameIsCjk)
        {
            var (x, y) = (string.Concat(a.NameTokens), string.Concat(b.NameTokens));
            if (x == y)
            {
                reasons |= MatchReasons.SameName;
                return MaxNameEvidence;
            }

            // Characters in common, in any order: 王小明 and 王晓明 share two of three.
            var common = x.Intersect(y).Count();
            var share = (double)common / Math.Max(x.Length, y.Length);
            if (share >= 0.6 && x[0] == y[0])
            {
                reasons |= MatchReasons.SimilarName;
                return 2;
            }

            return -6;
        }

        // Pair each word with its most similar counterpart (either order, so swapped names still pair up);
        // words only one side has say nothing.
        var pairs = new List<(double Similarity, int I, int J)>();
        for (var i = 0; i < a.NameTokens.Count; i++)
        {
            for (var j = 0; j < b.NameTokens.Count; j++)
            {
                pairs.Add((WordSimilarity(a.NameTokens[i], b.NameTokens[j]), i, j));
            }
        }

        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();
        double evidence = 0;
        var allSame = a.NameTokens.Count == b.NameTokens.Count;
        foreach (var (similarity, i, j) in pairs.OrderByDescending(p => p.Similarity))
        {
            if (usedA.Contains(i) || usedB.Contains(j))
            {
                continue;
            }

            usedA.Add(i);
            usedB.Add(j);
            evidence += -3 + (7 * Agreement(similarity, 0.75, 0.95));
            allSame &= similarity >= 1;
        }

        if (allSame)
        {
            reasons |= MatchReasons.SameName;
        }
        else if (evidence > 0)
        {
            reasons |= MatchReasons.SimilarName;
        }

        return Math.Min(evidence, MaxNameEvidence);
    }

    private static double WordSimilarity(string x, string y)
    {
        if (x == y)
        {
            return 1;
        }

        // An initial agrees with any word it begins.
        if ((x.Length == 1 || y.Length == 1) && x[0] == y[0])
        {
            return 0.9;
        }

        return Similarity.Similarity(x, y);
    }

    private static double Companies(MatchFeatures a, MatchFeatures b, ref MatchReasons reasons)
    {
        if (a.Kind != CardKind.Company || b.Kind != CardKind.Company || a.CompanyKey.Length == 0 || b.CompanyKey.Length == 0)
        {
            return 0;
        }

        if (a.CompanyKey == b.CompanyKey)
        {
            reasons |= MatchReasons.SameCompany;
            return 8;
        }

        var similarity = Similarity.Similarity(a.CompanyKey, b.CompanyKey);
        if (similarity >= 0.9)
        {
            reasons |= MatchReasons.SimilarCompany;
        }

        return -4 + (10 * Agreement(similarity, 0.8, 0.97));
    }

    private static double DatesOfBirth(MatchFeatures a, MatchFeatures b, ref MatchReasons reasons)
    {
        if (a.DateOfBirth is not { } x || b.DateOfBirth is not { } y)
        {
            return 0;
        }

        if (x == y)
        {
            reasons |= MatchReasons.SameDateOfBirth;
            return 9;
        }

        var (dx, dy) = (x.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), y.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

        // A typo in one digit, or day and month swapped.
        if (Differences(dx, dy) == 1 || (x.Year == y.Year && x.Month == y.Day && x.Day == y.Month))
        {
            reasons |= MatchReasons.SimilarDateOfBirth;
            return 3;
        }

        return Differences(dx, dy) == 2 ? -1 : -5;
    }

    private static double Addresses(MatchFeatures a, MatchFeatures b, ref MatchReasons reasons)
    {
        if (a.AddressTokens.Count == 0 || b.AddressTokens.Count == 0)
        {
            return 0;
        }

        var similarity = (MongeElkan(a.AddressTokens, b.AddressTokens) + MongeElkan(b.AddressTokens, a.AddressTokens)) / 2;
        if (similarity >= 0.999)
        {
            reasons |= MatchReasons.SameAddress;
        }
        else if (similarity >= 0.85)
        {
            reasons |= MatchReasons.SimilarAddress;
        }

        return -3 + (9 * Agreement(similarity, 0.7, 0.95));
    }

    /// <summary>The average, over the words of <paramref name="x"/>, of the best similarity with a word of <paramref name="y"/>.</summary>
    private static double MongeElkan(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        double total = 0;
        foreach (var word in x)
        {
            double best = 0;
            foreach (var other in y)
            {
                var similarity = word == other ? 1 : word.All(char.IsAsciiDigit) || other.All(char.IsAsciiDigit) ? 0 : Similarity.Similarity(word, other);
                best = Math.Max(best, similarity);
                if (best >= 1)
                {
                    break;
                }
            }

            total += best;
        }

        return total / x.Count;
    }

    /// <summary>0 at or below <paramref name="low"/>, 1 at or above <paramref name="high"/>, linear between.</summary>
    private static double Agreement(double similarity, double low, double high) => Math.Clamp((similarity - low) / (high - low), 0, 1);

    /// <summary>Positions at which two texts differ, plus their difference in length.</summary>
    private static int Differences(string x, string y)
    {
        var differing = Math.Abs(x.Length - y.Length);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            differing += x[i] == y[i] ? 0 : 1;
        }

        return differing;
    }
}
