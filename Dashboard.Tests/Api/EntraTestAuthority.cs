using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Tests.Web;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Tests.Api;

/// <summary>
/// Stands in for the Entra ID tenant of <see cref="EntraIdApp"/>: it signs access tokens with its own RSA key and
/// serves the tenant's OpenID metadata and key set over an in-process transport. The app validates the tokens with
/// Microsoft.Identity.Web exactly as in production (issuer, audience, signature, lifetime); only the network is local.
/// </summary>
public sealed class EntraTestAuthority : IDisposable
{
    /// <summary>
    /// The authority's own host. Microsoft.Identity.Web caches one issuer validator per authority host for the whole
    /// process, holding the HTTP client it was created with; sharing login.microsoftonline.com with the web sign-in
    /// tests (whose client goes to the real network) would make these tokens fail issuer validation in a full run.
    /// </summary>
    public const string Instance = "https://login.entra-api-tests.example/";
    public const string Issuer = $"{Instance}{EntraIdApp.TenantId}/v2.0";
    public const string MetadataAddress = $"{Issuer}/.well-known/openid-configuration";
    private const string KeysAddress = $"{Instance}{EntraIdApp.TenantId}/discovery/v2.0/keys";
    private const string HttpClientName = "entra-test-authority";
    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly RSA _rsa = RSA.Create(2048);

    public EntraTestAuthority() => SigningKey = new RsaSecurityKey(_rsa) { KeyId = "test-signing-key" };

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The app with Entra configured, fetching this authority's metadata and keys.</summary>
    public DashboardWebFactory CreateApp() =>
        EntraIdApp.Create(Microsoft.Extensions.Hosting.Environments.Development).WithSetting("AzureAd:Instance", Instance).WithServices(services =>
        {
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    MetadataAddress, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(new HttpClient(new MetadataHandler(this)))));
            // The issuer validator reads the same metadata through its own named client.
            services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = HttpClientName);
            services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new MetadataHandler(this));
        });

    /// <summary>An access token as Entra issues it for this app; every part can be made wrong for a test.</summary>
    public string Token(
        string oid,
        string name,
        IReadOnlyList<string>? roles,
        string audience = EntraIdApp.ClientId,
        string issuer = Issuer,
        string tenantId = EntraIdApp.TenantId,
        DateTime? expires = null,
        SecurityKey? signedWith = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["oid"] = oid, ["tid"] = tenantId, ["name"] = name, ["ver"] = "2.0", ["azp"] = "integration-client" };
        if (roles is not null)
        {
            claims["roles"] = roles.ToArray();
        }

        var expiry = expires ?? now.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(signedWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => _rsa.Dispose();

    private string MetadataJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = KeysAddress,
        ["authorization_endpoint"] = EntraIdApp.AuthorizeEndpoint,
        ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
    });

    private string KeysJson()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(includePrivateParameters: false)) { KeyId = SigningKey.KeyId });
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new Dictionary<string, object> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E, ["issuer"] = Instance + "{tenantid}/v2.0" },
            },
        });
    }

    /// <summary>Answers the two documents Entra serves for the tenant; anything else is 404.</summary>
    private sealed class MetadataHandler(EntraTestAuthority authority) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri?.AbsoluteUri switch
            {
                MetadataAddress => authority.MetadataJson(),
                KeysAddress => authority.KeysJson(),
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
