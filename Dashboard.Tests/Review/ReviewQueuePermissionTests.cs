using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Review;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Review;

/// <summary>
/// The review queue (maker–checker): switched by an Admin; while on, Sales users' new cards and contact point and
/// manual tier changes wait for a TeamLead of the card's team, who approves or rejects them with a reason.
/// </summary>
public sealed class ReviewQueuePermissionTests : ServiceTest
{
    private const string OldPhone = "+8613812345678";
    private const string NewPhone = "+8613987654321";

    private ReviewService Review => App.Services.GetRequiredService<ReviewService>();

    private NotificationService Notifications => App.Services.GetRequiredService<NotificationService>();

    [Fact]
    public async Task SwitchedOff_NothingWaits_AndSalesChangesApplyAtOnce()
    {
        var card = await CreateSalesCardAsync();

        Assert.True((await App.EditAsync(SalesEast, card, d => d.Phones[0].Value = NewPhone)).Succeeded);

        Assert.Equal(NewPhone, (await App.GetCardAsync(SalesEast, card)).Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Empty(await Review.ListPendingAsync(Actors.TeamLeadEast));
    }

    [Fact]
    public async Task OnlyAnAdmin_SwitchesTheQueue_AndTheSwitchIsAudited()
    {
        Assert.Equal(CommandStatus.Forbidden, (await Review.SetEnabledAsync(Actors.TeamLeadEast, true)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Review.SetEnabledAsync(SalesEast, true)).Status);
        Assert.False(await Review.IsEnabledAsync());

        Assert.True((await Review.SetEnabledAsync(Actors.Admin, true)).Succeeded);

        Assert.True(await Review.IsEnabledAsync());
        Assert.Contains(await App.AuditTrailAsync(), e => e.Action == ReviewService.SwitchedAction);
    }

    [Fact]
    public async Task SwitchedOn_ASalesUsersNewCardIsPending_ButATeamLeadsIsNot()
    {
        await SwitchOnAsync();

        var salesCard = await CreateSalesCardAsync();
        await App.CreateCardAsync(Actors.TeamLeadEast, CardDraftBuilder.Individual("李娜的客户"));

        var pending = Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));
        Assert.Equal((salesCard, PendingChangeKind.NewCard), (pending.CardId, pending.Kind));
        Assert.Single(await Review.ListForCardAsync(SalesEast, salesCard));
    }

    [Fact]
    public async Task ASalesUsersContactPointChange_WaitsForApproval_WhileTheOtherFieldsAreSaved()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();

        var result = await App.EditAsync(SalesEast, card, d =>
        {
            d.Phones[0].Value = NewPhone;
            d.Title = "Head buyer";
        });

        Assert.True(result.Succeeded);
        var saved = await App.GetCardAsync(SalesEast, card);
        Assert.Equal(("Head buyer", OldPhone), (saved.Title, saved.Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal)));
        var pending = Assert.Single(await Review.ListForCardAsync(SalesEast, card));
        Assert.Equal(PendingChangeKind.ContactPoints, pending.Kind);
        Assert.Equal(NewPhone, Assert.Single(pending.Added).Value);
        Assert.Equal(OldPhone, Assert.Single(pending.Removed).Value);
    }

    [Fact]
    public async Task ASalesUsersTierOverride_WaitsForApproval()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();
        var version = (await App.GetCardAsync(SalesEast, card)).Version;

        Assert.True((await App.Cards.SetTierAsync(SalesEast, card, version, CustomerTier.A, "Strategic account")).Succeeded);

        Assert.Null((await App.GetCardAsync(SalesEast, card)).Tier);
        var pending = Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));
        Assert.Equal(new ProposedTier(CustomerTier.A, "Strategic account"), pending.ProposedTier);

        Assert.True((await Review.ApproveAsync(Actors.TeamLeadEast, pending.Id)).Succeeded);
        Assert.Equal(CustomerTier.A, (await App.GetCardAsync(SalesEast, card)).Tier);
    }

    [Fact]
    public async Task ATeamLeadsChange_AppliesAtOnce()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();

        Assert.True((await App.EditAsync(Actors.TeamLeadEast, card, d => d.Phones[0].Value = NewPhone)).Succeeded);

        Assert.Equal(NewPhone, (await App.GetCardAsync(SalesEast, card)).Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Empty(await Review.ListForCardAsync(SalesEast, card));
    }

    [Fact]
    public async Task ATeamLeadOfAnotherTeam_CannotApproveOrEvenSeeTheChange()
    {
        var pending = await ProposeNewPhoneAsync();

        Assert.Empty(await Review.ListPendingAsync(Actors.TeamLeadWest));
        Assert.Equal(CommandStatus.Forbidden, (await Review.ApproveAsync(Actors.TeamLeadWest, pending.Id)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Review.ApproveAsync(Actors.SalesEastColleague, pending.Id)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Review.ApproveAsync(Actors.SalesManager, pending.Id)).Status);
        Assert.Equal(OldPhone, (await App.GetCardAsync(SalesEast, pending.CardId)).Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMaker_CannotApproveTheirOwnChange_EvenAfterBecomingTeamLead()
    {
        var pending = await ProposeNewPhoneAsync();
        var promoted = SalesEast with { Roles = new HashSet<Role> { Role.TeamLead } };

        var result = await Review.ApproveAsync(promoted, pending.Id);

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.False(Assert.Single(await Review.ListPendingAsync(promoted)).CanDecide);
    }

    [Fact]
    public async Task Rejecting_NeedsAReason_AndAppliesNothing()
    {
        var pending = await ProposeNewPhoneAsync();

        var withoutReason = await Review.RejectAsync(Actors.TeamLeadEast, pending.Id, "  ");
        Assert.Equal(CommandStatus.Invalid, withoutReason.Status);
        Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));

        Assert.True((await Review.RejectAsync(Actors.TeamLeadEast, pending.Id, "Customer did not confirm the number")).Succeeded);

        Assert.Empty(await Review.ListPendingAsync(Actors.TeamLeadEast));
        Assert.Equal(OldPhone, (await App.GetCardAsync(SalesEast, pending.CardId)).Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Contains(await App.AuditTrailAsync(), e => e.Action == ReviewService.RejectedAction);
    }

    [Fact]
    public async Task Approving_AppliesTheProposedContactPoints_AndAuditsTheChange()
    {
        var pending = await ProposeNewPhoneAsync();

        var result = await Review.ApproveAsync(Actors.TeamLeadEast, pending.Id);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(NewPhone, (await App.GetCardAsync(SalesEast, pending.CardId)).Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Empty(await Review.ListPendingAsync(Actors.TeamLeadEast));
        var entry = Assert.Single(await App.AuditTrailAsync(), e => e.Action == ReviewService.ApprovedAction);
        Assert.Contains(NewPhone, string.Join(" ", entry.Changes.Select(c => c.After)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovingAfterTheContactPointsChangedMeanwhile_ReportsAConflict_AndKeepsTheLaterValues()
    {
        var pending = await ProposeNewPhoneAsync();
        const string LeadsPhone = "+8613700001111";
        Assert.True((await App.EditAsync(Actors.TeamLeadEast, pending.CardId, d => d.Phones[0].Value = LeadsPhone)).Succeeded);

        var result = await Review.ApproveAsync(Actors.TeamLeadEast, pending.Id);

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(LeadsPhone, (await App.GetCardAsync(SalesEast, pending.CardId)).Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));
    }

    [Fact]
    public async Task TheMaker_IsToldOfTheDecision_AndCanMarkItRead()
    {
        var pending = await ProposeNewPhoneAsync();

        await Review.RejectAsync(Actors.TeamLeadEast, pending.Id, "Wrong number");

        var notification = Assert.Single(await Notifications.ListAsync(SalesEast));
        Assert.Equal("{0} rejected your contact point change on {1}: {2}", notification.TextKey);
        Assert.Equal([Actors.TeamLeadEast.DisplayName, pending.CardCode, "Wrong number"], notification.Args);
        Assert.Equal(1, await Notifications.UnreadCountAsync(SalesEast));
        Assert.Empty(await Notifications.ListAsync(Actors.TeamLeadEast));

        await Notifications.MarkAllReadAsync(SalesEast);
        Assert.Equal(0, await Notifications.UnreadCountAsync(SalesEast));
    }

    private async Task SwitchOnAsync() => Assert.True((await Review.SetEnabledAsync(Actors.Admin, true)).Succeeded);

    private async Task<Guid> CreateSalesCardAsync() =>
        (await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone(OldPhone, "Mobile", primary: true))).Id;

    /// <summary>A Sales user's card, created before the switch, then a new phone proposed with the queue on.</summary>
    private async Task<PendingChangeView> ProposeNewPhoneAsync()
    {
        var card = await CreateSalesCardAsync();
        await SwitchOnAsync();
        Assert.True((await App.EditAsync(SalesEast, card, d => d.Phones[0].Value = NewPhone)).Succeeded);
        return Assert.Single(await Review.ListPendingAsync(Actors.TeamLeadEast));
    }
}
