using Dashboard.Domain.Duplicates;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Duplicates;

/// <summary>The reasons of a duplicate match in words, e.g. "same phone, similar name".</summary>
public static class MatchReasonsText
{
    public static string Describe(MatchReasons reasons, IStringLocalizer<SharedResource> L) =>
        string.Join(", ", Enum.GetValues<MatchReasons>().Where(r => r != MatchReasons.None && reasons.HasFlag(r)).Select(r => Word(r, L)));

    private static string Word(MatchReasons reason, IStringLocalizer<SharedResource> L) => reason switch
    {
        MatchReasons.SamePhone => L["same phone"],
        MatchReasons.SameEmail => L["same e-mail"],
        MatchReasons.SameName => L["same name"],
        MatchReasons.SimilarName => L["similar name"],
        MatchReasons.SameCompany => L["same company"],
        MatchReasons.SimilarCompany => L["similar company"],
        MatchReasons.SameDateOfBirth => L["same date of birth"],
        MatchReasons.SimilarDateOfBirth => L["similar date of birth"],
        MatchReasons.SamePostcode => L["same postcode"],
        MatchReasons.SameAddress => L["same address"],
        MatchReasons.SimilarAddress => L["similar address"],
        _ => reason.ToString(),
    };
}
