using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Privacy;

/// <summary>A sales manager sees a card's phone and address masked, clicks Reveal, and sees the value; the reveal is logged.</summary>
public sealed class RevealContactTests() : ComponentTest("demo-salesmanager")
{
    [Fact]
    public async Task RevealingAMaskedPhone_ShowsItInFull_AndRecordsTheReveal()
    {
        var rep = await Context.Services.ActorAsync("demo-sales");
        var created = await CreateCardAsync(rep, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678").WithAddress("上海市浦东新区张江路88号"));
        var card = (await Context.Services.GetRequiredService<CustomerCardQueries>().GetAsync(await SignedInActorAsync(), created.Id)).Value!;

        var cut = RenderInLayout<CardOverview>(p => p.Add(c => c.Card, card));

        Assert.Contains("****", cut.Find("[data-testid=contact-value]").TextContent, StringComparison.Ordinal);
        Assert.Equal("上海市浦****", cut.Find("[data-testid=address-value]").TextContent);
        Assert.Equal(0, await RevealsLoggedAsync(created.Code));

        await cut.Find("[data-testid=reveal-contact]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("+86 138 1234 5678", cut.Find("[data-testid=contact-value]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=reveal-contact]"));
        Assert.Equal("上海市浦****", cut.Find("[data-testid=address-value]").TextContent);
        Assert.Equal(1, await RevealsLoggedAsync(created.Code));

        await cut.Find("[data-testid=reveal-address]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("上海市浦东新区张江路88号", cut.Find("[data-testid=address-value]").TextContent));
        Assert.Equal(2, await RevealsLoggedAsync(created.Code));
    }

    private async Task<int> RevealsLoggedAsync(string code)
    {
        await using var db = await Context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(e => e.EntityId == code && e.Action == CardRevealService.RevealedAction);
    }
}
