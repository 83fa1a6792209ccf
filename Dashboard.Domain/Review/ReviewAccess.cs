using Dashboard.Domain.Access;

namespace Dashboard.Domain.Review;

/// <summary>Who may switch the review queue and who decides pending changes.</summary>
public static class ReviewAccess
{
    public static bool CanSwitch(Actor actor) => CardAccess.CanConfigure(actor);

    /// <summary>Checkers see the queue: TeamLeads their team's changes, Admins all.</summary>
    public static bool CanReview(Actor actor) => actor.IsInAny(Role.TeamLead, Role.Admin);

    /// <summary>A TeamLead of the card's team, or an Admin; never the maker (checked separately).</summary>
    public static bool CanDecide(Actor actor, Guid? cardTeamId) =>
        actor.IsIn(Role.Admin) || (actor.IsIn(Role.TeamLead) && actor.TeamId is not null && cardTeamId == actor.TeamId);
}
