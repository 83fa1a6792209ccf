using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

/// <summary>Issue 14: a card knows its country, and its phones are validated for it; the default region is only a default.</summary>
public sealed class CardCountryValidationTests
{
    private readonly ValidationContextBuilder _context = new();

    [Theory]
    [InlineData("US", "(415) 555-5938", "+14155555938")]
    [InlineData("us", "415-555-5938", "+14155555938")]
    [InlineData("DE", "0221-0644327", "+492210644327")]
    [InlineData("AU", "(02) 9374 4000", "+61293744000")]
    [InlineData("CN", "138 1234 5678", "+8613812345678")]
    public void PhoneOfACardWithACountry_IsReadAsThatCountrysNumber_UnderTheChineseDefault(string country, string typed, string e164)
    {
        var values = Accept(CardDraftBuilder.Individual().InCountry(country).WithPhone(typed));

        Assert.Equal(country.ToUpperInvariant(), values.Country);
        Assert.Equal(e164, Assert.Single(values.ContactPoints).Value);
    }

    [Fact]
    public void UsNumberOnACardWithoutCountry_IsRefusedNamingChinaAndTheUs_InsteadOfStoredAsPlus86()
    {
        var error = Assert.Single(Reject(CardDraftBuilder.Individual().WithPhone("(415) 555-5938")));

        Assert.Equal((CardDraft.PhoneField(0), PhoneNumber.OtherCountryCode), (error.Field, error.Code));
        Assert.Contains("China (CN)", error.Message, StringComparison.Ordinal);
        Assert.Contains("United States (US)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberThatReadsAsChineseAndAmerican_OnACardWithoutCountry_IsRefusedNamingBoth()
    {
        var error = Assert.Single(Reject(CardDraftBuilder.Individual().WithPhone("800-810-8888")));

        Assert.Equal(PhoneNumber.OtherCountryCode, error.Code);
        Assert.Contains("China (CN)", error.Message, StringComparison.Ordinal);
        Assert.Contains("United States (US)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CN", "+868008108888")]
    [InlineData("US", "+18008108888")]
    public void NumberThatReadsAsChineseAndAmerican_IsTheNumberOfTheCardsCountry(string country, string e164)
    {
        Assert.Equal(e164, Assert.Single(Accept(CardDraftBuilder.Individual().InCountry(country).WithPhone("800-810-8888")).ContactPoints).Value);
    }

    [Fact]
    public void NumberNotValidForTheCardsCountry_IsRefusedNamingTheCountry()
    {
        var error = Assert.Single(Reject(CardDraftBuilder.Individual().InCountry("US").WithPhone("0221-0644327")));

        Assert.Contains("United States (US)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForeignNumberWithCountryCode_IsKeptAsItsOwnCountrysNumber()
    {
        var values = Accept(CardDraftBuilder.Individual().InCountry("CN").WithPhone("+1 415 555 5938"));

        Assert.Equal("+14155555938", Assert.Single(values.ContactPoints).Value);
        Assert.False(PhoneNumber.FitsCountry("+14155555938", values.Country!));
    }

    [Fact]
    public void NoCountry_StoresNoCountry_AndTheDefaultRegionReadsThePhones()
    {
        _context.WithPhoneRegion("AU");

        var values = Accept(CardDraftBuilder.Individual().WithPhone("0412 345 678"));

        Assert.Null(values.Country);
        Assert.Equal("+61412345678", Assert.Single(values.ContactPoints).Value);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("ZZ")]
    [InlineData("001")]
    [InlineData("USA")]
    [InlineData("<b>US</b>")]
    [InlineData("\u200FUS")]
    [InlineData("=US")]
    [InlineData("𠀋")]
    public void UnknownOrHostileCountry_IsRefused_AndNoPhoneIsReadForIt(string country)
    {
        var errors = Reject(CardDraftBuilder.Individual().InCountry(country).WithPhone("(415) 555-5938"));

        var error = Assert.Single(errors);
        Assert.Equal((nameof(CardDraft.Country), "country.unknown"), (error.Field, error.Code));
    }

    [Fact]
    public void TenKilobyteCountry_IsRefused()
    {
        var error = Assert.Single(Reject(CardDraftBuilder.Individual().InCountry(new string('U', 10_240))));

        Assert.Equal(nameof(CardDraft.Country), error.Field);
    }

    [Theory]
    [InlineData("U\0S")]
    [InlineData("US\u0007")]
    public void CountryWithControlCharacters_IsRefusedAsSuch(string country)
    {
        var error = Assert.Single(Reject(CardDraftBuilder.Individual().InCountry(country)));

        Assert.Equal((nameof(CardDraft.Country), TextInput.ControlCharacterCode), (error.Field, error.Code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankCountry_MeansUnknown(string? country)
    {
        Assert.Null(Accept(CardDraftBuilder.Individual().InCountry(country)).Country);
    }

    private CardValues Accept(CardDraftBuilder draft)
    {
        var (values, errors) = CardDraftValidator.Validate(draft.Build(), _context.Build());
        Assert.True(errors.Count == 0, string.Join(" | ", errors.Select(e => $"{e.Field} {e.Code}: {e.Message}")));
        return values!;
    }

    private IReadOnlyList<FieldError> Reject(CardDraftBuilder draft)
    {
        var (values, errors) = CardDraftValidator.Validate(draft.Build(), _context.Build());
        Assert.Null(values);
        return errors;
    }
}
