using System.Net;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>The ETag is the card's version; writes without If-Match are refused (428), with a stale one too (412), and nothing is overwritten.</summary>
public sealed class ApiConcurrencyTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task AnUpdateWithoutIfMatch_Is428_AndChangesNothing()
    {
        var (client, rep, card) = await TeamCardAsync("No If-Match");

        using var response = await client.PutJsonAsync($"/api/v1/cards/{card.Id}", Body("Renamed Without Check"), ifMatch: null);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal("No If-Match", (await factory.CardAsync(rep, card.Id)).Name);
    }

    [Fact]
    public async Task AnUpdateWithAStaleETag_Is412_AndKeepsTheOtherPersonsChange()
    {
        var (client, rep, card) = await TeamCardAsync("Stale Original");
        using var read = await client.GetAsync($"/api/v1/cards/{card.Id}");
        var etag = read.Headers.ETag!.Tag;
        var theirs = (await factory.CardAsync(rep, card.Id)).ToDraft();
        theirs.Name = "Changed In The UI";
        var saved = await factory.Services.GetRequiredService<CustomerCardService>().UpdateAsync(rep, card.Id, card.Version, theirs);
        Assert.True(saved.Succeeded);

        using var response = await client.PutJsonAsync($"/api/v1/cards/{card.Id}", Body("Changed By The API"), ifMatch: etag);

        var problem = await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var now = await factory.CardAsync(rep, card.Id);
        Assert.Equal("Changed In The UI", now.Name);
        Assert.Equal($"\"{now.Version}\"", (string)problem["currentETag"]!);
    }

    [Fact]
    public async Task AnUpdateWithTheCurrentETag_Saves_AndAnswersWithTheNewETag()
    {
        var (client, rep, card) = await TeamCardAsync("Current Original");
        using var read = await client.GetAsync($"/api/v1/cards/{card.Id}");

        using var response = await client.PutJsonAsync($"/api/v1/cards/{card.Id}", Body("Current Renamed"), ifMatch: read.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var now = await factory.CardAsync(rep, card.Id);
        Assert.Equal("Current Renamed", now.Name);
        Assert.Equal($"\"{now.Version}\"", response.Headers.ETag!.Tag);
        Assert.NotEqual(read.Headers.ETag.Tag, response.Headers.ETag.Tag);
    }

    [Fact]
    public async Task AStageChange_NeedsTheCurrentETag()
    {
        var (client, rep, card) = await TeamCardAsync("Stage Card");

        using var missing = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card.Id}/stage", new { stage = "New" }, ifMatch: null);
        using var stale = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card.Id}/stage", new { stage = "New" }, ifMatch: $"\"{card.Version + 7}\"");
        var unchanged = await factory.CardAsync(rep, card.Id);
        using var moved = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card.Id}/stage", new { stage = "New" }, ifMatch: $"\"{card.Version}\"");

        await missing.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(LifecycleStage.Prospect, unchanged.Stage);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("New", (string)(await moved.ReadJsonAsync())["stage"]!);
        Assert.Equal(LifecycleStage.New, (await factory.CardAsync(rep, card.Id)).Stage);
    }

    [Fact]
    public async Task AMoveTheLifecycleDoesNotAllow_IsAProblemNamingTheAllowedStages()
    {
        var (client, rep, card) = await TeamCardAsync("Skips A Stage");

        using var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card.Id}/stage", new { stage = "Active" }, ifMatch: $"\"{card.Version}\"");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("New", (string)problem["errors"]!["Stage"]![0]!, StringComparison.Ordinal);
        Assert.Equal(LifecycleStage.Prospect, (await factory.CardAsync(rep, card.Id)).Stage);
    }

    private static Dictionary<string, object?> Body(string name) => ApiClient.FullCard(name, ("phones", new[] { new { label = "Mobile", value = "13812345678", isPrimary = true } }));

    private async Task<(HttpClient Client, Actor Rep, CardRef Card)> TeamCardAsync(string name)
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.Services.CreateCardAsync(rep, Support.CardDraftBuilder.Individual(name).OwnedBy(rep).WithPhone("13812345678", "Mobile", primary: true));
        var key = await factory.CreateKeyAsync($"Editor for {name}", Role.Sales, teamOf: rep);
        return (factory.CreateApiClient(key), rep, card);
    }
}
