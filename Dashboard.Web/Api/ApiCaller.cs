using System.Security.Claims;
using Dashboard.Domain.Access;
using Dashboard.Web.Api.Authentication;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The domain <see cref="Actor"/> an API request runs as, resolved once per request by the API's endpoint filter.</summary>
public static class ApiCaller
{
    private static readonly object ActorKey = new();

    /// <summary>The caller of this request; only valid inside an API endpoint.</summary>
    public static Actor Actor(this HttpContext http) =>
        http.Items[ActorKey] as Actor ?? throw new InvalidOperationException("The API caller was not resolved; is this an API endpoint?");

    /// <summary>
    /// An API key acts as its staff member with its one role and the member's current team. A bearer token's caller is
    /// linked to a staff member by "oid", exactly like the web sign-in.
    /// </summary>
    internal static async Task<Actor?> ResolveAsync(HttpContext http)
    {
        var user = http.User;
        Actor? actor;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName })
        {
            actor = Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.StaffIdClaim), out var staffId)
                ? new Actor(
                    staffId,
                    user.Identity.Name ?? staffId.ToString(),
                    AuthenticationSetup.RolesOf(user),
                    Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.TeamIdClaim), out var teamId) ? teamId : null)
                : null;
        }
        else
        {
            actor = await http.RequestServices.GetRequiredService<ActorResolver>().ResolveAsync(user, http.RequestAborted);
        }

        if (actor is not null)
        {
            http.Items[ActorKey] = actor;
        }

        return actor;
    }
}
