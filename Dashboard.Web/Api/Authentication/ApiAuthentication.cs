using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Identity.Web;

namespace Dashboard.Web.Api.Authentication;

/// <summary>The authentication schemes the REST API accepts; pages keep their own sign-in.</summary>
public sealed record ApiAuthenticationSchemes(IReadOnlyList<string> Schemes)
{
    public bool AcceptsBearerTokens => Schemes.Contains(JwtBearerDefaults.AuthenticationScheme);

    /// <summary>Any caller the API's schemes authenticate; what they may do is the domain services' decision.</summary>
    public AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder([.. Schemes]).RequireAuthenticatedUser().Build();
}

/// <summary>
/// Adds the API's schemes beside the cookie (and Entra web sign-in): API keys always, and Entra ID bearer tokens
/// through Microsoft.Identity.Web when <c>AzureAd:ClientId</c> is configured. Neither becomes a default scheme, so
/// pages still sign in as before and the API never redirects to a sign-in page.
/// </summary>
public static class ApiAuthentication
{
    public static IServiceCollection AddDashboardApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, "API key", null);
        List<string> schemes = [];
        if (AuthenticationSetup.IsEntraConfigured(configuration))
        {
            // Access tokens for this app (audience: its client id or api://client-id), roles in the "roles" claim;
            // the token's "oid" links the caller to a staff member as the web sign-in does.
            builder.AddMicrosoftIdentityWebApi(configuration.GetSection(AuthenticationSetup.AzureAdSection), JwtBearerDefaults.AuthenticationScheme);
            schemes.Add(JwtBearerDefaults.AuthenticationScheme);
        }

        // The API-key challenge comes last: it runs after the bearer challenge has set its own header.
        schemes.Add(ApiKeyAuthenticationHandler.SchemeName);
        services.AddSingleton(new ApiAuthenticationSchemes(schemes));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        return services;
    }
}
