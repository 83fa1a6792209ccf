using Dashboard.Domain.Access;

namespace Dashboard.Domain.Review;

/// <summary>Who may switch the review queue and who decides pending changes.</summary>
public static class ReviewAccess
{
    public static bool CanSwitch(Actor actor) => CardAccess.CanConfigure(actor);

    /// <summary>Checkers see the queue: team leads, their team's changes (PRODUCT.md C5: "verify + approve team"; Admins configure, not approve).</summary>
    public static bool CanReview(Actor actor) => actor.IsIn(Role.TeamLead);

    /// <summary>A team lead of the card's team; never the maker (checked separately).</summary>
    public static bool CanDecide(Actor actor, Guid? cardTeamId) =>
        actor.IsIn(Role.TeamLead) && actor.TeamId is not null && cardTeamId == actor.TeamId;
}
