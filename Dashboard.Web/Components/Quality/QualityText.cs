using System.Globalization;
using Dashboard.Domain.Quality;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Quality;

/// <summary>Quality rules, fields, outcomes and findings in the UI language.</summary>
public static class QualityText
{
    public static string Rule(IStringLocalizer<SharedResource> L, QualityRule rule) => rule switch
    {
        QualityRule.MissingRequired => L["Required field missing"],
        QualityRule.MissingRecommended => L["Recommended field missing"],
        QualityRule.InvalidValue => L["Invalid value"],
        QualityRule.Stale => L["Overdue for verification"],
        QualityRule.SuspectedDuplicate => L["Suspected duplicate"],
        QualityRule.ActiveWithoutActivity => L["Active without purchase or interaction in a year"],
        QualityRule.ChurnedWithRecentPurchase => L["Churned but bought recently"],
        _ => rule.ToString(),
    };

    public static string Dimension(IStringLocalizer<SharedResource> L, QualityDimension dimension) => dimension switch
    {
        QualityDimension.Completeness => L["Completeness"],
        QualityDimension.Validity => L["Validity"],
        QualityDimension.Freshness => L["Freshness"],
        QualityDimension.Uniqueness => L["Uniqueness"],
        _ => L["Consistency"],
    };

    public static string Field(IStringLocalizer<SharedResource> L, QualityFields field) => field switch
    {
        QualityFields.Name => L["Name"],
        QualityFields.Company => L["Company"],
        QualityFields.Title => L["Title"],
        QualityFields.Industry => L["Industry"],
        QualityFields.Region => L["Region"],
        QualityFields.Address => L["Address"],
        QualityFields.SourceChannel => L["Source channel"],
        QualityFields.Phone => L["Phone"],
        QualityFields.Email => L["E-mail"],
        _ => field.ToString(),
    };

    public static string Band(IStringLocalizer<SharedResource> L, QualityBand band) => band switch
    {
        QualityBand.Good => L["Good"],
        QualityBand.Fair => L["Fair"],
        _ => L["Poor"],
    };

    public static string Outcome(IStringLocalizer<SharedResource> L, VerificationOutcome outcome) => outcome switch
    {
        VerificationOutcome.Confirmed => L["Confirmed"],
        VerificationOutcome.Corrected => L["Corrected"],
        _ => L["Unreachable"],
    };

    public static string Method(IStringLocalizer<SharedResource> L, VerificationMethod method) => method switch
    {
        VerificationMethod.Phone => L["By phone"],
        VerificationMethod.Email => L["By e-mail"],
        VerificationMethod.InPerson => L["In person"],
        _ => L["Self-service"],
    };

    /// <summary>The field a finding names: a built-in field, a custom field's label, the card or its stage; with the contact label.</summary>
    public static string FindingField(IStringLocalizer<SharedResource> L, QualityFinding finding)
    {
        var name = finding.Field switch
        {
            QualityFinding.CustomField => finding.Label ?? L["Custom field"],
            QualityFinding.CardField => L["Card"],
            QualityFinding.StageField => L["Stage"],
            _ when Enum.TryParse<QualityFields>(finding.Field, out var field) => Field(L, field),
            _ => finding.Field,
        };
        return finding.Label is { } label && finding.Field != QualityFinding.CustomField ? $"{name} ({label})" : name;
    }

    /// <summary>What is wrong, in a sentence fragment after the field's name.</summary>
    public static string FindingDetail(IStringLocalizer<SharedResource> L, QualityFinding finding)
    {
        static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
        return finding.Rule switch
        {
            QualityRule.Stale when finding.Since is null => string.Format(CultureInfo.CurrentCulture, L["never verified; was due by {0}"], Day(finding.DueOn)),
            QualityRule.Stale => string.Format(CultureInfo.CurrentCulture, L["last verified {0}; was due by {1}"], Day(finding.Since), Day(finding.DueOn)),
            QualityRule.ActiveWithoutActivity when finding.Since is null => L["no purchase or interaction recorded"],
            QualityRule.ActiveWithoutActivity => string.Format(CultureInfo.CurrentCulture, L["last purchase or interaction {0}"], Day(finding.Since)),
            QualityRule.ChurnedWithRecentPurchase => string.Format(CultureInfo.CurrentCulture, L["last purchase {0}"], Day(finding.Since)),
            QualityRule.InvalidValue when finding.Field is "Industry" or "Region" or "SourceChannel" => L["a retired list entry"],
            _ => Rule(L, finding.Rule),
        };
    }
}
