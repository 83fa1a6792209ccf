using System.Security.Claims;
using Dashboard.Domain.Access;
using Dashboard.Domain.DemoData;

namespace Dashboard.Web.Auth;

/// <summary>Turns a signed-in principal into the domain's <see cref="Actor"/>, linking it to a staff member.</summary>
public sealed class ActorResolver(StaffDirectory staff)
{
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public async Task<Actor?> ResolveAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var identity = IdentityOf(user);
        if (identity is null)
        {
            return null;
        }

        var member = await staff.EnsureAsync(identity.ExternalId, identity.DisplayName, identity.Email, identity.TeamName, ct);
        return new Actor(member.Id, member.DisplayName, identity.Roles, member.TeamId);
    }

    /// <summary>
    /// Who a principal is, read the same way for Entra ID (oid, name, preferred_username, roles) and the demo sign-in;
    /// null when it is not signed in or names nobody.
    /// </summary>
    public static SignInIdentity? IdentityOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var externalId = user.FindFirstValue("oid") ?? user.FindFirstValue(ObjectIdClaim) ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (string.IsNullOrWhiteSpace(externalId))
        {
            return null;
        }

        var name = user.FindFirstValue("name") ?? user.Identity.Name ?? externalId;
        var email = user.FindFirstValue("preferred_username") ?? user.FindFirstValue(ClaimTypes.Email);
        return new SignInIdentity(externalId, name, email, AuthenticationSetup.RolesOf(user), DemoUsers.Find(externalId)?.TeamName);
    }
}
