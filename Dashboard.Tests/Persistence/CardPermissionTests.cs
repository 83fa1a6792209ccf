using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Persistence;

/// <summary>The C5 matrix as the services enforce it, whatever the UI shows.</summary>
public sealed class CardPermissionTests : ServiceTest
{
    private CardRef _own = null!;
    private CardRef _teammates = null!;
    private CardRef _otherTeams = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _own = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678").WithEmail("wang.xm@example.com"));
        _teammates = await App.CreateCardAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("赵敏"));
        _otherTeams = await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("陈杰").WithPhone("139 8765 4321"));
        foreach (var card in new[] { _own, _otherTeams })
        {
            var owner = card == _own ? SalesEast : Actors.SalesWest;
            var purchase = await App.Cards.RecordPurchaseAsync(owner, card.Id, new PurchaseDraft { Product = "Printer", PurchasedOn = App.Clock.Today, Amount = 1999m });
            Assert.True(purchase.Succeeded, TestDashboard.Describe(purchase));
        }
    }

    [Fact]
    public async Task Sales_ListsOwnAndTeamCards_ButNotAnotherTeams()
    {
        var codes = await VisibleCodesAsync(SalesEast);

        Assert.Equal([_own.Code, _teammates.Code], codes);
    }

    [Fact]
    public async Task Sales_OpeningAnotherTeamsCard_IsForbidden()
    {
        var result = await App.Queries.GetAsync(SalesEast, _otherTeams.Id);

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task Sales_SeesTheirCardsContactsInFull_AndMayEdit()
    {
        var details = await App.GetCardAsync(SalesEast, _own.Id);

        Assert.Equal("+86 138 1234 5678", Assert.Single(details.Phones).Display);
        Assert.Equal("wang.xm@example.com", Assert.Single(details.Emails).Display);
        Assert.Equal(new CardPermissions(CanEdit: true, CanViewPurchases: true, CanRecordPurchase: true, ContactsMasked: false), details.Permissions);
    }

    [Fact]
    public async Task Sales_CanEditATeammatesCard()
    {
        var result = await App.EditAsync(SalesEast, _teammates.Id, d => d.Title = "Buyer");

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        Assert.Equal("Buyer", (await App.GetCardAsync(Actors.SalesEastColleague, _teammates.Id)).Title);
    }

    [Fact]
    public async Task Sales_WritingToAnotherTeamsCard_IsForbiddenAndChangesNothing()
    {
        var west = Actors.SalesWest;
        var update = await App.EditAsync(SalesEast, _otherTeams.Id, d => d.Name = "Hijacked", openedBy: west);
        var stage = await App.Cards.ChangeStageAsync(SalesEast, _otherTeams.Id, _otherTeams.Version + 1, LifecycleStage.New);
        var remark = await App.Cards.AddRemarkAsync(SalesEast, _otherTeams.Id, "Not my card");
        var interaction = await App.Cards.LogInteractionAsync(SalesEast, _otherTeams.Id, new InteractionDraft { Summary = "Called" });
        var purchase = await App.Cards.RecordPurchaseAsync(SalesEast, _otherTeams.Id, new PurchaseDraft { Product = "Toner", PurchasedOn = App.Clock.Today, Amount = 10m });

        Assert.All(new CommandResult[] { update, stage, remark, interaction, purchase }, r => Assert.Equal(CommandStatus.Forbidden, r.Status));
        var details = await App.GetCardAsync(west, _otherTeams.Id);
        Assert.Equal("陈杰", details.Name);
        Assert.Empty(details.Remarks);
        Assert.Empty(details.Interactions);
        Assert.Single(details.Purchases!);
    }

    [Fact]
    public async Task TeamLead_SeesAndEditsTheTeamsCards_ButNotAnotherTeams()
    {
        var lead = Actors.TeamLeadEast;

        Assert.Equal([_own.Code, _teammates.Code], await VisibleCodesAsync(lead));
        Assert.False((await App.GetCardAsync(lead, _own.Id)).Permissions.ContactsMasked);
        Assert.True((await App.EditAsync(lead, _own.Id, d => d.Title = "Owner")).Succeeded);
        Assert.Equal(CommandStatus.Forbidden, (await App.Queries.GetAsync(lead, _otherTeams.Id)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await App.Cards.AddRemarkAsync(lead, _otherTeams.Id, "Hello")).Status);
    }

    [Fact]
    public async Task SalesManager_SeesEveryCard_WithContactsMasked()
    {
        var manager = Actors.SalesManager;

        var list = await App.Queries.ListAsync(manager, new CardListQuery { SortBy = CardSort.Code, Descending = false });
        var details = await App.GetCardAsync(manager, _own.Id);

        Assert.Equal([_own.Code, _teammates.Code, _otherTeams.Code], list.Items.Select(i => i.Code));
        Assert.Equal("+86138****5678", list.Items[0].PrimaryPhone);
        Assert.Equal("w***@example.com", list.Items[0].PrimaryEmail);
        Assert.Equal("+86138****5678", Assert.Single(details.Phones).Display);
        Assert.Equal("w***@example.com", Assert.Single(details.Emails).Display);
        Assert.True(details.Permissions.ContactsMasked);
        Assert.False(details.Permissions.CanEdit);
    }

    [Fact]
    public async Task SalesManager_CannotEditOrCreateCards()
    {
        var manager = Actors.SalesManager;

        var update = await App.EditAsync(manager, _own.Id, d => d.Title = "Manager was here", openedBy: SalesEast);
        var stage = await App.Cards.ChangeStageAsync(manager, _own.Id, _own.Version + 1, LifecycleStage.New);
        var create = await App.Cards.CreateAsync(manager, CardDraftBuilder.Individual().Build());

        Assert.Equal(CommandStatus.Forbidden, update.Status);
        Assert.Equal(CommandStatus.Forbidden, stage.Status);
        Assert.Equal(CommandStatus.Forbidden, create.Status);
        Assert.Null((await App.GetCardAsync(SalesEast, _own.Id)).Title);
    }

    [Fact]
    public async Task Admin_SeesEveryCardMasked_ButCannotEditIt()
    {
        var admin = Actors.Admin;

        var list = await App.Queries.ListAsync(admin, new CardListQuery());
        var details = await App.GetCardAsync(admin, _otherTeams.Id);
        var update = await App.EditAsync(admin, _own.Id, d => d.Title = "Admin was here", openedBy: SalesEast);

        Assert.Equal(3, list.TotalCount);
        Assert.Equal("+86139****4321", Assert.Single(details.Phones).Display);
        Assert.Equal(CommandStatus.Forbidden, update.Status);
    }

    [Fact]
    public async Task Admin_CanAddAListEntry_ThatSalesThenSeeInTheDropdown()
    {
        var added = await App.ReferenceData.AddItemAsync(Actors.Admin, ListKind.Industry, "  Biotechnology ");

        Assert.True(added.Succeeded, TestDashboard.Describe(added));
        var industries = await App.ReferenceData.GetListAsync(ListKind.Industry);
        Assert.Contains(industries, i => i.Id == added.Value && i.Name == "Biotechnology");
    }

    [Theory]
    [InlineData(Role.Sales)]
    [InlineData(Role.TeamLead)]
    [InlineData(Role.SalesManager)]
    [InlineData(Role.Auditor)]
    public async Task OnlyAdmin_CanChangeTheLists(Role role)
    {
        var actor = await Actors.CreateAsync(App.Staff, $"Someone {role}", role, Actors.EastTeam);

        var result = await App.ReferenceData.AddItemAsync(actor, ListKind.Industry, "Biotechnology");

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.DoesNotContain(await App.ReferenceData.GetListAsync(ListKind.Industry), i => i.Name == "Biotechnology");
    }

    [Fact]
    public async Task Finance_CannotOpenCardsOrSeeThemListed()
    {
        var finance = Actors.Finance;

        Assert.Equal(CommandStatus.Forbidden, (await App.Queries.GetAsync(finance, _own.Id)).Status);
        Assert.Equal(0, (await App.Queries.ListAsync(finance, new CardListQuery())).TotalCount);
    }

    [Fact]
    public async Task Finance_SeesEveryTeamsPurchases_AndCanRecordOne()
    {
        var finance = Actors.Finance;

        var recorded = await App.Cards.RecordPurchaseAsync(finance, _teammates.Id, new PurchaseDraft { Product = "Maintenance", PurchasedOn = App.Clock.Today, Amount = 500m, Currency = "usd" });
        var purchases = await App.Queries.ListPurchasesAsync(finance, 0, 50);

        Assert.True(recorded.Succeeded, TestDashboard.Describe(recorded));
        Assert.Equal(3, purchases.TotalCount);
        Assert.Equal([_own.Code, _teammates.Code, _otherTeams.Code], purchases.Items.Select(p => p.CardCode).Order());
        Assert.Contains(purchases.Items, p => p.Product == "Maintenance" && p.Currency == "USD" && p.Amount == 500m);
    }

    [Fact]
    public async Task Sales_SeesOnlyOwnAndTeamPurchases()
    {
        var purchases = await App.Queries.ListPurchasesAsync(SalesEast, 0, 50);

        Assert.Equal([_own.Code], purchases.Items.Select(p => p.CardCode));
    }

    [Fact]
    public async Task TeamLead_ViewsTeamPurchases_ButDoesNotRecordThem()
    {
        var lead = Actors.TeamLeadEast;

        var result = await App.Cards.RecordPurchaseAsync(lead, _own.Id, new PurchaseDraft { Product = "Toner", PurchasedOn = App.Clock.Today, Amount = 10m });

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Equal([_own.Code], (await App.Queries.ListPurchasesAsync(lead, 0, 50)).Items.Select(p => p.CardCode));
        Assert.False((await App.GetCardAsync(lead, _own.Id)).Permissions.CanRecordPurchase);
    }

    [Fact]
    public async Task Auditor_CannotOpenCards_ButReadsTheAuditTrail()
    {
        var auditor = Actors.Auditor;

        var card = await App.Queries.GetAsync(auditor, _own.Id);
        var list = await App.Queries.ListAsync(auditor, new CardListQuery());
        var trail = await App.Audit.ListAsync(auditor, null, 0, 50);

        Assert.Equal(CommandStatus.Forbidden, card.Status);
        Assert.Equal(0, list.TotalCount);
        Assert.True(trail.Succeeded);
        Assert.Contains(trail.Value!.Items, e => e.EntityId == _otherTeams.Code && e.Action == "card.created");
    }

    [Theory]
    [InlineData(Role.Sales)]
    [InlineData(Role.SalesManager)]
    [InlineData(Role.Finance)]
    public async Task RolesWithoutAuditRight_CannotReadTheAuditTrail(Role role)
    {
        var actor = await Actors.CreateAsync(App.Staff, $"Someone {role}", role, Actors.EastTeam);

        var result = await App.Audit.ListAsync(actor, null, 0, 50);

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task TeamLead_ReadsOnlyTheTeamsAuditTrail()
    {
        var result = await App.Audit.ListAsync(Actors.TeamLeadEast, null, 0, 50);

        Assert.True(result.Succeeded);
        Assert.Equal([_own.Code, _teammates.Code], result.Value!.Items.Select(e => e.EntityId).Distinct().Order());
    }

    [Fact]
    public async Task Sales_CreatingCardForSomeoneOutsideTheTeam_IsRejectedAndSavesNothing()
    {
        var result = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual("李雷").OwnedBy(Actors.SalesWest).Build());

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal("owner.forbidden", Assert.Single(result.ErrorsFor(nameof(CardDraft.OwnerId))).Code);
        Assert.Equal(3, await App.CountAsync(db => db.Cards));
    }

    [Fact]
    public async Task Sales_ReassigningCardOutsideTheTeam_IsRejected()
    {
        var result = await App.EditAsync(SalesEast, _own.Id, d => d.OwnerId = Actors.SalesWest.StaffId);

        Assert.Equal("owner.forbidden", Assert.Single(result.ErrorsFor(nameof(CardDraft.OwnerId))).Code);
        Assert.Equal(SalesEast.StaffId, (await App.GetCardAsync(SalesEast, _own.Id)).OwnerId);
        Assert.DoesNotContain(await VisibleCodesAsync(Actors.SalesWest), c => c == _own.Code);
    }

    [Fact]
    public async Task Sales_ReassigningCardToATeammate_HandsItOver()
    {
        var colleague = Actors.SalesEastColleague;

        var result = await App.EditAsync(SalesEast, _own.Id, d => d.OwnerId = colleague.StaffId);

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var details = await App.GetCardAsync(colleague, _own.Id);
        Assert.Equal((colleague.StaffId, "Zhao Min", Actors.EastTeam), (details.OwnerId, details.OwnerName, details.TeamName));
        var list = await App.Queries.ListAsync(colleague, new CardListQuery { OwnerId = colleague.StaffId });
        Assert.Equal([_own.Code, _teammates.Code], list.Items.Select(i => i.Code).Order());
    }

    [Fact]
    public async Task TeamLead_CanCreateACardForATeamMember()
    {
        var card = await App.CreateCardAsync(Actors.TeamLeadEast, CardDraftBuilder.Individual("韩梅梅").OwnedBy(SalesEast));

        Assert.Contains(card.Code, await VisibleCodesAsync(SalesEast));
    }

    [Fact]
    public async Task OwnerPicker_OffersSalesOnlyThemselvesAndTheirTeam()
    {
        var staff = await App.Staff.ListVisibleAsync(SalesEast);

        Assert.Equal(["Li Na", "Zhang Wei", "Zhao Min"], staff.Select(s => s.DisplayName));
    }

    private async Task<IReadOnlyList<string>> VisibleCodesAsync(Actor actor)
    {
        var page = await App.Queries.ListAsync(actor, new CardListQuery { SortBy = CardSort.Code, Descending = false });
        Assert.Equal(page.Items.Count, page.TotalCount);
        return page.Items.Select(i => i.Code).ToList();
    }
}
