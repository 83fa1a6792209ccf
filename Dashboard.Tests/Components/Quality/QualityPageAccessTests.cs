using System.Net;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Components.Quality;

/// <summary>Team leads, sales managers and Admins reach the quality page; only Admins the quality rules.</summary>
public sealed class QualityPageAccessTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Theory]
    [InlineData("demo-teamlead")]
    [InlineData("demo-salesmanager")]
    [InlineData("demo-admin")]
    public async Task QualityReviewers_SeeTheQualityPage(string user)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync("/quality");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Data quality", html, StringComparison.Ordinal);
        Assert.Contains("href=\"quality\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-sales", "/quality")]
    [InlineData("demo-finance", "/quality")]
    [InlineData("demo-teamlead", "/admin/quality")]
    public async Task OthersAreRefused(string user, string path)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.DoesNotContain("Bands and failing rules", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Recompute all quality scores now", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_SeesTheQualityRules()
    {
        using var client = await factory.CreateSignedInAsync("demo-admin");

        using var response = await client.GetAsync("/admin/quality");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Recompute all quality scores now", html, StringComparison.Ordinal);
        Assert.Contains("href=\"admin/quality\"", html, StringComparison.Ordinal);
    }
}
