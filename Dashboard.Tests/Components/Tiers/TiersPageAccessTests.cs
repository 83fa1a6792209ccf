using System.Net;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Components.Tiers;

/// <summary>Only Admins reach the tier rules page; the navigation offers it to them.</summary>
public sealed class TiersPageAccessTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task AnAdmin_SeesTheTierRules()
    {
        using var client = await factory.CreateSignedInAsync("demo-admin");

        using var response = await client.GetAsync("/admin/tiers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Recompute all tiers now", html, StringComparison.Ordinal);
        Assert.Contains("href=\"admin/tiers\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-sales")]
    [InlineData("demo-salesmanager")]
    [InlineData("demo-teamlead")]
    public async Task AnyoneElse_IsRefused(string user)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync("/admin/tiers");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.DoesNotContain("Recompute all tiers now", html, StringComparison.Ordinal);
    }
}
