using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("  Wang.XiaoMing@Example.COM ", "wang.xiaoming@example.com")]
    [InlineData("li_na+orders@corp.example.cn", "li_na+orders@corp.example.cn")]
    [InlineData("ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "wang@example.com")]
    public void Address_IsTrimmedLowerCasedAndWidthNormalised(string typed, string stored)
    {
        Assert.True(EmailAddress.TryParse(typed, out var email, out var error), error);

        Assert.Equal(stored, email!.Value);
    }

    [Theory]
    [InlineData("user@bücher.de", "user@xn--bcher-kva.de")]
    [InlineData("Info@例子.中国", "info@xn--fsqu00a.xn--fiqs8s")]
    [InlineData("sales@Münchén.Example", "sales@xn--mnchn-esa3k.example")]
    public void InternationalisedDomain_IsStoredAsPunycode(string typed, string stored)
    {
        Assert.True(EmailAddress.TryParse(typed, out var email, out var error), error);

        Assert.Equal(stored, email!.Value);
    }

    [Theory]
    [InlineData("wang")]
    [InlineData("wang@")]
    [InlineData("@example.com")]
    [InlineData("wang@@example.com")]
    [InlineData("wang@example")]
    [InlineData("wang xiao@example.com")]
    [InlineData("wang..xiao@example.com")]
    [InlineData(".wang@example.com")]
    [InlineData("wang@-example.com")]
    [InlineData("wang@example..com")]
    [InlineData("wang@exa mple.com")]
    public void MalformedAddress_IsRejectedWithMessageNamingIt(string typed)
    {
        Assert.False(EmailAddress.TryParse(typed, out var email, out var error));

        Assert.Null(email);
        Assert.Contains(typed, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongAddress_IsRejected()
    {
        var typed = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";

        Assert.False(EmailAddress.TryParse(typed, out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyInput_AsksForAnAddress(string? typed)
    {
        Assert.False(EmailAddress.TryParse(typed, out _, out var error));

        Assert.Equal("Enter an e-mail address.", error);
    }
}
