using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Review;

/// <summary>
/// The maker–checker gate every write path passes: while the review queue is switched on, a Sales user's new card is
/// marked pending, and their contact point and manual tier changes are held as <see cref="PendingChange"/>s instead
/// of being applied. Checkers' changes apply directly. Everything is added to the caller's unit of work, so it commits
/// with the change or not at all.
/// </summary>
/// <remarks>
/// A card's contact points and manual tier can only be changed with a <see cref="Clearance"/>, and only this gate
/// issues one: a path that does not ask the gate (as verification once did) does not compile.
/// </remarks>
internal static class ReviewGate
{
    public const string ProposedAction = "review.proposed";

    private static Func<Guid, object, Clearance>? _issue;

    /// <summary>
    /// The gate's answer that a card's contact points (the exact list in <see cref="CardValues.ContactPoints"/>) or
    /// manual tier may be applied: the change was held for a checker, needs none, or is a checker's approval.
    /// </summary>
    public sealed class Clearance
    {
        static Clearance() => _issue = (cardId, subject) => new Clearance(cardId, subject);

        private Clearance(Guid cardId, object subject) => (CardId, Subject) = (cardId, subject);

        internal Guid CardId { get; }

        /// <summary>The contact point list or the tier the clearance is for (compared by reference or value).</summary>
        internal object Subject { get; }

        internal bool Allows(Guid cardId, object subject) => cardId == CardId && (ReferenceEquals(subject, Subject) || Equals(subject, Subject));
    }

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
    /// <returns>The values to apply (the current contact points when held), whether they were held, and the clearance to apply them.</returns>
    public static async Task<(CardValues Values, bool Held, Clearance Clearance)> HoldContactPointsAsync(DashboardDbContext db, Actor actor, CustomerCard card, CardValues values, DateTime now, CancellationToken ct)
    {
        var current = Current(card);
        var proposed = values.ContactPoints.Select(p => new ProposedContact(p.Id, p.Kind, p.Label, p.Value, p.IsPrimary)).ToList();
        if (SameContacts(current, proposed) || !await AppliesToAsync(db, actor, ct))
        {
            return (values, false, Issue(card.Id, values.ContactPoints));
        }

        db.Set<PendingChange>().Add(PendingChange.ContactPoints(card.Id, proposed, current, actor.StaffId, now));
        AuditLog.Record(db, actor, now, ProposedAction, "CustomerCard", card.Code, $"Contact point change on {card.Code} waits for approval",
            [new FieldChange("Contact points", Describe(current), Describe(proposed))]);
        var unchanged = current.Select(c => new ValidContactPoint(c.Id, c.Kind, c.Label, c.Value, c.IsPrimary)).ToList();
        return (values with { ContactPoints = unchanged }, true, Issue(card.Id, unchanged));
    }

    /// <summary>Holds a Sales user's manual tier as a pending change; otherwise the clearance to set it at once.</summary>
    public static async Task<Clearance?> HoldTierAsync(DashboardDbContext db, Actor actor, CustomerCard card, CustomerTier tier, string reason, DateTime now, CancellationToken ct)
    {
        if (!await AppliesToAsync(db, actor, ct))
        {
            return Issue(card.Id, tier);
        }

        db.Set<PendingChange>().Add(PendingChange.Tier(card.Id, new ProposedTier(tier, reason), actor.StaffId, now));
        AuditLog.Record(db, actor, now, ProposedAction, "CustomerCard", card.Code, $"Tier {tier} by hand on {card.Code} waits for approval: {reason}",
            [new FieldChange(nameof(CustomerCard.Tier), card.Tier?.ToString(), tier.ToString())]);
        return null;
    }

    /// <summary>A checker approved <paramref name="pending"/>: the clearance to apply exactly what it proposed.</summary>
    public static Clearance Approved(PendingChange pending, CustomerCard card, IReadOnlyList<ValidContactPoint>? contacts) =>
        pending.Status != PendingChangeStatus.Approved || pending.CardId != card.Id
            ? throw new InvalidOperationException("Only an approved change of this card is cleared.")
            : pending.Kind switch
            {
                PendingChangeKind.ContactPoints => Issue(card.Id, contacts ?? throw new ArgumentNullException(nameof(contacts))),
                PendingChangeKind.TierOverride => Issue(card.Id, pending.ProposedTier!.Tier),
                _ => throw new InvalidOperationException($"A {pending.Kind} change applies nothing to clear."),
            };

    /// <summary>
    /// A manual tier in generated history (the demo generator, which writes only into a database without cards, so
    /// with no queue switched on and nobody to review).
    /// </summary>
    public static Clearance GeneratedHistory(CustomerCard card, CustomerTier tier) => Issue(card.Id, tier);

    private static Clearance Issue(Guid cardId, object subject)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Clearance).TypeHandle);
        return _issue!(cardId, subject);
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
