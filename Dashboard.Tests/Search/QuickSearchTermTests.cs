using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Search;

/// <summary>How a quick search entry is read: card code, phone or text, and what is sent to the trigram index.</summary>
public sealed class QuickSearchTermTests
{
    [Theory]
    [InlineData("C-000042", 42)]
    [InlineData(" c42 ", 42)]
    [InlineData("C 1", 1)]
    public void CardCode_IsLookedUpByNumber(string search, long number)
    {
        var term = Parse(search);

        Assert.Equal((QuickSearchKind.CardCode, number, null), (term.Kind, term.CardNumber, term.Match));
    }

    [Theory]
    [InlineData("+86 138-1234-5678", "P:+8613812345678")]
    [InlineData("138 1234 5678", "P:+8613812345678")]
    [InlineData("0086 (138) 1234 5678", "P:+8613812345678")]
    [InlineData("021 6888 1234", "P:+862168881234")]
    public void WholePhoneInAnyFormat_IsLookedUpByItsE164Number(string search, string lookup)
    {
        var term = Parse(search);

        Assert.Equal((QuickSearchKind.Phone, lookup, null), (term.Kind, term.ContactLookup, term.Match));
    }

    [Theory]
    [InlineData("1234 5678")]
    [InlineData("12345")]
    public void PartOfAPhoneNumber_FindsNothing_BecausePhonesAreStoredEncrypted(string search)
    {
        var term = Parse(search);

        Assert.Equal((QuickSearchKind.Phone, null, null, true), (term.Kind, term.ContactLookup, term.Match, term.IsPartOfAContact));
    }

    [Theory]
    [InlineData("Jane.Doe@Example.COM", "E:jane.doe@example.com")]
    [InlineData(" li@qq.com ", "E:li@qq.com")]
    public void WholeEmail_IsLookedUpByItsNormalisedAddress(string search, string lookup)
    {
        Assert.Equal(lookup, Parse(search).ContactLookup);
    }

    [Theory]
    [InlineData("gmail")]
    [InlineData("@qq.com")]
    public void PartOfAnEmail_IsOnlyANameSearch(string search)
    {
        var term = Parse(search);

        Assert.Equal((QuickSearchKind.Text, null, search.Contains('@')), (term.Kind, term.ContactLookup, term.IsPartOfAContact));
    }

    [Theory]
    [InlineData("2025")]
    [InlineData("12345a")]
    [InlineData("No. 12345")]
    public void DigitsThatAreNotAPhone_AreText(string search)
    {
        Assert.Equal(QuickSearchKind.Text, Parse(search).Kind);
    }

    [Theory]
    [InlineData("王小明", "{Names} : \"王小明\"")]
    [InlineData("o'brien", "{Names} : \"o'brien\"")]
    [InlineData("say \"hi\"", "{Names} : \"say \"\"hi\"\"\"")]
    [InlineData("a NEAR(b) OR c*", "{Names} : \"a NEAR(b) OR c*\"")]
    [InlineData("  Jane   Smith ", "{Names} : \"Jane Smith\"")]
    public void TextOfThreeOrMoreCharacters_IsOnePhraseForTheTrigramIndex(string search, string match)
    {
        var term = Parse(search);

        Assert.Equal((QuickSearchKind.Text, match, null), (term.Kind, term.Match, term.NamesLike));
    }

    [Theory]
    [InlineData("张伟", "%张伟%")]
    [InlineData("Li", "%Li%")]
    [InlineData("王%", "%王\\%%")]
    [InlineData("_", "%\\_%")]
    [InlineData("\\", "%\\\\%")]
    [InlineData("😀😀", "%😀😀%")]
    public void TextShorterThanATrigram_IsMatchedWithAnEscapedLikePattern(string search, string like)
    {
        var term = Parse(search);

        Assert.Equal((QuickSearchKind.Text, null, like), (term.Kind, term.Match, term.NamesLike));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void NothingTyped_IsNoSearch(string? search)
    {
        Assert.Null(QuickSearchTerm.Parse(search, "CN"));
    }

    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("a\"\"b", "\"a\"\"\"\"b\"")]
    public void Phrase_QuotesTheTextAndDoublesItsQuotes(string text, string phrase)
    {
        Assert.Equal(phrase, QuickSearchTerm.Phrase(text));
    }

    private static QuickSearchTerm Parse(string search) =>
        QuickSearchTerm.Parse(search, "CN") ?? throw new InvalidOperationException($"\"{search}\" was read as no search.");
}
