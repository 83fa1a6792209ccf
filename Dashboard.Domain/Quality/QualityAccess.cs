using Dashboard.Domain.Access;

namespace Dashboard.Domain.Quality;

/// <summary>The quality rows of the permission matrix (PRODUCT.md C5); the services check these, the UI only mirrors them.</summary>
public static class QualityAccess
{
    /// <summary>Sales verify their own cards; team leads their own and their team's.</summary>
    public static bool CanVerify(Actor actor, Guid ownerId, Guid? teamId) =>
        (actor.IsIn(Role.Sales) && ownerId == actor.StaffId)
        || (actor.IsIn(Role.TeamLead) && (ownerId == actor.StaffId || (actor.TeamId is not null && teamId == actor.TeamId)));

    /// <summary>The quality page: team leads for their team, sales managers and Admins for everyone.</summary>
    public static bool CanViewQualityPage(Actor actor) => actor.IsInAny(Role.TeamLead, Role.SalesManager, Role.Admin);
}
