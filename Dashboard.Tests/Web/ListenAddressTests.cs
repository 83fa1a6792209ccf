using Dashboard.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Web;

/// <summary>
/// The app listens on localhost:5211 when nobody says otherwise, and an address given by ASPNETCORE_URLS, --urls, a
/// port variable or a Kestrel endpoint always wins (a launch profile used to override ASPNETCORE_URLS silently).
/// </summary>
public sealed class ListenAddressTests
{
    [Fact]
    public void WithNoAddressConfigured_TheAppListensOnTheDefault()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        ListenAddress.UseDefaultWhenUnset(builder);

        Assert.Equal(ListenAddress.Default, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5299")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:9000")]
    public void AnAddressFromTheEnvironmentOrCommandLine_Wins(string key, string value)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });

        ListenAddress.UseDefaultWhenUnset(builder);

        Assert.True(ListenAddress.IsConfigured(builder.Configuration));
        Assert.NotEqual(ListenAddress.Default, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void TheLaunchProfile_NoLongerNamesAnAddress()
    {
        var profile = File.ReadAllText(Path.Combine(RepositoryRoot(), "Dashboard.Web", "Properties", "launchSettings.json"));

        Assert.DoesNotContain("applicationUrl", profile, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above the test folder.");
    }
}
