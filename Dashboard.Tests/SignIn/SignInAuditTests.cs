using System.Net;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.SignIn;

/// <summary>Sign-ins, sign-outs and refused sign-ins end up in the audit trail, whichever sign-in the app runs with.</summary>
public sealed class SignInAuditTests
{
    [Fact]
    public async Task DemoSignInAndSignOut_AreAuditedForThatPerson()
    {
        await using var demo = new DashboardWebFactory();
        using var client = await demo.CreateSignedInAsync("demo-teamlead");
        var token = await client.AntiforgeryTokenAsync("/customers");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var signOut = await client.PostAsync("/account/logout", form);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var entries = await AuditOfAsync(demo, "demo-teamlead");
        Assert.Equal([SignInAudit.SignedInAction, SignInAudit.SignedOutAction], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(DemoUsers.Find("demo-teamlead")!.DisplayName, e.ActorName));
        Assert.Contains("the demo sign-in as TeamLead", entries[0].Summary, StringComparison.Ordinal);
        Assert.NotEqual(Guid.Empty, entries[0].ActorId);
        Assert.Equal(entries[0].ActorId, entries[1].ActorId);
    }

    [Fact]
    public async Task EachDemoSignIn_IsAuditedOnce_AndBrowsingAddsNothing()
    {
        await using var demo = new DashboardWebFactory();
        using var first = await demo.CreateSignedInAsync("demo-finance");
        using var second = await demo.CreateSignedInAsync("demo-finance");
        using var page = await first.GetAsync("/purchases");

        var entries = await AuditOfAsync(demo, "demo-finance");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(2, entries.Count(e => e.Action == SignInAudit.SignedInAction));
        Assert.DoesNotContain(entries, e => e.Action == SignInAudit.SignedOutAction);
    }

    [Fact]
    public async Task FailedReturnFromTheProvider_IsRefusedWithAPage_AndAudited()
    {
        await using var entra = EntraIdApp.Create(Microsoft.Extensions.Hosting.Environments.Development);
        using var client = entra.CreateAnonymous();
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "made-up", ["state"] = "not-from-this-app" });

        using var response = await client.PostAsync("/signin-oidc", forged);
        using var page = await client.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/refused?reason=failed", response.Headers.Location!.OriginalString);
        Assert.Contains("The sign-in did not complete. Please try again.", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var refused = Assert.Single(await AuditOfAsync(entra, SignInAudit.UnknownIdentity));
        Assert.Equal(SignInAudit.RefusedAction, refused.Action);
        Assert.StartsWith("Sign-in with Entra ID refused:", refused.Summary, StringComparison.Ordinal);
    }

    private static async Task<List<AuditEntry>> AuditOfAsync(DashboardWebFactory factory, string externalId)
    {
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == externalId && e.Action.StartsWith("auth.")).OrderBy(e => e.Id).ToListAsync();
    }
}
