using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary><c>POST /api/v1/imports</c>: the wizard's import over HTTP, with the same report, rules and dry run.</summary>
public sealed class ApiImportTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task ADryRun_ReportsTheRows_AndStoresNothing_ThenTheImportCreatesThem()
    {
        var lead = await factory.Services.ActorAsync("demo-teamlead");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Nightly CRM import", Role.TeamLead, teamOf: lead));
        var csv = "Name,Phone,Email\n欧阳 娜娜,13911112222,ouyang@example.com\nImport Broken,12,not-an-email\nPeter Import,+86 139 3333 4444,peter.import@example.com\n";

        using var dryRun = await client.PostAsync("/api/v1/imports", Form(csv, ("dryRun", "true")));
        var afterDryRun = await CardsNamedAsync("欧阳 娜娜", "Peter Import");
        using var imported = await client.PostAsync("/api/v1/imports?dryRun=false", Form(csv));

        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        var check = await dryRun.ReadJsonAsync();
        Assert.True((bool)check["dryRun"]!);
        Assert.False((bool)check["committed"]!);
        Assert.Equal(3, (int)check["rowsRead"]!);
        Assert.Equal(1, (int)check["invalid"]!);
        Assert.Contains(check["errors"]!.AsArray(), e => (int)e!["row"]! == 3);
        Assert.Equal(0, afterDryRun);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var report = await imported.ReadJsonAsync();
        Assert.True((bool)report["committed"]!);
        Assert.Equal(2, (int)report["created"]!);
        Assert.Equal(2, await CardsNamedAsync("欧阳 娜娜", "Peter Import"));
    }

    [Fact]
    public async Task TheDefaultRegionField_ReadsThePhonesOfRowsWithoutACountry_AndAnUnknownOneIsRefused()
    {
        var lead = await factory.Services.ActorAsync("demo-teamlead");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Australian import", Role.TeamLead, teamOf: lead));
        var name = $"Api Aussie {Guid.NewGuid():N}"[..20];
        var csv = $"Name,Phone\n{name},0412 345 {Random.Shared.Next(100, 999)}\n";

        using var unknown = await client.PostAsync("/api/v1/imports", Form(csv, ("dryRun", "false"), ("defaultRegion", "<b>XX</b>")));
        using var imported = await client.PostAsync("/api/v1/imports", Form(csv, ("dryRun", "false"), ("defaultRegion", "AU")));

        Assert.True((int)unknown.StatusCode is 400 or 422, unknown.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, (int)(await imported.ReadJsonAsync())["created"]!);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var card = await db.Cards.Include(c => c.ContactPoints).SingleAsync(c => c.DisplayName == name);
        Assert.Equal("AU", card.Country);
        Assert.StartsWith("+61412345", Assert.Single(card.ContactPoints).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Sales)]
    [InlineData(Role.Finance)]
    public async Task ARoleThatMayNotImport_Is403_AndNothingIsStored(Role role)
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync($"Import by {role}", role, teamOf: rep));

        using var response = await client.PostAsync("/api/v1/imports", Form($"Name\nNot Imported {role}\n", ("dryRun", "false")));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await CardsNamedAsync($"Not Imported {role}"));
    }

    [Fact]
    public async Task AnImportWithoutDryRun_OrWithoutAFile_IsA400NamingWhatIsMissing()
    {
        var lead = await factory.Services.ActorAsync("demo-teamlead");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Careless import", Role.TeamLead, teamOf: lead));
        using var noFile = new MultipartFormDataContent { { new StringContent("true"), "dryRun" } };

        using var withoutDryRun = await client.PostAsync("/api/v1/imports", Form("Name\nNo Dry Run Given\n"));
        using var withoutFile = await client.PostAsync("/api/v1/imports", noFile);

        var problem = await withoutDryRun.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("dryRun"));
        Assert.True((await withoutFile.AssertProblemAsync(HttpStatusCode.BadRequest))["errors"]!.AsObject().ContainsKey("file"));
        Assert.Equal(0, await CardsNamedAsync("No Dry Run Given"));
    }

    private static MultipartFormDataContent Form(string csv, params (string Name, string Value)[] fields)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", "cards.csv" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private async Task<int> CardsNamedAsync(params string[] names)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Cards.CountAsync(c => names.Contains(c.DisplayName));
    }
}
