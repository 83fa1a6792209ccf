using System.Net;
using Dashboard.Domain.Export;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Customers;
using Dashboard.Web.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Tests.Export;

/// <summary>The Export menu appears only for roles that may export, and its links carry the list's filters.</summary>
public sealed class ExportMenuTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    private const string Menu = "data-testid=\"export-menu\"";

    [Theory]
    [InlineData("demo-teamlead", "/customers", true)]
    [InlineData("demo-salesmanager", "/customers", true)]
    [InlineData("demo-admin", "/customers", true)]
    [InlineData("demo-sales", "/customers", false)]
    [InlineData("demo-finance", "/purchases", true)]
    public async Task TheMenuIsShown_OnlyToRolesThatMayExport(string user, string path, bool shown)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(shown, html.Contains(Menu, StringComparison.Ordinal));
    }

    [Fact]
    public void TheDownloadLink_CarriesTheListsFilters_AndReadsBackToTheSameFilters()
    {
        var filters = new CardFilters("王 小明", LifecycleStage.Active, null, Guid.NewGuid(), 3, 4, 5, Guid.NewGuid(), WithoutTier: true,
            Activity: new ActivityLink(Dashboard.Domain.Customers.CardActivity.ReachedStage, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), LifecycleStage.New),
            Quality: QualityBand.Poor, Overdue: true, Rule: null, SharedContact: true);

        var link = ExportLinks.For(ExportSubject.Cards, ExportFormat.Xlsx, filters);

        Assert.StartsWith("export/cards.xlsx?", link, StringComparison.Ordinal);
        var query = new QueryCollection(QueryHelpers.ParseQuery(new Uri("http://localhost/" + link).Query));
        Assert.Equal(filters, ExportLinks.ReadFilters(query));
        Assert.Equal("export/purchases.csv", ExportLinks.For(ExportSubject.Purchases, ExportFormat.Csv, filters));
    }
}
