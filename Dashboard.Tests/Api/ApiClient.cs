using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Integration.ApiKeys;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Keys created as the demo Admin would on the API keys page, and HTTP clients that send them.</summary>
public static class ApiClient
{
    public const string ProblemJson = "application/problem+json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A new key with <paramref name="role"/>, in the team of <paramref name="teamOf"/> (if given); returns the whole key.</summary>
    public static async Task<string> CreateKeyAsync(this DashboardWebFactory factory, string name, Role role, Actor? teamOf = null)
    {
        var admin = await factory.Services.ActorAsync("demo-admin");
        var result = await factory.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync(admin, new ApiKeyDraft { Name = name, Role = role, TeamId = teamOf?.TeamId });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!.Key;
    }

    /// <summary>A client that sends <paramref name="key"/> in X-Api-Key (none when null) and never follows redirects.</summary>
    public static HttpClient CreateApiClient(this DashboardWebFactory factory, string? key)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <summary>
    /// A whole card as a PUT sends it: every section, the ones not given empty (a PUT must hold them all).
    /// <paramref name="changes"/> overrides members by name, e.g. <c>("phones", new[] { … })</c>.
    /// </summary>
    public static Dictionary<string, object?> FullCard(string name, params (string Member, object? Value)[] changes)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "Individual", ["name"] = name, ["company"] = null, ["title"] = null, ["industryId"] = null, ["regionId"] = null,
            ["address"] = null, ["postcode"] = null, ["dateOfBirth"] = null, ["sourceChannelId"] = null, ["ownerId"] = null,
            ["nextFollowUp"] = null, ["specialNeeds"] = null, ["interestIds"] = Array.Empty<int>(), ["tagIds"] = Array.Empty<int>(),
            ["phones"] = Array.Empty<object>(), ["emails"] = Array.Empty<object>(), ["customFields"] = new Dictionary<string, string?>(),
        };
        foreach (var (member, value) in changes)
        {
            body[member] = value;
        }

        return body;
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch) =>
        SendJsonAsync(client, HttpMethod.Put, url, body, ifMatch);

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch == "*" ? EntityTagHeaderValue.Any : EntityTagHeaderValue.Parse(ifMatch));
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts the response is problem+json with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        return problem;
    }

    /// <summary>A card of <paramref name="owner"/> with a phone and an e-mail, written through the domain as they would.</summary>
    public static Task<CardRef> CreateCardWithContactsAsync(this DashboardWebFactory factory, Actor owner, string name, string phone = "13812345678", string email = "wang.xiaoming@example.com") =>
        factory.Services.CreateCardAsync(owner, CardDraftBuilder.Individual(name).OwnedBy(owner).WithPhone(phone, "Mobile", primary: true).WithEmail(email, "Work", primary: true));

    /// <summary>The card as <paramref name="actor"/> sees it through the domain, bypassing the API.</summary>
    public static async Task<CardDetails> CardAsync(this DashboardWebFactory factory, Actor actor, Guid id)
    {
        var result = await factory.Services.GetRequiredService<CustomerCardQueries>().GetAsync(actor, id);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }
}
