using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>Every stored phone, e-mail, list entry and custom value must still pass its rule (validity weighs 20 of 100).</summary>
public sealed class ValidityRuleTests
{
    [Fact]
    public void APhoneThatIsNotAValidNumber_FailsValidity_NamingItsLabel()
    {
        // Checked: phone, e-mail, industry, region, source = 5, one invalid → 20 × 0.8 = 16, + 80 = 96.
        var result = QualityFactsBuilder.Individual()
            .With(f => f with { Contacts = [f.Contacts[0] with { Value = "+86123" }, f.Contacts[1]] })
            .Score();

        Assert.Equal(96, result.Score);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((QualityRule.InvalidValue, "Phone", "Mobile"), (finding.Rule, finding.Field, finding.Label));
    }

    [Fact]
    public void RetiredListEntries_AndCustomValuesThatNoLongerPass_AreInvalid()
    {
        // Checked: 2 contacts, 3 list entries, 1 custom value = 6; invalid: e-mail, industry, custom → 20 × 0.5 = 10, + 80 = 90.
        var result = QualityFactsBuilder.Individual()
            .With(f => f with
            {
                Contacts = [f.Contacts[0], f.Contacts[1] with { Value = "not-an-address" }],
                RetiredEntries = [new RetiredEntryFact(QualityFields.Industry, "Textiles")],
                CustomFields = [new CustomFieldFact("Size", Required: false, HasValue: true, Valid: false)],
            })
            .Score();

        Assert.Equal(90, result.Score);
        Assert.Equal(
            [("Email", "Work"), ("Industry", "Textiles"), (QualityFinding.CustomField, "Size")],
            result.Findings.Select(f => (f.Field, f.Label!)));
        Assert.All(result.Findings, f => Assert.Equal(QualityRule.InvalidValue, f.Rule));
    }

    [Theory]
    [InlineData("US", "+14155555938", false)]
    [InlineData("CN", "+14155555938", true)]
    [InlineData("DE", "+862210644327", true)]
    [InlineData("AU", "+61412345678", false)]
    [InlineData(null, "+14155555938", false)]
    public void APhoneOfAnotherCountryThanTheCards_IsAnInvalidValue_NamingItsLabel(string? country, string phone, bool invalid)
    {
        var result = QualityFactsBuilder.Individual()
            .With(f => f with { Country = country, Contacts = [f.Contacts[0] with { Value = phone }, f.Contacts[1]] })
            .Score();

        Assert.Equal(invalid, result.Findings.Any(f => (f.Rule, f.Field, f.Label) == (QualityRule.InvalidValue, "Phone", "Mobile")));
        Assert.Equal(invalid ? 96 : 100, result.Score);
    }

    [Theory]
    [InlineData(ContactKind.Phone, "+8613812345678", true)]
    [InlineData(ContactKind.Phone, "+86123456", false)]
    [InlineData(ContactKind.Phone, "13812345678", false)]
    [InlineData(ContactKind.Email, "wang@example.com", true)]
    [InlineData(ContactKind.Email, "Wang@Example.com", false)]
    public void StoredContactValues_MustBeInTheirNormalisedForm(ContactKind kind, string value, bool valid) =>
        Assert.Equal(valid, QualityScorer.IsValid(kind, value));
}
