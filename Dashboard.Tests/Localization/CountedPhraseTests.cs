using Dashboard.Web;
using Dashboard.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Dashboard.Tests.Localization;

/// <summary>Counts read in the right number: "1 new card", never "1 new cards" (the import wizard's button said so).</summary>
public sealed class CountedPhraseTests
{
    private static readonly IStringLocalizer<SharedResource> L = new ServiceCollection()
        .AddLogging()
        .AddLocalization(options => options.ResourcesPath = "Resources")
        .BuildServiceProvider()
        .GetRequiredService<IStringLocalizer<SharedResource>>();

    [Theory]
    [InlineData(0, "0 new cards")]
    [InlineData(1, "1 new card")]
    [InlineData(2, "2 new cards")]
    [InlineData(12345, "12,345 new cards")]
    public void NewCards(long count, string expected)
    {
        using var _ = new CultureScope("en");

        Assert.Equal(expected, Counted.Phrase(L, count, "{0} new card", "{0} new cards"));
    }

    [Fact]
    public void TheImportButton_ReadsInTheRightNumber()
    {
        using var _ = new CultureScope("en");

        var text = string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Import: {0}, {1}"],
            Counted.Phrase(L, 1, "{0} new card", "{0} new cards"), Counted.Phrase(L, 1, "{0} update", "{0} updates"));

        Assert.Equal("Import: 1 new card, 1 update", text);
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _culture = System.Globalization.CultureInfo.CurrentCulture;
        private readonly System.Globalization.CultureInfo _uiCulture = System.Globalization.CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(name);
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            System.Globalization.CultureInfo.CurrentCulture = _culture;
            System.Globalization.CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
