using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Privacy;

/// <summary>
/// PRODUCT.md C5: SalesManager and Admin see contact points and addresses masked, and revealing one is logged; Finance
/// and Auditors never see them; the owning team sees them in full.
/// </summary>
public sealed class CardRevealTests : ServiceTest
{
    private const string Address = "上海市浦东新区张江路88号";

    private CardRevealService Reveals => App.Services.GetRequiredService<CardRevealService>();

    private CustomerCardQueries Queries => App.Services.GetRequiredService<CustomerCardQueries>();

    [Fact]
    public async Task ASalesManager_SeesThePhoneMasked_RevealsIt_AndTheRevealIsAudited()
    {
        var card = await CreateAsync();
        var shown = (await Queries.GetAsync(Actors.SalesManager, card.Id)).Value!;
        var phone = Assert.Single(shown.Phones);
        Assert.Equal("+86138****5678", phone.Display.Replace(" ", string.Empty, StringComparison.Ordinal));

        var revealed = await Reveals.RevealAsync(Actors.SalesManager, card.Id, phone.Id);

        Assert.True(revealed.Succeeded, TestDashboard.Describe(revealed));
        Assert.Equal("+86 138 1234 5678", revealed.Value!.Value);
        Assert.True(revealed.Value.Logged);
        var entry = Assert.Single(await App.AuditTrailAsync(card.Code), e => e.Action == CardRevealService.RevealedAction);
        Assert.Equal(Actors.SalesManager.DisplayName, entry.ActorName);
        Assert.Contains("Phone", entry.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", entry.Summary + string.Join(" ", entry.Changes.Select(c => c.Before + c.After)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_SeesTheAddressMasked_AndRevealsIt()
    {
        var card = await CreateAsync();
        var shown = (await Queries.GetAsync(Actors.Admin, card.Id)).Value!;
        Assert.Equal("上海市浦****", shown.Address);
        Assert.True(shown.Permissions.ContactsMasked);

        var revealed = await Reveals.RevealAsync(Actors.Admin, card.Id, contactPointId: null);

        Assert.Equal(Address, revealed.Value!.Value);
        Assert.Single(await App.AuditTrailAsync(card.Code), e => e.Action == CardRevealService.RevealedAction && e.Summary!.Contains("Address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOwningTeam_SeesEverythingInFull_AndNeedsNoLoggedReveal()
    {
        var card = await CreateAsync();
        var shown = (await Queries.GetAsync(Actors.TeamLeadEast, card.Id)).Value!;
        Assert.Equal(Address, shown.Address);
        Assert.False(shown.Permissions.ContactsMasked);

        var revealed = await Reveals.RevealAsync(Actors.TeamLeadEast, card.Id, shown.Phones[0].Id);

        Assert.False(revealed.Value!.Logged);
        Assert.DoesNotContain(await App.AuditTrailAsync(card.Code), e => e.Action == CardRevealService.RevealedAction);
    }

    [Theory]
    [InlineData("Finance")]
    [InlineData("Auditor")]
    [InlineData("SalesWest")]
    public async Task RolesThatMayNotSeeTheCard_CannotRevealAnything_AndNothingIsLogged(string who)
    {
        var card = await CreateAsync();
        var phoneId = (await Queries.GetAsync(SalesEast, card.Id)).Value!.Phones[0].Id;
        var actor = who switch { "Finance" => Actors.Finance, "Auditor" => Actors.Auditor, _ => Actors.SalesWest };

        var phone = await Reveals.RevealAsync(actor, card.Id, phoneId);
        var address = await Reveals.RevealAsync(actor, card.Id, null);

        Assert.Equal(CommandStatus.Forbidden, phone.Status);
        Assert.Equal(CommandStatus.Forbidden, address.Status);
        Assert.Null(phone.Value);
        Assert.DoesNotContain(await App.AuditTrailAsync(card.Code), e => e.Action == CardRevealService.RevealedAction);
    }

    [Fact]
    public async Task AContactPointOfAnotherCard_IsNotFound_AndNotRevealed()
    {
        var card = await CreateAsync();
        var other = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("李雷").WithPhone("139 8765 4321"));
        var otherPhone = (await Queries.GetAsync(SalesEast, other.Id)).Value!.Phones[0].Id;

        var revealed = await Reveals.RevealAsync(Actors.SalesManager, card.Id, otherPhone);

        Assert.Equal(CommandStatus.NotFound, revealed.Status);
        Assert.DoesNotContain(await App.AuditTrailAsync(), e => e.Action == CardRevealService.RevealedAction);
    }

    private Task<CardRef> CreateAsync() =>
        App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678").WithEmail("wang.xiaoming@example.com").WithAddress(Address));
}
