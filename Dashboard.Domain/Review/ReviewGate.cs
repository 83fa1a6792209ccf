using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Review;

/// <summary>
/// The maker–checker hooks of <see cref="CustomerCardService"/>: while the review queue is switched on, a Sales
/// user's new card is marked pending, and their contact point and manual tier changes are held as
/// <see cref="PendingChange"/>s instead of being applied. TeamLeads' and Admins' changes apply directly.
/// Everything is added to the caller's unit of work, so it commits with the change or not at all.
/// </summary>
internal static class ReviewGate
{
    public const string ProposedAction = "review.proposed";

    /// <summary>True when the queue is on and the actor is a maker whose changes wait for a checker.</summary>
    public static async Task<bool> AppliesToAsync(DashboardDbContext db, Actor actor, CancellationToken ct) =>
        actor.IsIn(Role.Sales) && !actor.IsInAny(Role.TeamLead, Role.Admin)
        && await db.Set<ReviewSettings>().AnyAsync(s => s.Enabled, ct);

    public static async Task HoldNewCardAsync(DashboardDbContext db, Actor actor, CustomerCard card, DateTime now, CancellationToken ct)
    {
        if (await AppliesToAsync(db, actor, ct))
        {
            db.Set<PendingChange>().Add(PendingChange.NewCard(card.Id, actor.StaffId, now));
            AuditLog.Record(db, actor, now, ProposedAction, "CustomerCard", card.Code, $"New card {card.Code} waits for approval");
        }
    }

    /// <summary>
    /// When the edit changes the contact points and needs a checker, holds them as a pending change and returns the
    /// values with the card's current contact points, so the other fields are saved at once.
    /// </summary>
    public static async Task<(CardValues Values, bool Held)> HoldContactPointsAsync(DashboardDbContext db, Actor actor, CustomerCard card, CardValues values, DateTime now, CancellationToken ct)
    {
        var current = Current(card);
        var proposed = values.ContactPoints.Select(p => new ProposedContact(p.Id, p.Kind, p.Label, p.Value, p.IsPrimary)).ToList();
        if (SameContacts(current, proposed) || !await AppliesToAsync(db, actor, ct))
        {
            return (values, false);
        }

        db.Set<PendingChange>().Add(PendingChange.ContactPoints(card.Id, proposed, current, actor.StaffId, now));
        AuditLog.Record(db, actor, now, ProposedAction, "CustomerCard", card.Code, $"Contact point change on {card.Code} waits for approval",
            [new FieldChange("Contact points", Describe(current), Describe(proposed))]);
        var unchanged = current.Select(c => new ValidContactPoint(c.Id, c.Kind, c.Label, c.Value, c.IsPrimary)).ToList();
        return (values with { ContactPoints = unchanged }, true);
    }

    /// <summary>Holds a Sales user's manual tier as a pending change; false when it may be applied at once.</summary>
    public static async Task<bool> HoldTierAsync(DashboardDbContext db, Actor actor, CustomerCard card, CustomerTier tier, string reason, DateTime now, CancellationToken ct)
    {
        if (!await AppliesToAsync(db, actor, ct))
        {
            return false;
        }

        db.Set<PendingChange>().Add(PendingChange.Tier(card.Id, new ProposedTier(tier, reason), actor.StaffId, now));
        AuditLog.Record(db, actor, now, ProposedAction, "CustomerCard", card.Code, $"Tier {tier} by hand on {card.Code} waits for approval: {reason}",
            [new FieldChange(nameof(CustomerCard.Tier), card.Tier?.ToString(), tier.ToString())]);
        return true;
    }

    public static List<ProposedContact> Current(CustomerCard card) =>
        card.ContactPoints.Select(p => new ProposedContact(p.Id, p.Kind, p.Label, p.Value, p.IsPrimary)).ToList();

    /// <summary>Same phones and e-mails with the same labels and primaries, in any order.</summary>
    public static bool SameContacts(IEnumerable<ProposedContact> a, IEnumerable<ProposedContact> b) =>
        Key(a).SequenceEqual(Key(b), StringComparer.Ordinal);

    public static string? Describe(IEnumerable<ProposedContact> contacts)
    {
        var lines = contacts.OrderBy(c => c.Kind).ThenByDescending(c => c.IsPrimary)
            .Select(c => $"{c.Kind} {c.Label}: {c.Value}{(c.IsPrimary ? " (primary)" : string.Empty)}").ToList();
        return lines.Count == 0 ? null : string.Join("; ", lines);
    }

    private static IEnumerable<string> Key(IEnumerable<ProposedContact> contacts) =>
        contacts.Select(c => $"{c.Kind}|{c.Label}|{c.Value}|{c.IsPrimary}").Order(StringComparer.Ordinal);
}
