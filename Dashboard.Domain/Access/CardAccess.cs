using System.Linq.Expressions;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Access;

/// <summary>
/// The permission matrix of PRODUCT.md C5 for customer cards. "Own" is a card the actor owns,
/// "team" a card owned by the actor's team. Services call this before reading or writing.
/// </summary>
public static class CardAccess
{
    public static bool CanViewAllCards(Actor actor) => actor.IsInAny(Role.SalesManager, Role.Admin);

    public static bool CanViewCard(Actor actor, Guid ownerId, Guid? teamId) =>
        CanViewAllCards(actor) || IsOwnOrTeam(actor, ownerId, teamId, Role.Sales, Role.TeamLead);

    public static bool CanEditCard(Actor actor, Guid ownerId, Guid? teamId) =>
        IsOwnOrTeam(actor, ownerId, teamId, Role.Sales, Role.TeamLead);

    public static bool CanCreateCards(Actor actor) => actor.IsInAny(Role.Sales, Role.TeamLead);

    /// <summary>SalesManager and Admin see contact points masked; the owning team sees them in full.</summary>
    public static bool CanSeeContactsUnmasked(Actor actor, Guid ownerId, Guid? teamId) =>
        IsOwnOrTeam(actor, ownerId, teamId, Role.Sales, Role.TeamLead);

    public static bool CanViewAllPurchases(Actor actor) => actor.IsInAny(Role.SalesManager, Role.Finance, Role.Admin);

    public static bool CanViewPurchases(Actor actor, Guid ownerId, Guid? teamId) =>
        CanViewAllPurchases(actor) || IsOwnOrTeam(actor, ownerId, teamId, Role.Sales, Role.TeamLead);

    public static bool CanRecordPurchase(Actor actor, Guid ownerId, Guid? teamId) =>
        actor.IsIn(Role.Finance) || IsOwnOrTeam(actor, ownerId, teamId, Role.Sales);

    public static bool CanConfigure(Actor actor) => actor.IsIn(Role.Admin);

    /// <summary>Pipeline dashboards show the cards the actor can see; Finance and Auditors have their own pages.</summary>
    public static bool CanViewDashboards(Actor actor) => actor.IsInAny(Role.Sales, Role.TeamLead, Role.SalesManager, Role.Admin);

    public static bool CanReadAudit(Actor actor) => actor.IsInAny(Role.Admin, Role.Auditor, Role.TeamLead);

    /// <summary>True when the actor may change who owns a card to <paramref name="newOwnerTeamId"/>'s member.</summary>
    public static bool CanAssignTo(Actor actor, Guid newOwnerId, Guid? newOwnerTeamId) =>
        newOwnerId == actor.StaffId || (actor.TeamId is not null && newOwnerTeamId == actor.TeamId);

    /// <summary>The cards whose basics the actor may see, as a query filter that runs in the database.</summary>
    public static Expression<Func<CustomerCard, bool>> VisibleCards(Actor actor)
    {
        if (CanViewAllCards(actor))
        {
            return _ => true;
        }

        if (actor.IsInAny(Role.Sales, Role.TeamLead))
        {
            var staffId = actor.StaffId;
            var teamId = actor.TeamId;
            return teamId is null
                ? c => c.OwnerId == staffId
                : c => c.OwnerId == staffId || c.TeamId == teamId;
        }

        return _ => false;
    }

    private static bool IsOwnOrTeam(Actor actor, Guid ownerId, Guid? teamId, params Role[] roles) =>
        actor.IsInAny(roles)
        && (ownerId == actor.StaffId || (actor.TeamId is not null && teamId == actor.TeamId));
}
