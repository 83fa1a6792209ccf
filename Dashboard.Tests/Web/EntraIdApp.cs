using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Tests.Web;

/// <summary>The app configured for Entra ID sign-in with a made-up tenant and client, working offline.</summary>
public static class EntraIdApp
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "66666666-7777-8888-9999-000000000000";
    public const string AuthorizeEndpoint = $"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/authorize";

    /// <summary>
    /// An AzureAd section as appsettings would hold it. The authority's metadata would be fetched over
    /// the network on the first challenge, so the handler is handed the document it would have read.
    /// </summary>
    public static DashboardWebFactory Create(string environment) =>
        new DashboardWebFactory { Environment = environment }
            .WithSetting("AzureAd:Instance", "https://login.microsoftonline.com/")
            .WithSetting("AzureAd:TenantId", TenantId)
            .WithSetting("AzureAd:ClientId", ClientId)
            .WithSetting("AzureAd:CallbackPath", "/signin-oidc")
            .WithServices(services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(new OpenIdConnectConfiguration
                {
                    AuthorizationEndpoint = AuthorizeEndpoint,
                    Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0",
                })));
}
