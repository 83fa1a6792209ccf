using System.Net;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Export;

/// <summary>The download endpoints behind the Export menu: the browser gets a file, or 403 for roles that may not export.</summary>
public sealed class ExportEndpointTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Theory]
    [InlineData("demo-sales", "/export/cards.csv")]
    [InlineData("demo-auditor", "/export/cards.xlsx")]
    [InlineData("demo-finance", "/export/cards.csv")]
    [InlineData("demo-sales", "/export/purchases.csv")]
    [InlineData("demo-teamlead", "/export/purchases.xlsx")]
    public async Task RolesThatMayNotExport_Get403(string user, string path)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("cannot export", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneNotSignedIn_IsSentToSignIn()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync("/export/cards.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(SignedInClient.LoginPath, response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATeamLeadsDownload_IsAnAttachment_WithTheListsCardsForTheSameQueryString()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var marker = $"导出{Guid.NewGuid():N}"[..10];
        await factory.Services.CreateCardAsync(rep, CardDraftBuilder.Individual(marker + " 一").InStage(LifecycleStage.New));
        await factory.Services.CreateCardAsync(rep, CardDraftBuilder.Individual(marker + " 二").InStage(LifecycleStage.New));
        await factory.Services.CreateCardAsync(rep, CardDraftBuilder.Individual(marker + " 三").InStage(LifecycleStage.Prospect));
        await factory.Services.CreateCardAsync(await factory.Services.WestTeamRepAsync(), CardDraftBuilder.Individual(marker + " West").InStage(LifecycleStage.New));
        using var client = await factory.CreateSignedInAsync("demo-teamlead");

        using var response = await client.GetAsync($"/export/cards.csv?stage=New&q={Uri.EscapeDataString(marker)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var rows = ExportFiles.ReadCsv(await response.Content.ReadAsByteArrayAsync());
        var teamLead = await factory.Services.ActorAsync("demo-teamlead");
        var list = await factory.Services.GetRequiredService<CustomerCardQueries>().ListAsync(teamLead, new CardListQuery { Stage = LifecycleStage.New, Search = marker });
        Assert.Equal(2, list.TotalCount);
        Assert.Equal(list.Items.Select(c => c.Code).Order(), ExportFiles.Column(rows, "Code").Order());
    }

    [Fact]
    public async Task FinanceDownloadsThePurchasesAsXlsx()
    {
        using var client = await factory.CreateSignedInAsync("demo-finance");

        using var response = await client.GetAsync("/export/purchases.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = ExportFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync(), out var sheet, out var workbook);
        using (workbook)
        {
            Assert.Equal("Purchases", sheet.Name);
        }

        Assert.Equal("Card code", rows[0][0]);
    }

    [Fact]
    public async Task AnUnknownFormat_IsNotFound()
    {
        using var client = await factory.CreateSignedInAsync("demo-admin");

        using var response = await client.GetAsync("/export/cards.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
