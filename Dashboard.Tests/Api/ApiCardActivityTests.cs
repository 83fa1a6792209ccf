using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Domain.Access;
using Dashboard.Domain.Duplicates;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Verifications, duplicate candidates and reference data over the API, through the same services as the UI.</summary>
public sealed class ApiCardActivityTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task ASalesKey_VerifiesThePhoneOfACardItOwns_WithTheCurrentETag()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Verification robot", Role.Sales, teamOf: rep));
        using var created = await client.PostAsJsonAsync("/api/v1/cards", new
        {
            kind = "Individual",
            name = "Verify Me",
            phones = new[] { new { label = "Mobile", value = "13955556666", isPrimary = true } },
        }, ApiClient.Json);
        var card = await created.ReadJsonAsync();
        var id = (string)card["id"]!;
        var body = new { items = new[] { new { contactPointId = (string)card["phones"]![0]!["id"]!, outcome = "Confirmed", method = "Phone" } } };

        using var withoutIfMatch = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{id}/verifications", body, ifMatch: null);
        using var verified = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{id}/verifications", body, ifMatch: created.Headers.ETag!.Tag);

        await withoutIfMatch.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.NotNull((string?)(await verified.ReadJsonAsync())["phones"]![0]!["lastVerifiedOn"]);
        Assert.NotNull((await factory.CardAsync(rep, Guid.Parse(id))).Phones[0].LastVerifiedOn);
    }

    [Fact]
    public async Task AVerificationWithoutAnOutcome_IsRefusedWithTheItemsError()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Sloppy verifier", Role.Sales, teamOf: rep));
        using var created = await client.PostAsJsonAsync("/api/v1/cards", new { kind = "Individual", name = "Half Verified" }, ApiClient.Json);
        var id = (string)(await created.ReadJsonAsync())["id"]!;

        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{id}/verifications",
            new { items = new[] { new { field = "Name", method = "Phone" } } }, ifMatch: created.Headers.ETag!.Tag);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("Name"), problem.ToJsonString());
    }

    [Fact]
    public async Task TheDuplicateCheck_FindsATeamCardWithTheSamePhone_AndTheQueueListsScannedPairs()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var first = await factory.Services.CreateCardAsync(rep, CardDraftBuilder.Individual("Duplicate Dora").OwnedBy(rep).WithPhone("13977778888", "Mobile", primary: true));
        await factory.Services.CreateCardAsync(rep, CardDraftBuilder.Individual("Duplicate Dora").OwnedBy(rep).WithPhone("+86 139 7777 8888", "Mobile", primary: true));
        await factory.Services.GetRequiredService<DuplicateScanner>().ScanAsync();
        using var sales = factory.CreateApiClient(await factory.CreateKeyAsync("Duplicate checker", Role.Sales, teamOf: rep));
        using var admin = factory.CreateApiClient(await factory.CreateKeyAsync("Duplicate reviewer", Role.Admin));

        using var check = await sales.PostAsJsonAsync("/api/v1/cards/duplicate-check",
            new { kind = "Individual", name = "Dora Duplicate", phones = new[] { new { label = "Mobile", value = "139 7777 8888", isPrimary = true } } }, ApiClient.Json);
        using var queue = await admin.GetAsync("/api/v1/duplicates");

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var similar = JsonNode.Parse(await check.Content.ReadAsStringAsync())!.AsArray();
        var match = Assert.Single(similar, s => (string)s!["id"]! == first.Id.ToString());
        Assert.Contains("SamePhone", match!["reasons"]!.AsArray().Select(r => (string)r!));
        var pair = Assert.Single((await queue.ReadJsonAsync())["items"]!.AsArray(), p => (string)p!["cardA"]!["displayName"]! == "Duplicate Dora");
        Assert.True((bool)pair!["canDecide"]!);
        using var dismissed = await admin.PostAsync($"/api/v1/duplicates/{(string)pair["id"]!}/dismiss", content: null);
        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        using var dismissedAgain = await admin.PostAsync($"/api/v1/duplicates/{(string)pair["id"]!}/dismiss", content: null);
        await dismissedAgain.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ReferenceData_ListsTheIdsACardBodyUses()
    {
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("Lookup reader", Role.SalesManager));

        using var response = await client.GetAsync("/api/v1/reference-data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lists = (await response.ReadJsonAsync())["lists"]!.AsObject();
        Assert.NotEmpty(lists["Industry"]!.AsArray());
        Assert.NotNull(lists["Industry"]![0]!["id"]);
    }
}
