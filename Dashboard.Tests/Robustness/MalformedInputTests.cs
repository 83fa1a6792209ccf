using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Tests.Robustness;

/// <summary>
/// Every endpoint that accepts writes (found in the app's own endpoint list, so a new one is covered without touching
/// this test) answers malformed JSON, a wrong content type, an oversized body and an invalid route value with a 4xx
/// and a message saying what is wrong (problem+json on the API; the sign-in form posts answer by sending the browser
/// back to a page), and stores nothing.
/// </summary>
public sealed class MalformedInputTests(DashboardWebFactory factory, ITestOutputHelper log) : IClassFixture<DashboardWebFactory>
{
    /// <summary>Larger than any body the app accepts (the import limit is 20 MB).</summary>
    private const int OversizedBytes = 21 * 1024 * 1024;

    private static readonly string[] WriteMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    [Fact]
    public async Task EveryWriteEndpoint_AnswersBadInputWithAClear4xx_AndStoresNothing()
    {
        var lead = await factory.Services.ActorAsync("demo-teamlead");
        var card = await factory.Services.CreateCardAsync(lead, CardDraftBuilder.Individual("Robust Customer").OwnedBy(lead).WithPhone("13812345678", "Mobile", primary: true));
        using var client = factory.CreateApiClient(await factory.CreateKeyAsync("robustness", Role.TeamLead, lead));
        var endpoints = WriteEndpoints();
        Assert.Contains(endpoints, e => e.Route == "/api/v1/cards/" && e.Method == HttpMethods.Post);
        Assert.Contains(endpoints, e => e.Route == "/api/v1/imports" && e.Method == HttpMethods.Post);
        var before = await CountRowsAsync();
        var oversized = new string('x', OversizedBytes);
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var url = endpoint.Route.Replace("{id:guid}", card.Id.ToString(), StringComparison.Ordinal);
            var invalidRoute = endpoint.Route.Contains('{', StringComparison.Ordinal)
                ? endpoint.Route.Replace("{id:guid}", "not-a-guid", StringComparison.Ordinal)
                : null;
            var cases = new List<(string Case, string Url, Func<HttpContent> Body)>
            {
                ("malformed JSON", url, () => new StringContent("{ \"kind\": \"Individual\", \"name\": ", Encoding.UTF8, "application/json")),
                ("wrong content type", url, () => new StringContent("<card><name>Robust</name></card>", Encoding.UTF8, "application/xml")),
                ("oversized JSON", url, () => new StringContent($"{{\"kind\":\"Individual\",\"name\":\"{oversized}\",\"summary\":\"{oversized}\"}}", Encoding.UTF8, "application/json")),
                ("oversized file", url, () => Multipart(oversized)),
                ("binary file", url, () => Multipart("\0\u0001\u0002PK not really a workbook")),
            };
            if (invalidRoute is not null)
            {
                cases.Add(("invalid route value", invalidRoute, () => new StringContent("{}", Encoding.UTF8, "application/json")));
            }

            foreach (var (name, target, body) in cases)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), target) { Content = body() };
                request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                log.WriteLine($"{endpoint.Method} {target[..Math.Min(target.Length, 80)]} ({name}): {status} {text[..Math.Min(text.Length, 160)]}");
                var problem = Problem(endpoint.Route, response, text);
                var answered = status is >= 400 and <= 499 || (!endpoint.Route.StartsWith("/api/", StringComparison.Ordinal) && status is 302 or 303 && response.Headers.Location is not null);
                if (!answered || problem is not null)
                {
                    failures.Add($"{endpoint.Method} {endpoint.Route} with {name}: {status} {problem} {text[..Math.Min(text.Length, 300)]}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, await CountRowsAsync());
    }

    /// <summary>What is missing from a 4xx answer: API answers are problem+json with a title or detail; others say something.</summary>
    private static string? Problem(string route, HttpResponseMessage response, string text)
    {
        if (!route.StartsWith("/api/", StringComparison.Ordinal))
        {
            return text.Length > 0 || response.Headers.Location is not null ? null : "an empty answer";
        }

        if (response.Content.Headers.ContentType?.MediaType != ApiClient.ProblemJson)
        {
            return $"content type {response.Content.Headers.ContentType?.MediaType} instead of problem+json";
        }

        var json = JsonNode.Parse(text)!.AsObject();
        var message = (string?)json["detail"] ?? (string?)json["title"];
        return string.IsNullOrWhiteSpace(message) ? "a problem without title or detail" : null;
    }

    private static MultipartFormDataContent Multipart(string file)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("false"), "dryRun" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(file)), "file", "cards.csv" },
        };
        return form;
    }

    /// <summary>The app's endpoints that take POST, PUT, PATCH or DELETE, except the Blazor pages and circuit (which answer forms with antiforgery).</summary>
    private List<(string Method, string Route)> WriteEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/_", StringComparison.Ordinal) && !raw.Contains("**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WriteMethods).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal)
            .ToList();

    private async Task<Dictionary<string, int>> CountRowsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return new Dictionary<string, int>
        {
            ["Cards"] = await db.Cards.CountAsync(),
            ["ContactPoints"] = await db.ContactPoints.CountAsync(),
            ["Interactions"] = await db.Interactions.CountAsync(),
            ["Purchases"] = await db.Purchases.CountAsync(),
            ["Remarks"] = await db.Remarks.CountAsync(),
            ["StageTransitions"] = await db.StageTransitions.CountAsync(),
            ["Verifications"] = await db.Verifications.CountAsync(),
            ["DuplicateCandidates"] = await db.DuplicateCandidates.CountAsync(),
            ["AuditTrail"] = await db.AuditEntries.CountAsync(),
            ["WebhookDeliveries"] = await db.WebhookDeliveries.CountAsync(),
        };
    }
}
