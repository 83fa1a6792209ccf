using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Web;

/// <summary>An HTTP client that keeps cookies, does not follow redirects and signs in as a browser would.</summary>
public static partial class SignedInClient
{
    public const string LoginPath = "/account/login";

    public static HttpClient CreateAnonymous(this DashboardWebFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as the demo user <paramref name="externalId"/> (see DemoUsers.All).</summary>
    public static async Task<HttpClient> CreateSignedInAsync(this DashboardWebFactory factory, string externalId)
    {
        var client = factory.CreateAnonymous();
        using var response = await client.PostDevLoginAsync(externalId, returnUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Opens the login page and submits the sign-in form of one demo user with its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostDevLoginAsync(this HttpClient client, string externalId, string? returnUrl)
    {
        var token = await AntiforgeryTokenAsync(client, LoginPath);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["user"] = externalId,
            ["returnUrl"] = returnUrl ?? string.Empty,
        });
        return await client.PostAsync("/account/dev-login", form);
    }

    /// <summary>The antiforgery token of the first form on the page at <paramref name="path"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = AntiforgeryInput().Match(html);
        Assert.True(match.Success, $"No __RequestVerificationToken input on {path}.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AntiforgeryInput();
}
