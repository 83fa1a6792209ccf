using System.Net;

namespace Dashboard.Tests.Web;

/// <summary>The chart scripts are served, with their content, to anyone (the sign-in page loads them too).</summary>
public sealed class StaticAssetsTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Theory]
    [InlineData("/lib/apexcharts/apexcharts.min.js", 100_000, "ApexCharts")]
    [InlineData("/js/apex-chart.js", 1_000, "export function create")]
    public async Task ChartScript_IsServedWithItsContent(string path, int minimumLength, string expectedText)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.Length > minimumLength, $"{path} is only {body.Length} characters long.");
        Assert.Contains(expectedText, body, StringComparison.Ordinal);
    }
}
