using System.Globalization;
using System.Threading.RateLimiting;

namespace Dashboard.Web.Security;

/// <summary>
/// Slows down guessing of API keys and tokens: API requests answered 401 are counted per client address, and once an
/// address has had <see cref="RateLimitSettings.FailedApiAuthPerMinute"/> of them its API requests are answered 429
/// (problem+json, Retry-After) before any credential is checked, until the allowance refills. The ordinary API limit
/// counts per key, after authentication, so it never sees a request whose key was refused. Callers behind one
/// address (a NAT) share the allowance; only failures use it up.
/// </summary>
public static class FailedApiAuthenticationLimit
{
    public static IApplicationBuilder UseFailedApiAuthenticationLimit(this IApplicationBuilder app, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.SectionName).Get<RateLimitSettings>() ?? new RateLimitSettings();
        DashboardRateLimits.Validate(settings);
        var bucket = DashboardRateLimits.BucketOptions(settings.FailedApiAuthPerMinute);
        var retryAfter = (int)Math.Max(1, Math.Ceiling(bucket.ReplenishmentPeriod.TotalSeconds));
        var failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => bucket));

        return app.Use(async (http, next) =>
        {
            if (!DashboardPaths.IsApi(http.Request.Path))
            {
                await next(http);
                return;
            }

            var address = DashboardRateLimits.ClientAddress(http);
            if (failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
            {
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many failed authentications",
                    detail: $"Too many requests from this address were refused for a wrong, revoked or expired API key or token. Try again in {retryAfter} s (see Retry-After).")
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status401Unauthorized)
            {
                using var lease = failures.AttemptAcquire(address);
            }
        });
    }
}
