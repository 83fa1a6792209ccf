using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Security;

/// <summary>
/// Sends the security headers on every answer: pages, static files, the API and error pages alike, and
/// <c>Cache-Control: no-store</c> on every answer that does not set its own caching (static assets do). They are set
/// when the response starts, so a page re-executed by the exception handler or the status-code pages (which clear
/// headers and change the endpoint) gets the headers, and the import-map hash, of the page actually sent.
/// </summary>
public sealed partial class SecurityHeadersMiddleware(RequestDelegate next, ContentSecurityPolicy policy)
{
    private const string InlineScriptHashesKey = "Dashboard.Security.InlineScriptHashes";

    // Browsers that support Permissions-Policy; the app uses none of these features.
    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var (context, csp) = ((HttpContext, ContentSecurityPolicy))state;
            Apply(context, csp);
            return Task.CompletedTask;
        }, (http, policy));

        // Only the reference page itself is held back, not its multi-megabyte script files.
        var path = http.Request.Path;
        return DashboardPaths.IsApiReference(path) && !Path.HasExtension(path.Value) ? InvokeBufferedAsync(http) : next(http);
    }

    private static void Apply(HttpContext http, ContentSecurityPolicy policy)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;

        // Answers carry customers' personal data (API bodies, prerendered pages, exports): no shared or browser
        // cache may keep them. Static assets set their own caching and keep it.
        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }

        var path = http.Request.Path;
        if (DashboardPaths.IsApi(path) || DashboardPaths.IsOpenApiDocument(path))
        {
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = ContentSecurityPolicy.ApiPolicy;
            return;
        }

        List<string> hashes = http.Items.TryGetValue(InlineScriptHashesKey, out var found) && found is List<string> pageHashes ? pageHashes : [];
        if (ContentSecurityPolicy.ImportMapHash(http.GetEndpoint()) is { } importMap)
        {
            hashes.Add(importMap);
        }

        headers.ContentSecurityPolicy = policy.ForPage(hashes);
    }

    /// <summary>
    /// The Scalar reference page starts itself with an inline module whose text depends on the request path. Its
    /// (small) answer is held back until the hashes of its inline scripts are known, so they can be allowed exactly.
    /// </summary>
    private async Task InvokeBufferedAsync(HttpContext http)
    {
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            http.Items[InlineScriptHashesKey] = InlineScripts().Matches(html)
                .Where(m => !m.Groups["attributes"].Value.Contains("src=", StringComparison.OrdinalIgnoreCase))
                .Select(m => ContentSecurityPolicy.HashSource(m.Groups["text"].Value))
                .ToList();
        }

        if (http.Response.ContentLength is null && buffer.Length > 0)
        {
            http.Response.ContentLength = buffer.Length;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    [GeneratedRegex("<script(?<attributes>[^>]*)>(?<text>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScripts();
}
