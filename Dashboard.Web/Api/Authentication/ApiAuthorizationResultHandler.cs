using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Dashboard.Web.Api.Authentication;

/// <summary>
/// For API endpoints, a refused request gets <c>application/problem+json</c>: 401 with every scheme's
/// <c>WWW-Authenticate</c> challenge, or 403. Pages keep the default behaviour (redirect to sign-in or "denied").
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<DashboardApiMarker>() is null || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            foreach (var scheme in policy.AuthenticationSchemes)
            {
                // Sets the status and WWW-Authenticate header only; the body is written below.
                await context.ChallengeAsync(scheme);
            }

            var presented = ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null || context.Request.Headers.Authorization.Count > 0;
            await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Authentication required",
                    detail: presented
                        ? "The API key or bearer token was not accepted: it is unknown, revoked, expired, or not issued for this API."
                        : $"Send an API key in the {ApiKeyAuthenticationHandler.HeaderName} header (or as \"Authorization: ApiKey <key>\"), or an Entra ID bearer token.")
                .ExecuteAsync(context);
            return;
        }

        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your role cannot use this part of the API.")
            .ExecuteAsync(context);
    }
}

/// <summary>Marks the endpoints of the REST API, which answer in problem+json and never redirect.</summary>
public sealed class DashboardApiMarker;
