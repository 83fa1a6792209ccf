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
        if (user.Identity?.IsAuthenticated != true)
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
        var member = await staff.EnsureAsync(externalId, name, email, DemoUsers.Find(externalId)?.TeamName, ct);
        return new Actor(member.Id, member.DisplayName, AuthenticationSetup.RolesOf(user), member.TeamId);
    }
}
