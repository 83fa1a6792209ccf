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
            services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(configuration.GetSection(AzureAdSection));
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                // Entra app roles arrive in the "roles" claim.
                options.TokenValidationParameters.RoleClaimType = "roles";
                options.TokenValidationParameters.NameClaimType = "name";
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
                });
            services.AddSingleton(new SignInMode(SignInKind.LocalDemo));
        }

        // The REST API's own schemes (API keys, and Entra bearer tokens with Entra configured); pages are unaffected.
        services.AddDashboardApiAuthentication(configuration);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddSingleton<ActorResolver>();
        services.AddScoped<CurrentActor>();
        return services;
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
