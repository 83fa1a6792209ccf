using Dashboard.Domain.Customers;
using Dashboard.Domain.Import;

namespace Dashboard.Tests.Domain.Import;

/// <summary>
/// Issue 14: an import reads each row's phones as numbers of the row's country (its Country cell, else the import's
/// default region, else the app's default), and a number that does not fit is reported naming the country — never
/// stored as a +86 number. The app's default region here is CN, as shipped.
/// </summary>
public sealed class ImportCountryTests : ImportTest
{
    private const string ForeignFile =
        "Name,Country,Phone\n"
        + "Ann Lee,US,(415) 555-5938\n"
        + "Jürgen Koch,Germany,0221-0644327\n"
        + "Mia Brown,AU,(02) 9374 4000\n"
        + "Liam Ng,Australia,0412 345 678\n"
        + "王小明,,138 1234 5678\n";

    [Fact]
    public async Task RowsWithACountryColumn_StoreTheirCountrysNumbers_NeverPlus86()
    {
        var report = await ImportAsync(ForeignFile, new ImportRequest { DuplicateMode = DuplicateMode.Create });

        Assert.True(report.Invalid == 0, Describe(report));
        Assert.Equal("Country", report.Mapping["Country"]);
        var cards = await CardsAsync();
        Assert.Equal(
            [("Ann Lee", "US", "+14155555938"), ("Jürgen Koch", "DE", "+492210644327"), ("Mia Brown", "AU", "+61293744000"), ("Liam Ng", "AU", "+61412345678"), ("王小明", null, "+8613812345678")],
            cards.Select(c => (c.DisplayName, c.Country, Assert.Single(c.ContactPoints).Value)).ToList());
    }

    [Fact]
    public async Task UsNumberWithoutAnyCountry_IsReportedNamingChinaAndTheUs_NotStoredAsPlus86()
    {
        var report = await ImportAsync("Name,Phone\nAnn Lee,(415) 555-5938\n", new ImportRequest { DuplicateMode = DuplicateMode.Create });

        var error = Assert.Single(report.Errors);
        Assert.Equal(("Phone", "(415) 555-5938", PhoneNumber.OtherCountryCode), (error.Column, error.Value, error.Code));
        Assert.Contains("China (CN)", error.Message, StringComparison.Ordinal);
        Assert.Contains("United States (US)", error.Message, StringComparison.Ordinal);
        Assert.Empty(await CardsAsync());
    }

    [Fact]
    public async Task NumberThatDoesNotFitItsRowsCountry_IsReportedNamingTheCountry()
    {
        var report = await ImportAsync("Name,Country,Phone\nAnn Lee,US,138 1234 5678\nJürgen Koch,DE,(415) 555-5938\n", new ImportRequest { DuplicateMode = DuplicateMode.Create });

        Assert.Equal(2, report.Invalid);
        Assert.Contains("United States (US)", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("Germany (DE)", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.All(report.Errors, e => Assert.Equal("Phone", e.Column));
        Assert.Empty(await CardsAsync());
    }

    [Fact]
    public async Task PerImportDefaultRegion_ReadsRowsWithoutACountry_AndGivesTheirCardsThatCountry()
    {
        var report = await ImportAsync(
            "Name,Phone\nMia Brown,(02) 9374 4000\nLiam Ng,0412 345 678\n王小明,+86 138 1234 5678\n",
            new ImportRequest { DuplicateMode = DuplicateMode.Create, DefaultRegion = "au" });

        Assert.True(report.Invalid == 0, Describe(report));
        Assert.Equal(
            [("AU", "+61293744000"), ("AU", "+61412345678"), ("AU", "+8613812345678")],
            (await CardsAsync()).Select(c => (c.Country, Assert.Single(c.ContactPoints).Value)).ToList());
    }

    [Fact]
    public async Task CountryCellWins_OverThePerImportDefaultRegion()
    {
        var report = await ImportAsync("Name,Country,Phone\nAnn Lee,US,(415) 555-5938\nMia Brown,,(02) 9374 4000\n",
            new ImportRequest { DuplicateMode = DuplicateMode.Create, DefaultRegion = "AU" });

        Assert.True(report.Invalid == 0, Describe(report));
        Assert.Equal([("US", "+14155555938"), ("AU", "+61293744000")],
            (await CardsAsync()).Select(c => (c.Country, Assert.Single(c.ContactPoints).Value)).ToList());
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("A\0U")]
    public async Task UnknownPerImportDefaultRegion_IsRefused_AndNothingIsWritten(string region)
    {
        var result = await TryImportAsync(TeamLead, ForeignFile, new ImportRequest { DuplicateMode = DuplicateMode.Create, DefaultRegion = region });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == nameof(ImportRequest.DefaultRegion) && e.Code == "country.unknown");
        Assert.Equal(0, await CardCountAsync());
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("<b>US</b>")]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("U\u0001S")]
    [InlineData("𠀋")]
    public async Task UnknownOrHostileCountryCell_MakesTheRowInvalid_OnTheCountryColumn(string cell)
    {
        var csv = "Name,Country,Phone\n\"Ann Lee\",\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",(415) 555-5938\n";

        var report = await ImportAsync(csv, new ImportRequest { DuplicateMode = DuplicateMode.Create });

        var error = Assert.Single(report.Errors);
        Assert.Equal("Country", error.Column);
        Assert.Equal(0, await CardCountAsync());
    }

    [Fact]
    public async Task TenKilobyteCountryCell_MakesTheRowInvalid()
    {
        var report = await ImportAsync("Name,Country,Phone\nAnn Lee," + new string('U', 10_240) + ",(415) 555-5938\n", new ImportRequest { DuplicateMode = DuplicateMode.Create });

        Assert.Equal("Country", Assert.Single(report.Errors).Column);
        Assert.Equal(0, await CardCountAsync());
    }

    [Fact]
    public async Task CountryCellWithRightToLeftMark_IsReadAsTheCountry()
    {
        var report = await ImportAsync("Name,Country,Phone\nAnn Lee,\u200FUS,(415) 555-5938\n", new ImportRequest { DuplicateMode = DuplicateMode.Create });

        Assert.True(report.Invalid == 0, Describe(report));
        Assert.Equal(("US", "+14155555938"), (await CardsAsync()).Select(c => (c.Country, c.ContactPoints[0].Value)).Single());
    }

    [Fact]
    public async Task ReimportingAFileWithCountries_ChangesNothing()
    {
        var update = new ImportRequest { DuplicateMode = DuplicateMode.Update, DefaultRegion = "AU" };
        var file = ForeignFile.Replace("王小明,,", "王小明,CN,", StringComparison.Ordinal) + "Zoe Park,,0412 345 679\n";
        var first = await ImportAsync(file, update);
        var before = (await CardsAsync()).Select(c => (c.Code, c.Version, c.Country)).ToList();

        var second = await ImportAsync(file, update);

        Assert.True((first.Created, first.Invalid) == (6, 0), Describe(first));
        Assert.Equal("AU", before[^1].Country);
        Assert.Equal((0, 0, 6), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(before, (await CardsAsync()).Select(c => (c.Code, c.Version, c.Country)).ToList());
    }

    [Fact]
    public async Task HeaderCountryInChinese_IsSuggestedAsTheCountryColumn()
    {
        var report = await ImportAsync("姓名,国家,电话\nAnn Lee,美国,(415) 555-5938\n", new ImportRequest { DuplicateMode = DuplicateMode.Create });

        Assert.Equal("Country", report.Mapping["国家"]);
        Assert.Equal("+14155555938", Assert.Single((await CardsAsync()).Single().ContactPoints).Value);
    }
}
