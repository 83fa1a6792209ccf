using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.Web;
using Dashboard.Web.Security;

namespace Dashboard.Tests.Security;

/// <summary>The security headers on pages, the API, static files, the API reference and error pages.</summary>
public sealed partial class SecurityHeadersTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task Page_SendsTheSecurityHeaders_AndAllowsOnlyItsOwnImportMapInline()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync(new Uri(SignedInClient.LoginPath, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        var csp = Csp(response);
        var scriptSrc = Directive(csp, "script-src");
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scriptSrc, StringComparison.Ordinal);
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "The page has no import map.");
        Assert.Equal($"'self' '{ContentSecurityPolicy.HashSource(importMap.Groups["json"].Value)}'", scriptSrc);
        Assert.Equal("'none'", Directive(csp, "frame-ancestors"));
        Assert.Equal("'self'", Directive(csp, "default-src"));
        Assert.Equal("'self'", Directive(csp, "base-uri"));
        Assert.Equal("'self'", Directive(csp, "form-action"));
        Assert.Equal("'self' data:", Directive(csp, "img-src"));
        Assert.Equal("'self' 'unsafe-inline'", Directive(csp, "style-src"));
    }

    [Fact]
    public async Task SignedInPage_SendsTheSecurityHeaders()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");

        using var response = await client.GetAsync(new Uri("/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Contains("'sha256-", Directive(Csp(response), "script-src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundPage_GetsTheHashOfTheImportMapItRenders()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Sorry, the page you are looking for does not exist.", html, StringComparison.Ordinal);
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "The not-found page has no import map.");
        Assert.Contains(ContentSecurityPolicy.HashSource(importMap.Groups["json"].Value), Directive(Csp(response), "script-src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_SendsAPolicyThatLoadsNothing()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal(ContentSecurityPolicy.ApiPolicy, Csp(response));
    }

    [Fact]
    public async Task StaticFile_SendsNoSniffAndThePagePolicy()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync(new Uri("/js/apex-chart.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.Equal("'self'", Directive(Csp(response), "script-src"));
    }

    [Fact]
    public async Task ApiReference_AllowsItsInlineStartUpScriptByHashOnly()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync(new Uri("/api/docs/v1", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommonHeaders(response);
        var inline = InlineScripts().Matches(html).Where(m => !m.Groups["attributes"].Value.Contains("src=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(inline);
        var scriptSrc = Directive(Csp(response), "script-src");
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.All(inline, script => Assert.Contains(ContentSecurityPolicy.HashSource(script.Groups["text"].Value), scriptSrc, StringComparison.Ordinal));
        Assert.Equal(html.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task WithEntraId_FormActionAllowsTheAuthority_ForSignOut()
    {
        await using var entra = EntraIdApp.Create("Development");
        using var client = entra.CreateAnonymous();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("'self' https://login.microsoftonline.com", Directive(Csp(response), "form-action"));
    }

    internal static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    internal static string Csp(HttpResponseMessage response) => Header(response, "Content-Security-Policy");

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}.");

    /// <summary>The sources of one CSP directive, e.g. "'self' data:" for img-src.</summary>
    internal static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries)
            .Select(part => part.Split(' ', 2))
            .Where(part => part[0] == name)
            .Select(part => part.Length > 1 ? part[1] : string.Empty)
            .SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"No {name} in {csp}");

    [GeneratedRegex("<script type=\"importmap\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<text>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScripts();
}
