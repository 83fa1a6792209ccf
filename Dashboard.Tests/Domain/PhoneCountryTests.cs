using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

/// <summary>
/// Issue 14 (data accuracy): a phone is read as a number of the country it belongs to and never stored under another.
/// US, German, Australian and Chinese numbers in national and international formats, and the numbers of the finding:
/// "(415) 555-5938" was stored as +86 415 555 5938 and Köln's "0221-0644327" as +86 22 1064 4327 with the default CN.
/// </summary>
public sealed class PhoneCountryTests
{
    [Theory]
    [InlineData("(415) 555-5938", "US", "+14155555938")]
    [InlineData("415.555.5938", "US", "+14155555938")]
    [InlineData("1-415-555-5938", "US", "+14155555938")]
    [InlineData("+1 415 555 5938", "CN", "+14155555938")]
    [InlineData("001 415 555 5938", "DE", "+14155555938")]
    [InlineData("0221-0644327", "DE", "+492210644327")]
    [InlineData("0221 0644327", "DE", "+492210644327")]
    [InlineData("+49 221 0644327", "CN", "+492210644327")]
    [InlineData("0049 221 0644327", "US", "+492210644327")]
    [InlineData("0151 23456789", "DE", "+4915123456789")]
    [InlineData("(02) 9374 4000", "AU", "+61293744000")]
    [InlineData("02 9374 4000", "AU", "+61293744000")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    [InlineData("+61 412 345 678", "CN", "+61412345678")]
    [InlineData("+61 2 9374 4000", "US", "+61293744000")]
    [InlineData("138 1234 5678", "CN", "+8613812345678")]
    [InlineData("021-6123 4567", "CN", "+862161234567")]
    [InlineData("+86 21 6123 4567", "AU", "+862161234567")]
    public void Number_IsStoredAsTheNumberOfTheCountryItWasReadFor(string typed, string region, string e164)
    {
        var read = PhoneNumber.Read(typed, region);

        Assert.True(read.Phone is not null, read.Message);
        Assert.Equal(e164, read.Phone!.E164);
    }

    [Fact]
    public void UsNumberReadAsChinese_IsRefusedNamingBothCountries_NotStoredAsPlus86()
    {
        var read = PhoneNumber.Read("(415) 555-5938", "CN");

        Assert.Null(read.Phone);
        Assert.Equal(PhoneNumber.OtherCountryCode, read.Code);
        Assert.Contains("China (CN)", read.Message, StringComparison.Ordinal);
        Assert.Contains("United States (US)", read.Message, StringComparison.Ordinal);
        Assert.Contains("+1", read.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("412 345 678", "AU")]
    [InlineData("221 0644327", "DE")]
    [InlineData("21 6123 4567", "CN")]
    public void LandlineOrMobileWithoutTheCountrysTrunkPrefix_IsNotTakenForThatCountrysNumber(string typed, string region)
    {
        var read = PhoneNumber.Read(typed, region);

        Assert.Null(read.Phone);
        Assert.Contains($"({region})", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChineseMobileOnAnAustralianCard_IsRefusedNamingAustraliaAndChina()
    {
        var read = PhoneNumber.Read("138 1234 5678", "AU");

        Assert.Null(read.Phone);
        Assert.Contains("Australia (AU)", read.Message, StringComparison.Ordinal);
        Assert.Contains("China (CN)", read.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345", "US", "United States (US)")]
    [InlineData("0221-06", "DE", "Germany (DE)")]
    [InlineData("+1 000 555 5938", "CN", "United States (US)")]
    [InlineData("+61 9 9999 9999", "CN", "Australia (AU)")]
    public void NumberNotValidForItsCountry_IsRefusedNamingThatCountry(string typed, string region, string named)
    {
        var read = PhoneNumber.Read(typed, region);

        Assert.Null(read.Phone);
        Assert.Contains(named, read.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+14155555938", "US", true)]
    [InlineData("+14155555938", "CA", true)]
    [InlineData("+14155555938", "CN", false)]
    [InlineData("+492210644327", "DE", true)]
    [InlineData("+492210644327", "CN", false)]
    [InlineData("+61412345678", "AU", true)]
    [InlineData("+8613812345678", "AU", false)]
    public void StoredNumber_FitsOnlyItsOwnCountry(string e164, string country, bool fits)
    {
        Assert.Equal(fits, PhoneNumber.FitsCountry(e164, country));
    }

    [Theory]
    [InlineData("US\0")]
    [InlineData("<b>US</b>")]
    [InlineData("\u200FUS")]
    [InlineData("XX")]
    [InlineData("001")]
    [InlineData("")]
    public void UnknownOrHostileRegion_ReadsNoNationalNumber(string region)
    {
        var read = PhoneNumber.Read("(415) 555-5938", region);

        Assert.Null(read.Phone);
    }

    [Fact]
    public void EveryRegionOffered_IsATwoLetterCodeLibphonenumberKnows()
    {
        Assert.True(PhoneNumber.SupportedRegions.Count > 200);
        Assert.All(PhoneNumber.SupportedRegions, r => Assert.True(PhoneNumber.IsKnownRegion(r), r));
        Assert.Contains("AU", PhoneNumber.SupportedRegions);
    }

    [Theory]
    [InlineData("AU", "AU")]
    [InlineData("au", "AU")]
    [InlineData("AUS", "AU")]
    [InlineData("Australia", "AU")]
    [InlineData("United States", "US")]
    [InlineData("USA", "US")]
    [InlineData("Deutschland", "DE")]
    [InlineData("Germany", "DE")]
    [InlineData("中国", "CN")]
    [InlineData("UK", "GB")]
    public void CountryCell_IsReadAsItsCode(string cell, string code)
    {
        Assert.Equal(code, CountryCodes.Read(cell));
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("𠀋")]
    [InlineData("")]
    public void UnknownCountryCell_IsNotGuessed(string cell)
    {
        Assert.Null(CountryCodes.Read(cell));
    }

    [Fact]
    public void TenKilobyteCountryCell_IsNotGuessed()
    {
        Assert.Null(CountryCodes.Read(new string('A', 10_240)));
    }
}
