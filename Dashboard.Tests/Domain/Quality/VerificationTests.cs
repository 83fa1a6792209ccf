using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>Verifying a card records each value's outcome, resets the freshness of what was confirmed or corrected, and corrects through the form's rules.</summary>
public sealed class VerificationTests : QualityTest
{
    [Fact]
    public async Task ConfirmedValues_AreVerifiedToday_UnreachableOnesStayStale_AndEachItemIsStored()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        App.Clock.Advance(TimeSpan.FromDays(400));
        await RecomputeAsync();
        Assert.Equal(75, (await StoredAsync(card.Id)).Score);
        var details = await CardAsync(card.Id);

        var result = await VerifyAsync(SalesEast, card.Id,
            Field(QualityFields.Name, VerificationOutcome.Confirmed),
            Contact(details.Phones[0], VerificationOutcome.Confirmed),
            Contact(details.Emails[0], VerificationOutcome.Unreachable));

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var after = await CardAsync(card.Id);
        Assert.Equal(App.Clock.Today, after.Phones[0].LastVerifiedOn);
        Assert.Null(after.Emails[0].LastVerifiedOn);
        Assert.Equal(App.Clock.Today, after.Quality!.NameVerifiedOn);

        // Freshness 2 of 3: 25 × 2/3 + 75 = 91.67 → 92; only the e-mail is named.
        var explanation = await ExplainAsync(card.Id);
        Assert.Equal(92, explanation.Score);
        Assert.Equal(("Email", "Work"), (Assert.Single(explanation.Breakdown.Findings).Field, explanation.Breakdown.Findings[0].Label));
        Assert.Equal(details.DetailsVersion, after.DetailsVersion);

        await using var db = App.Database.CreateContext();
        var rows = await db.Verifications.AsNoTracking().OrderBy(v => v.Field).ToListAsync();
        Assert.Equal(
            [(QualityFields.Name, VerificationOutcome.Confirmed), (QualityFields.Phone, VerificationOutcome.Confirmed), (QualityFields.Email, VerificationOutcome.Unreachable)],
            rows.Select(r => (r.Field, r.Outcome)).OrderBy(r => r.Field));
        Assert.All(rows, r => Assert.Equal((SalesEast.StaffId, VerificationMethod.Phone, App.Clock.UtcNow), (r.VerifiedBy, r.Method, r.VerifiedAt)));
        Assert.Equal("+8613812345678", rows.Single(r => r.Field == QualityFields.Phone).OldValue);
        var audit = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal(VerificationService.VerifiedAction, audit.Action);
    }

    [Fact]
    public async Task ACorrectedValue_PassesTheFormsValidation_ChangesTheCard_AndIsAudited()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        var details = await CardAsync(card.Id);

        var result = await VerifyAsync(SalesEast, card.Id,
            Contact(details.Phones[0], VerificationOutcome.Corrected, "139 0000 1111"),
            Field(QualityFields.Name, VerificationOutcome.Corrected, "  王晓明 "));

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var after = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(("+86 139 0000 1111", App.Clock.Today), (after.Phones[0].Display, after.Phones[0].LastVerifiedOn));
        Assert.Equal(("王晓明", App.Clock.Today), (after.Name, after.Quality!.NameVerifiedOn));
        Assert.Equal(details.DetailsVersion + 1, after.DetailsVersion);

        await using var db = App.Database.CreateContext();
        var phone = await db.Verifications.AsNoTracking().SingleAsync(v => v.Field == QualityFields.Phone);
        Assert.Equal((VerificationOutcome.Corrected, "+8613812345678", "+8613900001111"), (phone.Outcome, phone.OldValue, phone.NewValue));
        var audit = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Contains(audit.Changes, c => c.Field == "Phones" && c.After!.Contains("+8613900001111", StringComparison.Ordinal));
        Assert.Contains(audit.Changes, c => c.Field == nameof(CustomerCard.Name) && c.Before == "王小明" && c.After == "王晓明");
    }

    [Fact]
    public async Task AnInvalidCorrection_IsRefusedOnItsRow_AndNothingIsSaved()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        var details = await CardAsync(card.Id);

        var result = await VerifyAsync(SalesEast, card.Id,
            Field(QualityFields.Name, VerificationOutcome.Confirmed),
            Contact(details.Phones[0], VerificationOutcome.Corrected, "12345"));

        Assert.Equal(CommandStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((VerificationItem.ContactKey(details.Phones[0].Id), "phone.invalid"), (error.Field, error.Code));
        Assert.Equal(0, await App.CountAsync(db => db.Verifications));
        Assert.Null((await CardAsync(card.Id)).Quality!.NameVerifiedOn);
    }

    [Fact]
    public async Task EmptyVerifications_ConfirmingAnEmptyField_AndCorrectionsWithoutAValue_AreRefused()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());

        var empty = await VerifyAsync(SalesEast, card.Id);
        var result = await VerifyAsync(SalesEast, card.Id,
            Field(QualityFields.Title, VerificationOutcome.Confirmed),
            Field(QualityFields.Name, VerificationOutcome.Corrected, " "));

        Assert.Equal("verification.empty", Assert.Single(empty.Errors).Code);
        Assert.Equal(["verification.empty-field", "verification.new-value"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task SalesVerifyTheirOwnCards_TeamLeadsTheirTeams_OthersNot()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        var confirm = Field(QualityFields.Name, VerificationOutcome.Confirmed);

        Assert.Equal(CommandStatus.Forbidden, (await VerifyAsync(Actors.SalesEastColleague, card.Id, confirm)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await VerifyAsync(Actors.TeamLeadWest, card.Id, confirm)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await VerifyAsync(Actors.SalesManager, card.Id, confirm)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await VerifyAsync(Actors.Admin, card.Id, confirm)).Status);
        Assert.True((await VerifyAsync(SalesEast, card.Id, confirm)).Succeeded);
        Assert.True((await VerifyAsync(Actors.TeamLeadEast, card.Id, confirm)).Succeeded);
        Assert.False((await App.GetCardAsync(Actors.SalesEastColleague, card.Id)).Quality!.CanVerify);
    }

    [Fact]
    public async Task AVerificationOpenedBeforeSomeoneEditedTheCard_IsAConflict()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        var opened = await CardAsync(card.Id);
        Assert.True((await App.EditAsync(Actors.SalesEastColleague, card.Id, d => d.Title = "经理")).Succeeded);

        var result = await Verifications.VerifyAsync(SalesEast, card.Id, opened.DetailsVersion, [Field(QualityFields.Name, VerificationOutcome.Confirmed)]);

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(0, await App.CountAsync(db => db.Verifications));
    }

    [Fact]
    public async Task ChangingAVerifiedValue_MakesItUnverifiedAgain()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        Assert.True((await VerifyAsync(SalesEast, card.Id, Field(QualityFields.Name, VerificationOutcome.Confirmed))).Succeeded);

        Assert.True((await App.EditAsync(SalesEast, card.Id, d => d.Name = "王大明")).Succeeded);

        Assert.Null((await CardAsync(card.Id)).Quality!.NameVerifiedOn);
    }
}
