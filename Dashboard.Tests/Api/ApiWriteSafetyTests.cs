using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>
/// Writes that cannot overwrite or wipe what a client did not mean to: <c>If-Match: *</c> is refused, a PUT must hold
/// every section, PATCH changes only what it sends, hostile JSON (nulls, control characters) is refused naming the
/// field, and no answer with personal data may be cached.
/// </summary>
public sealed class ApiWriteSafetyTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task IfMatchAny_IsRefused_AndTheColleaguesChangeStays()
    {
        var (client, rep, card) = await TeamCardAsync("Wildcard Original");
        var theirs = (await factory.CardAsync(rep, card.Id)).ToDraft();
        theirs.Title = "Set In The UI";
        Assert.True((await factory.Services.GetRequiredService<CustomerCardService>().UpdateAsync(rep, card.Id, card.Version, theirs)).Succeeded);

        using var put = await client.PutJsonAsync($"/api/v1/cards/{card.Id}", ApiClient.FullCard("Stale Client"), ifMatch: "*");
        using var stage = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card.Id}/stage", new { stage = "New" }, ifMatch: "*");

        var problem = await put.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Contains("If-Match: * is not accepted", (string)problem["detail"]!, StringComparison.Ordinal);
        await stage.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        var now = await factory.CardAsync(rep, card.Id);
        Assert.Equal(("Wildcard Original", "Set In The UI"), (now.Name, now.Title));
    }

    [Fact]
    public async Task APutThatLeavesOutSections_IsRefusedNamingEach_AndWipesNothing()
    {
        var (client, rep, card) = await TeamCardAsync("Partial Put");

        using var response = await client.PutJsonAsync($"/api/v1/cards/{card.Id}", new { kind = "Individual", name = "Only A Name" }, ifMatch: $"\"{card.Version}\"");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        foreach (var section in new[] { "phones", "emails", "address", "tagIds", "customFields" })
        {
            Assert.True(errors.ContainsKey(section), problem.ToJsonString());
        }

        Assert.Contains("PATCH", (string)errors["phones"]![0]!, StringComparison.Ordinal);
        var now = await factory.CardAsync(rep, card.Id);
        Assert.Equal(("Partial Put", 1, 1, "上海市浦东新区"), (now.Name, now.Phones.Count, now.Emails.Count, now.Address));
    }

    [Fact]
    public async Task APatch_ChangesOnlyTheMembersSent_AndNullClearsOne()
    {
        var (client, rep, card) = await TeamCardAsync("Patch Me");

        using var patched = await PatchAsync(client, card, """{ "title": "Head buyer", "specialNeeds": null }""", $"\"{card.Version}\"");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var now = await factory.CardAsync(rep, card.Id);
        Assert.Equal(("Patch Me", "Head buyer", null, "上海市浦东新区"), (now.Name, now.Title, now.SpecialNeeds, now.Address));
        Assert.Single(now.Phones);
        Assert.Single(now.Emails);
        Assert.Equal($"\"{now.Version}\"", patched.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task APatch_NeedsAConcreteIfMatch_AndTheMergePatchMediaType()
    {
        var (client, rep, card) = await TeamCardAsync("Patch Rules");

        using var without = await PatchAsync(client, card, """{ "title": "x" }""", ifMatch: null);
        using var wildcard = await PatchAsync(client, card, """{ "title": "x" }""", ifMatch: "*");
        using var plainJson = await PatchAsync(client, card, """{ "title": "x" }""", $"\"{card.Version}\"", "application/json");
        using var notAnObject = await PatchAsync(client, card, """["title"]""", $"\"{card.Version}\"");

        await without.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await wildcard.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainJson.StatusCode);
        await notAnObject.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Null((await factory.CardAsync(rep, card.Id)).Title);
    }

    [Fact]
    public async Task NullsAndControlCharactersInJson_AreRefusedNamingTheField_AndNothingIsStored()
    {
        var (client, rep, card) = await TeamCardAsync("Hostile Json");

        using var nullPhone = await client.PostAsync("/api/v1/cards", Json("""{ "kind": "Individual", "name": "Null Phone", "phones": [null] }"""));
        using var nulName = await client.PostAsync("/api/v1/cards", Json("""{ "kind": "Individual", "name": "nul\u0000probe" }"""));
        using var nullBody = await client.PostAsync("/api/v1/cards", Json("null"));
        using var nullTag = await client.PostAsync("/api/v1/cards", Json("""{ "kind": "Individual", "name": "Null Tag", "tagIds": [null] }"""));
        using var patchedNul = await PatchAsync(client, card, """{ "title": "bell\u0007" }""", $"\"{card.Version}\"");

        Assert.True((await nullPhone.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject().ContainsKey("Phones[0]"));
        var nul = await nulName.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("text.control-character", (string)nul["codes"]!["Name"]![0]!);
        await nullBody.AssertProblemAsync(HttpStatusCode.BadRequest);
        await nullTag.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("text.control-character", (string)(await patchedNul.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["codes"]!["Title"]![0]!);
        Assert.Null((await factory.CardAsync(rep, card.Id)).Title);
        var list = await factory.Services.GetRequiredService<CustomerCardQueries>().ListAsync(rep, new CardListQuery { Search = "Null" });
        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task AnswersWithPersonalData_AreNeverCached_WhileStaticAssetsAre()
    {
        var (client, _, card) = await TeamCardAsync("No Store");
        using var pages = await factory.CreateSignedInAsync("demo-sales");

        using var api = await client.GetAsync($"/api/v1/cards/{card.Id}");
        using var refused = await factory.CreateApiClient("wrong-key").GetAsync($"/api/v1/cards/{card.Id}");
        using var page = await pages.GetAsync($"/customers/{card.Id}");
        using var asset = await pages.GetAsync("/favicon.svg");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.True(api.Headers.CacheControl?.NoStore, api.Headers.CacheControl?.ToString());
        Assert.True(refused.Headers.CacheControl?.NoStore, refused.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore, page.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.NotEqual(true, asset.Headers.CacheControl?.NoStore);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, CardRef card, string json, string? ifMatch, string mediaType = "application/merge-patch+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/cards/{card.Id}") { Content = new StringContent(json, Encoding.UTF8, mediaType) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }

    private async Task<(HttpClient Client, Actor Rep, CardRef Card)> TeamCardAsync(string name)
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.Services.CreateCardAsync(rep, CardDraftBuilder.Individual(name).OwnedBy(rep)
            .WithPhone("13812345678", "Mobile", primary: true).WithEmail($"{Guid.NewGuid():N}@example.com", "Work", primary: true)
            .WithAddress("上海市浦东新区").WithSpecialNeeds("Prefers calls after 6 pm"));
        var key = await factory.CreateKeyAsync($"Careful editor {Guid.NewGuid():N}", Role.Sales, teamOf: rep);
        return (factory.CreateApiClient(key), rep, card);
    }
}
