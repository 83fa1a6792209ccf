using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Domain;
using Dashboard.Domain.Audit;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Audit;

/// <summary>The /audit page as an auditor sees it: the trail, and "Verify audit chain" reporting intact, then the broken entry.</summary>
public sealed class AuditTrailPageTests : IAsyncLifetime
{
    private readonly BunitAuthorizationContext _authorization;

    private BunitContext Context { get; } = new();

    public AuditTrailPageTests()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLogging();
        Context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Context.Services.AddSingleton(_ => new TestDatabase());
        Context.Services.AddSingleton(sp => sp.GetRequiredService<TestDatabase>().Factory);
        Context.Services.AddDashboardServices();
        Context.Services.Configure<DisplayOptions>(o => o.TimeZone = "Asia/Shanghai");
        Context.Services.AddSingleton<ActorResolver>();
        Context.Services.AddScoped<CurrentActor>();
        var auditor = DemoUsers.Find("demo-auditor")!;
        _authorization = Context.AddAuthorization();
        _authorization
            .SetAuthorized(auditor.DisplayName)
            .SetRoles(auditor.Role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, auditor.ExternalId), new Claim(ClaimTypes.Email, auditor.Email));
    }

    public async Task InitializeAsync() => await Context.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

    public async Task DisposeAsync() => await Context.DisposeAsync();

    [Fact]
    public async Task VerifyingTheChain_ShowsIntact_ThenAfterTampering_NamesEveryBrokenEntry()
    {
        var sales = await Context.Services.ActorAsync("demo-sales");
        var first = await Context.Services.CreateCardAsync(sales, CardDraftBuilder.Individual("王小明"));
        var second = await Context.Services.CreateCardAsync(sales, CardDraftBuilder.Individual("李雷"));
        var cut = Render();
        cut.WaitForAssertion(() => Assert.Contains(first.Code, cut.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal));

        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Audit chain intact:", cut.Find("[data-testid=audit-chain-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var tampered = await EntryIdAsync(first.Code);
        var tamperedToo = await EntryIdAsync(second.Code);
        // The verification is itself an audit entry, shown in the trail at once.
        cut.WaitForAssertion(() => Assert.Contains("Audit verified", cut.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal));

        await using (var db = await Context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            // As an attacker with the database file would: remove the guard, then rewrite the entry.
            var attack = $"DROP TRIGGER \"{AuditChainSchema.NoUpdateTrigger}\"; UPDATE AuditTrail SET Summary = 'Nothing happened' WHERE Id IN ({tampered}, {tamperedToo});";
            await db.Database.ExecuteSqlRawAsync(attack);
        }

        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() =>
        {
            var result = cut.Find("[data-testid=audit-chain-result]").TextContent;
            Assert.Contains("Audit chain broken: 2 problem(s)", result, StringComparison.Ordinal);
            Assert.Equal(2, cut.FindAll("[data-testid=audit-chain-breaks] li").Count);
            Assert.Contains($"Audit chain broken at entry {tampered}", result, StringComparison.Ordinal);
            Assert.Contains($"Audit chain broken at entry {tamperedToo}", result, StringComparison.Ordinal);
            Assert.Contains("Content changed", result, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ATeamLead_DoesNotSeeTheVerifyAction()
    {
        var lead = DemoUsers.Find("demo-teamlead")!;
        _authorization.SetAuthorized(lead.DisplayName).SetRoles(lead.Role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, lead.ExternalId), new Claim(ClaimTypes.Email, lead.Email));

        var cut = Render();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=audit-table]")));
        Assert.Empty(cut.FindAll("[data-testid=audit-verify]"));
    }

    [Fact]
    public async Task TheTrail_ShowsFieldAndStageNamesAsPeopleReadThem_AndTimesInTheDisplayZone()
    {
        var sales = await Context.Services.ActorAsync("demo-sales");
        var card = await Context.Services.CreateCardAsync(sales, CardDraftBuilder.Individual("王小明"));
        var cards = Context.Services.GetRequiredService<Dashboard.Domain.Customers.CustomerCardService>();
        var version = card.Version;
        foreach (var stage in new[] { Dashboard.Domain.Lifecycle.LifecycleStage.New, Dashboard.Domain.Lifecycle.LifecycleStage.Active, Dashboard.Domain.Lifecycle.LifecycleStage.AtRisk })
        {
            var moved = await cards.ChangeStageAsync(sales, card.Id, version, stage);
            Assert.True(moved.Succeeded);
            version = moved.Value;
        }
        var logged = await cards.LogInteractionAsync(sales, card.Id, new Dashboard.Domain.Customers.InteractionDraft
        {
            Kind = Dashboard.Domain.Customers.InteractionKind.Call,
            OccurredAt = new DateTime(2026, 3, 28, 2, 0, 0, DateTimeKind.Utc),
            Summary = "回访",
        });
        Assert.True(logged.Succeeded);

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Contains("At risk", cut.Find("[data-testid=audit-table]").TextContent, StringComparison.Ordinal));
        var table = cut.Find("[data-testid=audit-table]").TextContent;
        Assert.DoesNotContain("AtRisk", table, StringComparison.Ordinal);
        Assert.Contains("Active → At risk", table, StringComparison.Ordinal);
        // 02:00 UTC is 10:00 in Shanghai; the trail never shows the stored UTC form.
        Assert.Contains("2026-03-28 10:00", table, StringComparison.Ordinal);
        Assert.DoesNotContain("02:00Z", table, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SpecialNeeds", "Special needs")]
    [InlineData("NextFollowUp", "Next follow-up")]
    [InlineData("Stage", "Stage")]
    [InlineData("KeyId", "Key id")]
    [InlineData("VIP", "VIP")]
    [InlineData("", "")]
    public void FieldNames_ReadAsWords(string field, string shown)
    {
        var localizer = Context.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Dashboard.Web.SharedResource>>();

        Assert.Equal(shown, AuditText.Field(localizer, field));
    }

    [Theory]
    [InlineData("card.stage-changed", "Card stage changed")]
    [InlineData("card.created", "Card created")]
    [InlineData("duplicate.dismissed", "Duplicate dismissed")]
    [InlineData("Weird Action!", "Weird Action!")]
    public void Actions_ReadAsWords(string action, string shown)
    {
        var localizer = Context.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Dashboard.Web.SharedResource>>();

        Assert.Equal(shown, AuditText.Action(localizer, action));
    }

    [Theory]
    [InlineData("2026-03-28T02:00:00.0000000Z", "2026-03-28 10:00")]
    [InlineData("Call at 2026-12-31 23:30Z: 回访", "Call at 2027-01-01 07:30: 回访")]
    [InlineData("no time here 2026-03-28", "no time here 2026-03-28")]
    [InlineData("9999-99-99 99:99Z", "9999-99-99 99:99Z")]
    public void UtcTimes_AreShownInTheDisplayZone(string stored, string shown)
    {
        Assert.Equal(shown, AuditText.LocalTimes(new DisplayOptions { TimeZone = "Asia/Shanghai" }, stored));
    }

    private IRenderedComponent<AuditTrailPage> Render()
    {
        Context.Render<MudPopoverProvider>();
        return Context.Render<AuditTrailPage>();
    }

    private async Task<long> EntryIdAsync(string cardCode)
    {
        await using var db = await Context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.EntityId == cardCode && e.Action == "card.created").Select(e => e.Id).SingleAsync();
    }
}
