using Bunit;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Customers;
using Dashboard.Web.Components.Quality;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Quality;

/// <summary>The quality score on the card and in the list, and the verify dialog, as the signed-in Sales rep sees them.</summary>
public sealed class QualityComponentTests : ComponentTest
{
    private CustomerCardQueries Queries => Context.Services.GetRequiredService<CustomerCardQueries>();

    [Fact]
    public async Task TheCardsBreakdown_NamesEachFailingRuleAndField()
    {
        var me = await SignedInActorAsync();
        var created = await CreateCardAsync(me, CardDraftBuilder.Individual("李雷").WithPhone("13900001111"));
        var card = (await Queries.GetAsync(me, created.Id)).Value!;

        var cut = RenderInLayout<QualityPanel>(p => p.Add(c => c.Card, card));

        cut.WaitForAssertion(() => Assert.Equal(
            ["MissingRecommended", "MissingRecommended", "MissingRecommended", "MissingRecommended"],
            cut.FindAll("[data-testid=quality-findings] [data-rule]").Select(f => f.GetAttribute("data-rule"))));
        var findings = cut.Find("[data-testid=quality-findings]").TextContent;
        Assert.Contains("Industry: Recommended field missing", findings, StringComparison.Ordinal);
        Assert.Contains("E-mail: Recommended field missing", findings, StringComparison.Ordinal);
        Assert.Equal("85", cut.Find("[data-testid=quality-badge]").TextContent.Trim());
        Assert.Contains("Good: 4 rules failing", cut.Find("[data-testid=quality-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheList_ShowsEachCardsScore_AndFiltersByBandFromTheUrl()
    {
        // Name and phone: 85 (Good). Only a name: the phone (required) and four recommended fields missing → 2 of 8 → 78 (Fair).
        var me = await SignedInActorAsync();
        await CreateCardAsync(me, CardDraftBuilder.Individual("李雷").WithPhone("13900001111"));
        var fair = await CreateCardAsync(me, CardDraftBuilder.Individual("韩梅梅"));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("customers?quality=Fair");

        var cut = RenderInLayout<CustomerListPage>();

        cut.WaitForAssertion(() => Assert.Contains(fair.Code, Assert.Single(cut.FindAll("[data-testid=customer-table] tbody tr")).TextContent, StringComparison.Ordinal));
        var badge = cut.Find("[data-testid=customer-table] [data-testid=quality-badge]");
        Assert.Equal(("78", "Fair"), (badge.TextContent.Trim(), badge.GetAttribute("data-band")));
    }

    [Fact]
    public async Task TheOwnerTable_LinksEachCountToTheMatchingList()
    {
        var me = await SignedInActorAsync();
        var lead = await Actors.CreateAsync(Staff, "Li Na", Role.TeamLead, Actors.EastTeam);
        await CreateCardAsync(me, CardDraftBuilder.Individual("李雷").WithPhone("13900001111"));
        await CreateCardAsync(me, CardDraftBuilder.Individual("韩梅梅").WithPhone("13900001111"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var page = (await Context.Services.GetRequiredService<QualityQueries>().GetDashboardAsync(lead, new QualityPageFilter
        {
            Period = new ReportingPeriod(today.AddDays(-89), today, TimeZoneInfo.Utc),
            Today = today,
        })).Value!;
        var filters = QualityPageFilters.Default(today);

        var cut = RenderInLayout<QualityGroupTable>(p => p
            .Add(t => t.Title, "By owner")
            .Add(t => t.Groups, page.Owners)
            .Add(t => t.ScopeOf, g => filters.Scope(ownerId: Guid.Parse(g.Key))));

        var row = cut.Find($"[data-group='{me.StaffId}']");
        var links = row.QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("2", $"customers?owner={me.StaffId}"), links);
        Assert.Contains(("2", $"customers?owner={me.StaffId}&quality=Good"), links);
        Assert.Equal((1, 2), (page.SharedValues, page.CardsSharingContacts));
    }

    [Fact]
    public async Task VerifyingEveryValueAsConfirmed_SavesOneItemPerValue()
    {
        var me = await SignedInActorAsync();
        var created = await CreateCardAsync(me, CardDraftBuilder.Individual("李雷").WithPhone("13900001111").WithEmail("li.lei@example.com"));
        var card = (await Queries.GetAsync(me, created.Id)).Value!;
        Context.Render<MudPopoverProvider>();
        var dialogs = Context.Render<MudDialogProvider>();
        var service = Context.Services.GetRequiredService<IDialogService>();

        var dialog = await dialogs.InvokeAsync(() => service.ShowAsync<VerifyCardDialog>("Verify card", new DialogParameters<VerifyCardDialog> { { d => d.Card, card } }));
        dialogs.WaitForAssertion(() => Assert.Equal(3, dialogs.FindAll("[data-testid=verify-rows] tbody tr").Count));
        Assert.True(dialogs.Find("[data-testid=verify-save]").HasAttribute("disabled"));
        await dialogs.Find("[data-testid=verify-confirm-rest]").ClickAsync(new());
        await dialogs.Find("[data-testid=verify-save]").ClickAsync(new());

        Assert.False((await dialog.Result)!.Canceled);
        await using var db = await Context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(
            [QualityFields.Name, QualityFields.Phone, QualityFields.Email],
            (await db.Verifications.Where(v => v.Outcome == VerificationOutcome.Confirmed).Select(v => v.Field).ToListAsync()).Order());
    }
}
