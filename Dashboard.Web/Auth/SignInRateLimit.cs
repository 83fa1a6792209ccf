using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Auth;

/// <summary>
/// Limits the sign-in endpoints (/account/signin, /account/dev-login and the OpenID Connect callback /signin-oidc),
/// per client IP address, to <c>Dashboard:RateLimits:SignInPerMinute</c> requests a minute; other paths are not
/// limited here. /signin-oidc is answered by the authentication middleware rather than by an endpoint, so the limit is
/// path-based and runs in its own ASP.NET Core rate limiter middleware before authentication
/// (<see cref="UseSignInRateLimit"/>), separate from the app-wide limiter that runs after authorisation. Should that
/// app-wide limiter also include <see cref="AddSignInRateLimit"/>, a request already counted here is not counted again.
/// </summary>
public static class SignInRateLimit
{
    public const string SettingKey = "Dashboard:RateLimits:SignInPerMinute";

    /// <summary>
    /// Each Entra sign-in costs two requests (/account/signin, then /signin-oidc) and an office behind one NAT address
    /// shares the budget, so the default allows 30 sign-ins a minute per address.
    /// </summary>
    public const int DefaultPerMinute = 60;

    private static readonly string[] Paths = ["/account/signin", "/account/dev-login", "/signin-oidc"];
    private static readonly object CountedKey = new();

    /// <summary>Runs the sign-in limit; call it before <c>UseAuthentication</c> (needs <c>AddRateLimiter</c>'s services).</summary>
    public static IApplicationBuilder UseSignInRateLimit(this IApplicationBuilder app, IConfiguration configuration) =>
        app.UseRateLimiter(new RateLimiterOptions().AddSignInRateLimit(configuration));

    /// <summary>
    /// Adds the sign-in limiter to <paramref name="options"/>, chained after any global limiter already set; a rejection
    /// on another path is left to the rejection handler that was there before.
    /// </summary>
    public static RateLimiterOptions AddSignInRateLimit(this RateLimiterOptions options, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue<int?>(SettingKey) ?? DefaultPerMinute;
        if (perMinute < 1)
        {
            throw new InvalidOperationException($"{SettingKey} must be at least 1 (sign-in requests per minute and client address).");
        }

        // The middleware may ask the limiter twice for one request (a try, then a wait), so a request belongs to the
        // first limiter that claims it rather than to the first call.
        var owner = new object();
        var signIn = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (!IsSignInPath(http.Request.Path) || (http.Items.TryGetValue(CountedKey, out var claimedBy) && claimedBy != owner))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            http.Items[CountedKey] = owner;
            return RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true });
        });
        options.GlobalLimiter = options.GlobalLimiter is { } existing ? PartitionedRateLimiter.CreateChained(existing, signIn) : signIn;

        var previous = options.OnRejected;
        options.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            if (!IsSignInPath(http.Request.Path))
            {
                if (previous is not null)
                {
                    await previous(context, ct);
                }

                return;
            }

            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(L["Too many sign-in attempts from your network. Please wait a minute and try again."], ct);
        };
        return options;
    }

    private static bool IsSignInPath(PathString path) =>
        Paths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));
}
