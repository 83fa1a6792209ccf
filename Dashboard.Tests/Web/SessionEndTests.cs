using System.Net;
using Dashboard.Domain.Access;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>
/// Signing out ends the session on the server: the probe kept the old cookie and still opened /audit after
/// <c>POST /account/logout</c>. An Admin ending a person's sessions does the same.
/// </summary>
public sealed class SessionEndTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task AfterSigningOut_TheOldCookieOpensNothing()
    {
        // A browser's cookie jar, kept by hand so that the cookie can be copied before signing out, as the probe did.
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = content };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            return response;
        }

        var login = await (await SendAsync(HttpMethod.Get, SignedInClient.LoginPath)).Content.ReadAsStringAsync();
        using (var signIn = await SendAsync(HttpMethod.Post, "/account/dev-login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenIn(login), ["user"] = "demo-auditor", ["returnUrl"] = "/audit",
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var before = await SendAsync(HttpMethod.Get, "/audit");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var copied = string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
        using (var signOut = await SendAsync(HttpMethod.Post, "/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenIn(await before.Content.ReadAsStringAsync()),
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var replay = WithCookie(copied);
        using var after = await replay.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(SignedInClient.LoginPath, after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminEndingAPersonsSessions_ShutsOutEveryCookieOfTheirs_AndIsAudited()
    {
        using var first = await factory.CreateSignedInAsync("demo-teamlead");
        using var second = await factory.CreateSignedInAsync("demo-teamlead");
        var sessions = factory.Services.GetRequiredService<SignInSessions>();
        var admin = await factory.Services.ActorAsync("demo-admin");
        var lead = await factory.Services.ActorAsync("demo-teamlead");
        Assert.True((await sessions.ListActiveAsync(admin)).Count(s => s.StaffId == lead.StaffId) >= 2);
        Assert.Empty(await sessions.ListActiveAsync(lead));

        var ended = await sessions.EndAllOfAsync(admin, lead.StaffId);

        Assert.True(ended.Succeeded);
        Assert.True(ended.Value >= 2);
        using var one = await first.GetAsync("/customers");
        using var two = await second.GetAsync("/customers");
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (one.StatusCode, two.StatusCode));
        Assert.DoesNotContain(await sessions.ListActiveAsync(admin), s => s.StaffId == lead.StaffId);
        Assert.Equal(Dashboard.Domain.Common.CommandStatus.Forbidden, CommandStatusOf(await sessions.EndAllOfAsync(lead, admin.StaffId)));
        await using var db = await factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Domain.Persistence.DashboardDbContext>>().CreateDbContextAsync();
        Assert.Contains(db.AuditEntries.Where(e => e.Action == SignInSessions.EndedAction).Select(e => e.Summary).ToList(), s => s!.Contains("Li Na", StringComparison.Ordinal));
    }

    private static Dashboard.Domain.Common.CommandStatus CommandStatusOf(Dashboard.Domain.Common.CommandResult result) => result.Status;

    private static string TokenIn(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"");
        Assert.True(match.Success, "no antiforgery token on the page");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
