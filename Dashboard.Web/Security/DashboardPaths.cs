using Dashboard.Web.Api;

namespace Dashboard.Web.Security;

/// <summary>Which part of the app a request is for, as the security headers and rate limits tell them apart.</summary>
public static class DashboardPaths
{
    /// <summary>The REST API (its own problem+json answers and strict CSP).</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments(DashboardApi.BasePath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The OpenAPI document, JSON read by code generators and the reference page.</summary>
    public static bool IsOpenApiDocument(PathString path) =>
        path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Scalar API reference page and its scripts.</summary>
    public static bool IsApiReference(PathString path) =>
        path.StartsWithSegments(DashboardApi.DocsPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The export downloads behind the customer list's and the purchases page's Export menu.</summary>
    public static bool IsExport(PathString path) =>
        path.StartsWithSegments("/export", StringComparison.OrdinalIgnoreCase);

    /// <summary>Endpoints anyone may call without signing in.</summary>
    public static bool IsAnonymous(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || IsOpenApiDocument(path)
        || IsApiReference(path);
}
