using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("138 1234 5678")]
    [InlineData("13812345678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("0086 13812345678")]
    [InlineData("  (+86) 138 1234 5678  ")]
    public void ChineseMobile_TypedInAnyCommonFormat_IsStoredAsE164(string typed)
    {
        Assert.True(PhoneNumber.TryParse(typed, "CN", out var phone, out var error), error);

        Assert.Equal("+8613812345678", phone!.E164);
    }

    [Fact]
    public void BeijingLandline_WithTrunkPrefix_IsStoredAsE164()
    {
        Assert.True(PhoneNumber.TryParse("010-6552 9988", "CN", out var phone, out var error), error);

        Assert.Equal("+861065529988", phone!.E164);
    }

    [Theory]
    [InlineData("(650) 253-0000")]
    [InlineData("650.253.0000")]
    [InlineData("+1 650 253 0000")]
    public void UsNumber_WithUsDefaultRegion_IsStoredAsE164(string typed)
    {
        Assert.True(PhoneNumber.TryParse(typed, "US", out var phone, out var error), error);

        Assert.Equal("+16502530000", phone!.E164);
    }

    [Fact]
    public void UsNumber_WithCountryCode_IsReadCorrectlyUnderChineseDefault()
    {
        Assert.Equal("+16502530000", PhoneNumber.NormalizeOrNull("+1 (650) 253-0000", "CN"));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("138 1234 567")]
    [InlineData("+86 000 0000 0000")]
    public void NumberThatIsTooShortOrUnassigned_IsRejectedWithMessage(string typed)
    {
        Assert.False(PhoneNumber.TryParse(typed, "CN", out var phone, out var error));

        Assert.Null(phone);
        Assert.Contains(typed.Trim(), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("abc-defg")]
    public void Text_IsRejectedAsNotAPhoneNumber(string typed)
    {
        Assert.False(PhoneNumber.TryParse(typed, "CN", out _, out var error));

        Assert.Contains("not a phone number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyInput_AsksForANumber(string? typed)
    {
        Assert.False(PhoneNumber.TryParse(typed, "CN", out _, out var error));

        Assert.Equal("Enter a phone number.", error);
    }

    [Fact]
    public void StoredNumber_IsDisplayedInReadableInternationalForm()
    {
        Assert.Equal("+86 138 1234 5678", PhoneNumber.Display("+8613812345678"));
    }

    [Theory]
    [InlineData("CN", true)]
    [InlineData("US", true)]
    [InlineData("GB", true)]
    [InlineData("XX", false)]
    [InlineData("cn", false)]
    public void DefaultRegionSetting_AcceptsOnlyKnownRegionCodes(string region, bool known)
    {
        Assert.Equal(known, PhoneNumber.IsKnownRegion(region));
    }
}
