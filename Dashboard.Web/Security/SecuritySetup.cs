using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Web.Security;

/// <summary>
/// Hardening in one place: transport security and error pages, security headers, circuit limits and rate limits.
/// Program calls <see cref="AddDashboardSecurity"/> with the services and the two Use… methods in the pipeline.
/// </summary>
public static class SecuritySetup
{
    /// <summary>Set to true behind a reverse proxy, so that X-Forwarded-For/-Proto give the client's address and scheme.</summary>
    public const string ForwardedHeadersKey = "Dashboard:ForwardedHeaders";

    /// <summary>Addresses or CIDR networks of the proxies whose X-Forwarded-* headers are believed (loopback always is).</summary>
    public const string TrustedProxiesKey = "Dashboard:TrustedProxies";

    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton<ContentSecurityPolicy>();
        services.AddDashboardCircuits(configuration, environment);
        services.AddDashboardRateLimits(configuration);

        var https = HttpsOf(configuration);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(https.HstsMaxAgeDays);
            options.IncludeSubDomains = https.HstsIncludeSubDomains;
        });
        services.AddHttpsRedirection(options =>
        {
            if (https.Port is { } port)
            {
                options.HttpsPort = port;
            }
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Not X-Forwarded-Host: the host name stays what the client asked for and AllowedHosts checks it.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection(TrustedProxiesKey).Get<string[]>() ?? [])
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        return services;
    }

    /// <summary>
    /// The front of the pipeline: forwarded headers (when on), the friendly error page outside Development, HSTS
    /// and the https redirect in Production, then the security headers for everything after.
    /// </summary>
    public static WebApplication UseDashboardTransportSecurity(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(ForwardedHeadersKey))
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // The error page says something went wrong and gives the request id; the details go to the log only.
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            if (HttpsOf(app.Configuration).Redirect)
            {
                app.UseHttpsRedirection();
            }
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    private static HttpsSettings HttpsOf(IConfiguration configuration) =>
        configuration.GetSection(HttpsSettings.SectionName).Get<HttpsSettings>() ?? new HttpsSettings();
}
