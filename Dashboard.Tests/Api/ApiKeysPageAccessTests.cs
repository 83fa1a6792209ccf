using System.Net;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Api;

/// <summary>Only Admins reach the API keys page; everyone else is told they have no access.</summary>
public sealed class ApiKeysPageAccessTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Theory]
    [InlineData("demo-sales")]
    [InlineData("demo-teamlead")]
    [InlineData("demo-salesmanager")]
    [InlineData("demo-finance")]
    [InlineData("demo-auditor")]
    public async Task SomeoneWhoIsNotAnAdmin_CannotOpenTheApiKeysPage(string user)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync("/admin/api-keys");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task AnAdmin_OpensTheApiKeysPage()
    {
        using var client = await factory.CreateSignedInAsync("demo-admin");

        using var response = await client.GetAsync("/admin/api-keys");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"create-key\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
