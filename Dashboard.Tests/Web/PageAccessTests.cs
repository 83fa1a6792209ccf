using System.Net;

namespace Dashboard.Tests.Web;

/// <summary>Role-restricted pages refuse signed-in people without the role, and let those with it in.</summary>
public sealed class PageAccessTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    private const string NoAccess = "You do not have access to this page.";

    [Theory]
    [InlineData("demo-finance", "/admin/lists")]
    [InlineData("demo-finance", "/admin/fields")]
    [InlineData("demo-finance", "/customers")]
    [InlineData("demo-auditor", "/customers")]
    [InlineData("demo-auditor", "/customers/new")]
    [InlineData("demo-auditor", "/purchases")]
    [InlineData("demo-sales", "/admin/lists")]
    [InlineData("demo-sales", "/purchases")]
    [InlineData("demo-sales", "/audit")]
    [InlineData("demo-salesmanager", "/customers/new")]
    public async Task SignedInUserWithoutTheRole_IsToldTheyHaveNoAccess(string user, string path)
    {
        using var client = await factory.CreateSignedInAsync(user);

        var (status, html) = await GetFollowingAccessDeniedAsync(client, path);

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{path} answered {status}.");
        Assert.Contains(NoAccess, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-admin", "/admin/lists")]
    [InlineData("demo-admin", "/admin/fields")]
    [InlineData("demo-finance", "/purchases")]
    [InlineData("demo-auditor", "/audit")]
    [InlineData("demo-teamlead", "/audit")]
    [InlineData("demo-sales", "/customers/new")]
    [InlineData("demo-salesmanager", "/customers")]
    public async Task SignedInUserWithTheRole_SeesThePage(string user, string path)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(NoAccess, html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Either the page itself says "no access" or the authorization middleware sends the user to the
    /// access-denied page first; both are what a person sees, so both are followed.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Html)> GetFollowingAccessDeniedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        try
        {
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
                Assert.Equal("/account/denied", location.AbsolutePath);
                response.Dispose();
                response = await client.GetAsync(location);
            }

            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        finally
        {
            response.Dispose();
        }
    }
}
