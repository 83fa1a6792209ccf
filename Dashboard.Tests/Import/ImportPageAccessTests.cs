using System.Net;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Import;

/// <summary>PRODUCT.md C5: the import page is for team leads and Admins; everybody else is told they have no access.</summary>
public sealed class ImportPageAccessTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    private const string NoAccess = "You do not have access to this page.";

    [Theory]
    [InlineData("demo-sales")]
    [InlineData("demo-salesmanager")]
    [InlineData("demo-finance")]
    [InlineData("demo-auditor")]
    public async Task RolesThatCannotImport_AreToldTheyHaveNoAccess(string user)
    {
        using var client = await factory.CreateSignedInAsync(user);

        var html = await GetFollowingAccessDeniedAsync(client, "/import");

        Assert.Contains(NoAccess, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Choose a file", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-teamlead")]
    [InlineData("demo-admin")]
    public async Task TeamLeadsAndAdmins_SeeTheUploadStep_AndTheMenuEntry(string user)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync("/import");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose a file", html, StringComparison.Ordinal);
        Assert.Contains("at most 20 MB", html, StringComparison.Ordinal);
        Assert.Contains("href=\"import\"", html, StringComparison.Ordinal);
    }

    private static async Task<string> GetFollowingAccessDeniedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        try
        {
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
                response.Dispose();
                response = await client.GetAsync(location);
            }

            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }
        finally
        {
            response.Dispose();
        }
    }
}
