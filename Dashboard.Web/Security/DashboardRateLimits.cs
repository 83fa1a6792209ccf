using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Dashboard.Web.Api.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Security;

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter) on the REST API per API key or token holder, on the export downloads per
/// user, and on the anonymous endpoints per client address. They are chosen by path in one global limiter, so they
/// apply to every endpoint under those paths whoever maps it; endpoint policies (the sign-in limit) come on top.
/// The middleware runs after authorisation, when <see cref="HttpContext.User"/> is the API caller the API's own
/// schemes authenticated. A refused request gets 429 with Retry-After, as problem+json under /api.
/// </summary>
public static class DashboardRateLimits
{
    public static IServiceCollection AddDashboardRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new RateLimitSettings();
        Validate(settings);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, settings));
            options.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, context.Lease, cancellationToken).AsValueTask();

            // The sign-in limit (Auth/SignInRateLimit.cs) runs in its own limiter before authentication, because
            // /signin-oidc is answered there; it needs the services registered here and is not added again.
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitSettings settings)
    {
        var path = http.Request.Path;
        if (DashboardPaths.IsApi(path))
        {
            return Bucket("api:" + (CallerKey(http.User) ?? ClientAddress(http)), settings.ApiPerMinute);
        }

        if (DashboardPaths.IsExport(path))
        {
            return Bucket("export:" + (CallerKey(http.User) ?? ClientAddress(http)), settings.ExportPerMinute);
        }

        return DashboardPaths.IsAnonymous(path)
            ? Bucket("anonymous:" + ClientAddress(http), settings.AnonymousPerMinute)
            : RateLimitPartition.GetNoLimiter(string.Empty);
    }

    /// <summary>The API key (by its public prefix) or else the signed-in person; null for anonymous callers.</summary>
    private static string? CallerKey(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (user.FindFirstValue(ApiKeyAuthenticationHandler.KeyPrefixClaim) is { Length: > 0 } keyPrefix)
        {
            return "key:" + keyPrefix;
        }

        var id = user.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
            ?? user.FindFirstValue("oid")
            ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? user.Identity.Name;
        return id is null ? null : "user:" + id;
    }

    /// <summary>The client's address; the proxy's unless Dashboard:ForwardedHeaders is on behind a reverse proxy.</summary>
    internal static string ClientAddress(HttpContext http) => "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>A bucket of <paramref name="perMinute"/> tokens that starts full and refills evenly over a minute.</summary>
    private static RateLimitPartition<string> Bucket(string key, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => BucketOptions(perMinute));

    public static TokenBucketRateLimiterOptions BucketOptions(int perMinute)
    {
        // Refill at least every second, or one token at a time when fewer than 60 a minute are allowed.
        var (period, tokens) = perMinute >= 60
            ? (TimeSpan.FromSeconds(1), (int)Math.Ceiling(perMinute / 60.0))
            : (TimeSpan.FromMinutes(1) / perMinute, 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static async Task RejectAsync(HttpContext http, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        if (DashboardPaths.IsApi(http.Request.Path))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"This API key has used its share of requests for now. Try again in {seconds} s (see Retry-After); an Admin can raise Dashboard:RateLimits:ApiPerMinute.")
                .ExecuteAsync(http);
            return;
        }

        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(
            string.Format(CultureInfo.CurrentCulture, localizer["Too many requests. Please try again in {0} seconds."], seconds),
            cancellationToken);
    }

    internal static void Validate(RateLimitSettings settings)
    {
        foreach (var (name, value) in new[] { (nameof(settings.ApiPerMinute), settings.ApiPerMinute), (nameof(settings.ExportPerMinute), settings.ExportPerMinute), (nameof(settings.AnonymousPerMinute), settings.AnonymousPerMinute), (nameof(settings.FailedApiAuthPerMinute), settings.FailedApiAuthPerMinute) })
        {
            if (value <= 0)
            {
                throw new InvalidOperationException($"{RateLimitSettings.SectionName}:{name} must be a positive number of requests per minute (it is {value}).");
            }
        }
    }

    private static ValueTask AsValueTask(this Task task) => new(task);
}
