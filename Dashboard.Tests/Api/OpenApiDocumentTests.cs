using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Api;

/// <summary>The OpenAPI document lists the API and how to authenticate; the reference page renders from it.</summary>
public sealed partial class OpenApiDocumentTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task TheDocument_ListsTheEndpoints_AndTheApiKeyScheme()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        foreach (var path in new[]
        {
            "/api/v1/cards", "/api/v1/cards/{id}", "/api/v1/cards/{id}/stage", "/api/v1/cards/{id}/interactions", "/api/v1/cards/{id}/purchases",
            "/api/v1/cards/{id}/verifications", "/api/v1/purchases", "/api/v1/duplicates", "/api/v1/duplicates/{id}/dismiss",
            "/api/v1/cards/duplicate-check", "/api/v1/imports", "/api/v1/reference-data",
        })
        {
            Assert.Contains(path, paths);
        }

        Assert.DoesNotContain(paths, p => p.StartsWith("/account", StringComparison.Ordinal));
        var apiKey = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.Equal("apiKey", (string)apiKey["type"]!);
        Assert.Equal("X-Api-Key", (string)apiKey["name"]!);
        var put = document["paths"]!["/api/v1/cards/{id}"]!["put"]!;
        Assert.Contains(put["parameters"]!.AsArray(), p => (string)p!["name"]! == "If-Match" && (string)p["in"]! == "header" && (bool)p["required"]!);
        Assert.Contains("\"Prospect\"", document["components"]!["schemas"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReferencePage_LoadsWithItsScript()
    {
        using var client = factory.CreateApiClient(key: null);

        using var page = await client.GetAsync("/api/docs/v1");
        var html = await page.Content.ReadAsStringAsync();
        var script = ScriptSource().Match(html);
        Assert.True(script.Success, html);
        using var scriptResponse = await client.GetAsync(new Uri(new Uri("http://localhost/api/docs/v1"), script.Groups["src"].Value));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, scriptResponse.StatusCode);
        Assert.True((await scriptResponse.Content.ReadAsByteArrayAsync()).Length > 100_000, "The reference page's script is missing.");
    }

    [GeneratedRegex("<script[^>]*src=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
