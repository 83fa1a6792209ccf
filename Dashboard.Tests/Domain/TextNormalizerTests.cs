using Dashboard.Domain.Common;

namespace Dashboard.Tests.Domain;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("  王小明  ", "王小明")]
    [InlineData("Wang   Xiao  Ming", "Wang Xiao Ming")]
    [InlineData("王\u3000小明", "王 小明")]
    [InlineData("\u3000\u3000王小明\u3000", "王小明")]
    [InlineData("Line\tand\r\nbreak", "Line and break")]
    [InlineData("a\u00A0\u00A0b", "a b")]
    public void Clean_TrimsAndCollapsesWhiteSpaceIncludingFullWidthSpace(string typed, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Clean(typed));
    }

    [Fact]
    public void Clean_ComposesDecomposedCharacters()
    {
        var decomposed = "Jose\u0301 Mu\u0308ller";

        var cleaned = TextNormalizer.Clean(decomposed);

        Assert.Equal("José Müller", cleaned);
        Assert.Equal("Jos\u00E9 M\u00FCller", cleaned);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    [InlineData("\t\n")]
    public void Clean_TurnsBlankIntoNull(string? typed)
    {
        Assert.Null(TextNormalizer.Clean(typed));
    }

    [Fact]
    public void CleanMultiline_KeepsLineBreaksButNormalisesThem()
    {
        Assert.Equal("First line\nSecond line", TextNormalizer.CleanMultiline("  First line\r\nSecond line \n"));
    }

    [Fact]
    public void CleanMultiline_ComposesAndTurnsBlankIntoNull()
    {
        Assert.Equal("Café", TextNormalizer.CleanMultiline("Cafe\u0301"));
        Assert.Null(TextNormalizer.CleanMultiline(" \r\n "));
    }
}
