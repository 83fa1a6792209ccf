using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Domain.Integration.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Api.Authentication;

/// <summary>
/// Accepts an API key in the <c>X-Api-Key</c> header or as <c>Authorization: ApiKey …</c>. The key's identity comes
/// from <see cref="ApiKeyService"/>, which checks the hash, revocation and expiry on every request.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string StaffIdClaim = "staff_id";
    public const string TeamIdClaim = "team_id";
    public const string KeyPrefixClaim = "api_key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.StaffId.ToString()),
                new Claim(ClaimTypes.Name, key.StaffName),
                new Claim(ClaimTypes.Role, key.Role.ToString()),
                new Claim(StaffIdClaim, key.StaffId.ToString()),
                new Claim(KeyPrefixClaim, key.Prefix),
                .. key.TeamId is { } team ? [new Claim(TeamIdClaim, team.ToString())] : Array.Empty<Claim>(),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var error = PresentedKey(Request) is null ? string.Empty : ", error=\"invalid_key\"";
        Response.Headers.Append(HeaderNames.WWWAuthenticate, string.Create(CultureInfo.InvariantCulture, $"{SchemeName} header=\"{HeaderName}\"{error}"));
        return Task.CompletedTask;
    }

    /// <summary>The key sent with the request, or null when none was.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(SchemeName.Length + 1)..].Trim()
            : null;
    }
}
