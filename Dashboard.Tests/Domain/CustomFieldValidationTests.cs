using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;

namespace Dashboard.Tests.Domain;

public sealed class CustomFieldValidationTests
{
    private static readonly string[] Channels = ["Phone", "Email", "WeChat"];

    [Fact]
    public void TextField_IsCleanedLikeBuiltInText()
    {
        var field = Field(CustomFieldType.Text);

        Assert.True(field.TryNormalize("  Prefers  morning\u3000calls ", out var value, out _));

        Assert.Equal("Prefers morning calls", value);
    }

    [Fact]
    public void TextField_LongerThanTheLimit_IsRejected()
    {
        var field = Field(CustomFieldType.Text, label: "Notes");

        Assert.False(field.TryNormalize(new string('x', CustomFieldDefinition.TextValueMaxLength + 1), out var value, out var error));

        Assert.Null(value);
        Assert.Equal($"Notes must be at most {CustomFieldDefinition.TextValueMaxLength} characters.", error);
    }

    [Fact]
    public void TextField_AtTheLimit_IsAccepted()
    {
        Assert.True(Field(CustomFieldType.Text).TryNormalize(new string('x', CustomFieldDefinition.TextValueMaxLength), out _, out _));
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("12.5", "12.5")]
    [InlineData("-3", "-3")]
    [InlineData(" 1,234.5 ", "1234.5")]
    public void NumberField_IsStoredInInvariantForm(string typed, string stored)
    {
        Assert.True(Field(CustomFieldType.Number).TryNormalize(typed, out var value, out var error), error);

        Assert.Equal(stored, value);
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("1e5")]
    [InlineData("12 kg")]
    [InlineData("12,5")]
    [InlineData("1,23,4")]
    public void NumberField_WithSomethingElse_IsRejected(string typed)
    {
        Assert.False(Field(CustomFieldType.Number, label: "Employees").TryNormalize(typed, out _, out var error));

        Assert.Equal("Employees must be a number, e.g. 1234.5.", error);
    }

    [Fact]
    public void DateField_AcceptsIsoDate()
    {
        Assert.True(Field(CustomFieldType.Date).TryNormalize(" 2026-03-01 ", out var value, out _));

        Assert.Equal("2026-03-01", value);
    }

    [Theory]
    [InlineData("2026/03/01")]
    [InlineData("01-03-2026")]
    [InlineData("2026-3-1")]
    [InlineData("2026-02-30")]
    [InlineData("next Tuesday")]
    public void DateField_InAnyOtherFormOrImpossible_IsRejected(string typed)
    {
        Assert.False(Field(CustomFieldType.Date, label: "Founded").TryNormalize(typed, out _, out var error));

        Assert.Equal("Founded must be a date written YYYY-MM-DD.", error);
    }

    [Fact]
    public void SingleChoice_TakesTheOptionsSpellingWhateverTheCase()
    {
        Assert.True(Field(CustomFieldType.SingleChoice, options: Channels).TryNormalize("wechat", out var value, out _));

        Assert.Equal("WeChat", value);
    }

    [Fact]
    public void SingleChoice_NotAmongTheOptions_IsRejectedListingThem()
    {
        Assert.False(Field(CustomFieldType.SingleChoice, label: "Channel", options: Channels).TryNormalize("Fax", out _, out var error));

        Assert.Equal("Channel must be one of: Phone, Email, WeChat.", error);
    }

    [Fact]
    public void MultiChoice_IsStoredInOptionOrderWithoutDuplicates()
    {
        Assert.True(Field(CustomFieldType.MultiChoice, options: Channels).TryNormalize("wechat; Phone;phone;", out var value, out _));

        Assert.Equal("Phone; WeChat", value);
    }

    [Fact]
    public void MultiChoice_WithOneUnknownOption_IsRejectedNamingIt()
    {
        Assert.False(Field(CustomFieldType.MultiChoice, label: "Channels", options: Channels).TryNormalize("Phone; Fax", out _, out var error));

        Assert.Equal("Channels: \"Fax\" is not one of: Phone, Email, WeChat.", error);
    }

    [Theory]
    [InlineData(CustomFieldType.Text)]
    [InlineData(CustomFieldType.Number)]
    [InlineData(CustomFieldType.Date)]
    [InlineData(CustomFieldType.SingleChoice)]
    [InlineData(CustomFieldType.MultiChoice)]
    public void RequiredField_LeftBlank_IsRejected(CustomFieldType type)
    {
        var field = Field(type, label: "Account manager", required: true, options: Channels);

        Assert.False(field.TryNormalize("   ", out _, out var error));

        Assert.Equal("Account manager is required.", error);
    }

    [Fact]
    public void RequiredMultiChoice_WithOnlySeparators_IsRejected()
    {
        Assert.False(Field(CustomFieldType.MultiChoice, label: "Channels", required: true, options: Channels).TryNormalize(" ; ; ", out _, out var error));

        Assert.Equal("Channels is required.", error);
    }

    [Theory]
    [InlineData(CustomFieldType.Text)]
    [InlineData(CustomFieldType.Number)]
    [InlineData(CustomFieldType.Date)]
    [InlineData(CustomFieldType.SingleChoice)]
    [InlineData(CustomFieldType.MultiChoice)]
    public void OptionalField_LeftBlank_StoresNothing(CustomFieldType type)
    {
        Assert.True(Field(type, options: Channels).TryNormalize(null, out var value, out var error));

        Assert.Null(value);
        Assert.Null(error);
    }

    [Fact]
    public void FieldForCompanies_DoesNotApplyToIndividuals()
    {
        var field = new CustomFieldDefinition("Registered capital", CustomFieldType.Number, false, null, CardKind.Company, 10);

        Assert.True(field.AppliesToKind(CardKind.Company));
        Assert.False(field.AppliesToKind(CardKind.Individual));
    }

    private static CustomFieldDefinition Field(CustomFieldType type, string label = "Field", bool required = false, string[]? options = null) =>
        new(label, type, required, type is CustomFieldType.SingleChoice or CustomFieldType.MultiChoice ? options : null, null, 10);
}
