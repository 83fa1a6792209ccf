using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;

namespace Dashboard.Domain.Tiers;

/// <summary>The audit entry of a card whose effective or computed tier changed by computation.</summary>
internal static class TierAudit
{
    public const string CardTierComputed = "card.tier-computed";

    public static void RecordComputed(DashboardDbContext db, Actor actor, DateTime at, CustomerCard card, CustomerTier? tierBefore, CustomerTier? computedBefore, TierAssessment assessment, string currency)
    {
        var changes = new List<FieldChange>();
        if (tierBefore != card.Tier)
        {
            changes.Add(new FieldChange(nameof(CustomerCard.Tier), tierBefore?.ToString(), card.Tier?.ToString()));
        }

        if (computedBefore != card.ComputedTier)
        {
            changes.Add(new FieldChange(nameof(CustomerCard.ComputedTier), computedBefore?.ToString(), card.ComputedTier?.ToString()));
        }

        var figures = assessment.Figures;
        var manual = card.TierSource == TierSource.Manual ? $" (tier stays {Show(card.Tier)}, set by hand)" : string.Empty;
        var last = figures.LastPurchaseOn is { } on ? string.Create(CultureInfo.InvariantCulture, $", last on {on:yyyy-MM-dd}") : string.Empty;
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"Computed tier {Show(computedBefore)} → {Show(card.ComputedTier)}{manual}: {figures.PurchaseCount} purchases worth {currency} {figures.Monetary:N2} in {assessment.Rules.WindowMonths} months to {assessment.AsOf:yyyy-MM-dd}{last}");
        AuditLog.Record(db, actor, at, CardTierComputed, "CustomerCard", card.Code, summary, changes);
    }

    private static string Show(CustomerTier? tier) => tier?.ToString() ?? "none";
}
