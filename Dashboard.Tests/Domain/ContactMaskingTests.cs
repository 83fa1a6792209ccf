using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

public sealed class ContactMaskingTests
{
    [Theory]
    [InlineData("+8613812345678", "+86138****5678")]
    [InlineData("+16502530000", "+165****0000")]
    [InlineData("1234567", "*******")]
    public void Phone_KeepsOnlyTheCountryPrefixAndLastFourDigits(string e164, string masked)
    {
        Assert.Equal(masked, ContactMasking.Mask(ContactKind.Phone, e164));
    }

    [Theory]
    [InlineData("wang.xiaoming@example.com", "w***@example.com")]
    [InlineData("a@example.com", "***@example.com")]
    public void Email_HidesTheNameButKeepsTheDomain(string email, string masked)
    {
        Assert.Equal(masked, ContactMasking.Mask(ContactKind.Email, email));
    }

    [Theory]
    [InlineData("上海市浦东新区张江路88号", "上海市浦****")]
    [InlineData("12 High Street, Springfield", "12 Hig****")]
    [InlineData("北京", "****")]
    public void Address_KeepsOnlyItsBeginning(string address, string masked)
    {
        Assert.Equal(masked, ContactMasking.MaskAddress(address));
    }
}
