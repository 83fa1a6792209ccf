using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

public sealed class CardCodeTests
{
    [Theory]
    [InlineData(1, "C-000001")]
    [InlineData(42, "C-000042")]
    [InlineData(999999, "C-999999")]
    [InlineData(1234567, "C-1234567")]
    public void Format_PadsTheNumberToSixDigits(long number, string code)
    {
        Assert.Equal(code, CardCode.Format(number));
    }

    [Theory]
    [InlineData("C-000042", 42)]
    [InlineData("c42", 42)]
    [InlineData("C 42", 42)]
    [InlineData("  C-000007 ", 7)]
    [InlineData("C-1234567", 1234567)]
    public void TryParse_ReadsTheCodeAsTypedInSearch(string text, long expected)
    {
        Assert.True(CardCode.TryParse(text, out var number));

        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("C-")]
    [InlineData("C-000000")]
    [InlineData("X-000001")]
    [InlineData("C--1")]
    [InlineData("C-12a")]
    [InlineData("王小明")]
    [InlineData("C-1234567890123")]
    public void TryParse_RejectsTextThatIsNotACode(string? text)
    {
        Assert.False(CardCode.TryParse(text, out _));
    }

    [Fact]
    public void FormattedCode_ParsesBackToItsNumber()
    {
        Assert.True(CardCode.TryParse(CardCode.Format(314), out var number));

        Assert.Equal(314, number);
    }
}
