using Dashboard.Domain.Customers;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Persistence;

/// <summary>Two people editing one card never overwrite each other silently.</summary>
public sealed class ConcurrencyTests : ServiceTest
{
    [Fact]
    public async Task SecondSaveFromTheSameVersion_GetsConflict_AndTheFirstValuesSurvive()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithTitle("Buyer"));
        var colleague = Actors.SalesEastColleague;
        var opened = await App.GetCardAsync(SalesEast, card.Id);
        var mine = opened.ToDraft();
        var theirs = (await App.GetCardAsync(colleague, card.Id)).ToDraft();
        mine.Title = "Head buyer";
        theirs.Title = "Purchasing manager";
        theirs.Address = "上海市浦东新区";

        var first = await App.Cards.UpdateAsync(SalesEast, card.Id, opened.DetailsVersion, mine);
        var second = await App.Cards.UpdateAsync(colleague, card.Id, opened.DetailsVersion, theirs);

        Assert.True(first.Succeeded);
        Assert.Equal(CommandStatus.Conflict, second.Status);
        Assert.Contains("Someone else saved this card", second.Message, StringComparison.Ordinal);
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(("Head buyer", null, first.Value), (details.Title, details.Address, details.DetailsVersion));
        Assert.Equal(2, (await App.AuditTrailAsync(card.Code)).Count);
    }

    [Fact]
    public async Task SomeoneSavingBetweenTheCheckAndTheWrite_StillCausesConflict()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明"));
        App.Database.BeforeSave.OnNextSave(async () =>
        {
            await using var other = App.Database.CreateContext();
            await other.Database.ExecuteSqlAsync($"UPDATE Cards SET Version = Version + 1, Title = 'Set by someone else' WHERE Number = 1");
        });

        var result = await App.EditAsync(SalesEast, card.Id, d => d.Title = "Mine");

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal("Set by someone else", (await App.GetCardAsync(SalesEast, card.Id)).Title);
        Assert.DoesNotContain(await App.AuditTrailAsync(card.Code), e => e.Action == "card.updated");
    }

    [Fact]
    public async Task SavingAgainFromTheNewVersion_Succeeds()
    {
        var card = await App.CreateCardAsync(SalesEast);

        var first = await App.EditAsync(SalesEast, card.Id, d => d.Title = "Buyer");
        var second = await App.EditAsync(Actors.SalesEastColleague, card.Id, d => d.Address = "北京市朝阳区");

        Assert.True(second.Succeeded);
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(("Buyer", "北京市朝阳区", first.Value + 1), (details.Title, details.Address, details.DetailsVersion));
    }

    [Fact]
    public async Task ColleagueLoggingACallWhileTheFormIsOpen_DoesNotBlockTheSave()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明"));
        var opened = await App.GetCardAsync(SalesEast, card.Id);
        var draft = opened.ToDraft();
        draft.Title = "Head buyer";

        await App.Cards.LogInteractionAsync(Actors.SalesEastColleague, card.Id, new InteractionDraft { Summary = "Called about the offer" });
        await App.Cards.RecordPurchaseAsync(Actors.SalesEastColleague, card.Id, new PurchaseDraft { Product = "Bearings", PurchasedOn = new DateOnly(2026, 3, 1), Amount = 100m });
        var result = await App.Cards.UpdateAsync(SalesEast, card.Id, opened.DetailsVersion, draft);

        Assert.True(result.Succeeded, result.Message);
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal("Head buyer", details.Title);
        Assert.Single(details.Interactions);
        Assert.Single(details.Purchases!);
    }

    [Fact]
    public async Task StageChangeFromAStaleVersion_GetsConflict()
    {
        var card = await App.CreateCardAsync(SalesEast);
        await App.EditAsync(SalesEast, card.Id, d => d.Title = "Buyer");

        var result = await App.Cards.ChangeStageAsync(Actors.SalesEastColleague, card.Id, card.Version, LifecycleStage.New);

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Single((await App.GetCardAsync(SalesEast, card.Id)).StageHistory);
    }

    [Fact]
    public async Task EditingARemark_KeepsTheEarlierVersionWithItsAuthorAndTime()
    {
        var card = await App.CreateCardAsync(SalesEast);
        App.Clock.Tick();
        var writtenAt = App.Clock.UtcNow;
        await App.Cards.AddRemarkAsync(SalesEast, card.Id, "Prefers calls after 3pm.");
        var remarkId = (await App.GetCardAsync(SalesEast, card.Id)).Remarks[0].Id;

        var firstEditAt = App.Clock.Advance(TimeSpan.FromHours(2));
        var firstEdit = await App.Cards.EditRemarkAsync(Actors.SalesEastColleague, card.Id, remarkId, "Prefers calls after 4pm.");
        var secondEditAt = App.Clock.Advance(TimeSpan.FromHours(3));
        await App.Cards.EditRemarkAsync(SalesEast, card.Id, remarkId, "Prefers WeChat.");

        Assert.True(firstEdit.Succeeded, TestDashboard.Describe(firstEdit));
        var remark = Assert.Single((await App.GetCardAsync(SalesEast, card.Id)).Remarks);
        Assert.Equal(("Zhang Wei", writtenAt, "Prefers WeChat.", secondEditAt), (remark.AuthorName, remark.CreatedAt, remark.Text, remark.EditedAt));
        Assert.Equal(
            [
                new(1, "Prefers calls after 3pm.", writtenAt, "Zhang Wei"),
                new(2, "Prefers calls after 4pm.", firstEditAt, "Zhao Min"),
            ],
            remark.EarlierVersions);
    }

    [Fact]
    public async Task EditingARemark_IsAuditedWithTheOldAndNewText()
    {
        var card = await App.CreateCardAsync(SalesEast);
        await App.Cards.AddRemarkAsync(SalesEast, card.Id, "Old text");
        var remarkId = (await App.GetCardAsync(SalesEast, card.Id)).Remarks[0].Id;

        await App.Cards.EditRemarkAsync(SalesEast, card.Id, remarkId, "New text");

        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal("card.remark-edited", entry.Action);
        Assert.Equal(new FieldChange("Remark", "Old text", "New text"), Assert.Single(entry.Changes));
    }

    [Fact]
    public async Task SavingARemarkWithTheSameText_AddsNoVersion()
    {
        var card = await App.CreateCardAsync(SalesEast);
        await App.Cards.AddRemarkAsync(SalesEast, card.Id, "Same text");
        var remarkId = (await App.GetCardAsync(SalesEast, card.Id)).Remarks[0].Id;

        await App.Cards.EditRemarkAsync(SalesEast, card.Id, remarkId, "  Same text ");

        var remark = Assert.Single((await App.GetCardAsync(SalesEast, card.Id)).Remarks);
        Assert.Empty(remark.EarlierVersions);
        Assert.Null(remark.EditedAt);
    }

    [Fact]
    public async Task BlankRemark_IsRejected()
    {
        var card = await App.CreateCardAsync(SalesEast);

        var result = await App.Cards.AddRemarkAsync(SalesEast, card.Id, " \r\n ");

        Assert.Equal(("Remark", "remark.required"), (Assert.Single(result.Errors).Field, result.Errors[0].Code));
        Assert.Empty((await App.GetCardAsync(SalesEast, card.Id)).Remarks);
    }
}
