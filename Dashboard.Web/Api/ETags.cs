using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Api;

/// <summary>
/// A card's ETag is its <c>Version</c>, which goes up with every saved change (details, stage, interactions,
/// purchases, …), so it names exactly one representation. Writes need a matching <c>If-Match</c>.
/// </summary>
public static class ETags
{
    public static string For(int version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static void Set(HttpResponse response, int version) => response.Headers.ETag = For(version);

    /// <summary>Whether the request sent If-Match at all.</summary>
    public static bool HasIfMatch(HttpRequest request) => request.Headers.IfMatch.Count > 0;

    /// <summary>
    /// Whether If-Match is <c>*</c> (any version): refused for card writes, which must name the version the client
    /// read, or a stale client would overwrite a colleague's change.
    /// </summary>
    public static bool IsWildcard(HttpRequest request) =>
        request.GetTypedHeaders().IfMatch.Any(t => t.Equals(EntityTagHeaderValue.Any));

    /// <summary>True when If-Match names <paramref name="currentVersion"/>. Weak tags and <c>*</c> never match: If-Match uses strong comparison.</summary>
    public static bool Matches(HttpRequest request, int currentVersion) =>
        request.GetTypedHeaders().IfMatch is { Count: > 0 } tags
        && tags.Any(t => !t.Equals(EntityTagHeaderValue.Any) && !t.IsWeak && t.Tag == For(currentVersion));

    /// <summary>The single version If-Match names, when it names exactly one strong tag of ours.</summary>
    public static int? Version(HttpRequest request) =>
        request.GetTypedHeaders().IfMatch is { Count: 1 } tags
        && !tags[0].IsWeak
        && int.TryParse(tags[0].Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
}
