using System.Security.Claims;
using Dashboard.Domain.Access;
using Dashboard.Web.Api.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;

namespace Dashboard.Web.Auth;

/// <summary>How people sign in: Entra ID when an AzureAd section is configured, demo users in development.</summary>
public static class AuthenticationSetup
{
    public const string AzureAdSection = "AzureAd";

    /// <summary>True when <c>AzureAd:ClientId</c> is set, i.e. Entra ID sign-in is wanted.</summary>
    public static bool IsEntraConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{AzureAdSection}:ClientId"]);

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (IsEntraConfigured(configuration))
        {
            var requireHttpsMetadata = RequireHttpsAuthority(configuration, environment);
            services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(configuration.GetSection(AzureAdSection));
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.TokenValidationParameters.RoleClaimType = "roles";
                options.TokenValidationParameters.NameClaimType = "name";
                options.RequireHttpsMetadata = requireHttpsMetadata;
                if (TenantIssuer(configuration) is { } issuer)
                {
                    // The configured tenant's own issuer is accepted directly. Microsoft.Identity.Web's issuer validator
                    // otherwise re-reads the metadata with an https-only client; either way the signature must verify
                    // with the keys published by the configured authority.
                    options.TokenValidationParameters.ValidIssuers = [.. options.TokenValidationParameters.ValidIssuers ?? [], issuer];
                }

                SignInEvents.Configure(options);
            });
            // Entra app roles arrive in the "roles" claim. Claims keep their token names: mapped, "roles" would become
            // ClaimTypes.Role and [Authorize(Roles = ...)], which looks for the role claim type "roles", would match nothing.
            // Microsoft.Identity.Web copies the mapping from its own options onto the handler's, so it is set there.
            services.Configure<MicrosoftIdentityOptions>(OpenIdConnectDefaults.AuthenticationScheme, options => options.MapInboundClaims = false);
            services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                // The app's own page; Microsoft.Identity.Web's default (/Account/AccessDenied) belongs to its UI package.
                options.AccessDeniedPath = "/account/denied";
                SignInEvents.Configure(options, SignInKind.Entra);
            });
            services.AddSingleton(new SignInMode(SignInKind.Entra));
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Sign-in is not configured. In Production the app needs Entra ID: set AzureAd:Instance, AzureAd:TenantId, " +
                "AzureAd:ClientId and AzureAd:ClientSecret (see appsettings.example.json). The demo sign-in is available only outside Production.");
        }
        else
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options =>
                {
                    options.LoginPath = "/account/login";
                    options.LogoutPath = "/account/logout";
                    options.AccessDeniedPath = "/account/denied";
                    options.Cookie.Name = "dashboard.auth";
                    options.SlidingExpiration = true;
                    SignInEvents.Configure(options, SignInKind.LocalDemo);
                });
            services.AddSingleton(new SignInMode(SignInKind.LocalDemo));
        }

        // The REST API's own schemes (API keys, and Entra bearer tokens with Entra configured); pages are unaffected.
        services.AddDashboardApiAuthentication(configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddSingleton<ActorResolver>();
        services.AddScoped<CurrentActor>();
        return services;
    }

    /// <summary>
    /// Whether the authority's metadata must come over https (<c>AzureAd:RequireHttpsMetadata</c>, true unless set).
    /// Outside Production a loopback provider on plain http may be used (the sign-in tests do); Production refuses to
    /// start with an http authority or with the check switched off.
    /// </summary>
    public static bool RequireHttpsAuthority(IConfiguration configuration, IHostEnvironment environment)
    {
        var requireHttps = configuration.GetValue<bool?>($"{AzureAdSection}:RequireHttpsMetadata") ?? true;
        var instance = configuration[$"{AzureAdSection}:Instance"];
        var httpsInstance = string.IsNullOrWhiteSpace(instance)
            || (Uri.TryCreate(instance, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);
        if (environment.IsProduction() && (!requireHttps || !httpsInstance))
        {
            throw new InvalidOperationException(
                "In Production the Entra ID authority must be https: set AzureAd:Instance to an https address " +
                "(e.g. https://login.microsoftonline.com/) and leave AzureAd:RequireHttpsMetadata unset or true.");
        }

        return requireHttps;
    }

    /// <summary>The issuer of a single tenant's v2.0 tokens, <c>{Instance}{TenantId}/v2.0</c>; null for multi-tenant settings (common, organizations).</summary>
    public static string? TenantIssuer(IConfiguration configuration)
    {
        var instance = configuration[$"{AzureAdSection}:Instance"];
        var tenant = configuration[$"{AzureAdSection}:TenantId"];
        return string.IsNullOrWhiteSpace(instance) || !Guid.TryParse(tenant, out var tenantId)
            ? null
            : $"{instance.Trim().TrimEnd('/')}/{tenantId:D}/v2.0";
    }

    /// <summary>Roles named in the principal's role claims; unknown role names are ignored.</summary>
    public static HashSet<Role> RolesOf(ClaimsPrincipal user)
    {
        var roleClaimType = (user.Identity as ClaimsIdentity)?.RoleClaimType ?? ClaimTypes.Role;
        return user.FindAll(c => c.Type == roleClaimType || c.Type == ClaimTypes.Role || c.Type == "roles")
            .Select(c => Enum.TryParse<Role>(c.Value, ignoreCase: true, out var role) ? (Role?)role : null)
            .OfType<Role>()
            .ToHashSet();
    }
}

/// <summary>Which sign-in the app was started with.</summary>
public enum SignInKind
{
    Entra,
    LocalDemo,
}

/// <summary>The sign-in mode chosen at start-up, for pages that show sign-in options.</summary>
public sealed record SignInMode(SignInKind Kind);
