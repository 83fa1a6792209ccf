using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Tiers;

/// <summary>The tier rules as shown on the admin page, with the reporting currency the values are in.</summary>
public sealed record TierPolicyView(TierRules Rules, int Version, string Currency, DateTime? LastRecomputedAt, DateTime? UpdatedAt, string? UpdatedByName);

/// <summary>Who set a card's tier by hand, when, and why.</summary>
public sealed record TierOverrideView(string SetByName, DateTime SetAt, string Reason);

/// <summary>
/// Why a card has its tier. <see cref="Assessment"/> is the stored computation measured against the current
/// rules (null when the tier was never computed, or the viewer may not see purchases). <see cref="RulesChangedSince"/>
/// says the rules changed after the figures were computed, so the tier may change at the next recompute.
/// </summary>
public sealed record CardTierExplanation(
    Guid CardId,
    CustomerTier? Tier,
    TierSource Source,
    CustomerTier? ComputedTier,
    bool EverComputed,
    TierAssessment? Assessment,
    string Currency,
    TierOverrideView? Override,
    bool RulesChangedSince,
    bool CanOverride);

/// <summary>Reads the tier rules and explains cards' tiers from the figures stored with them, without recomputing.</summary>
public sealed class TierQueries(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<DashboardOptions> options)
{
    public async Task<TierPolicyView> GetPolicyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await db.TierPolicies.AsNoTracking().SingleAsync(ct);
        var updatedBy = policy.UpdatedBy is { } id ? await NameOfAsync(db, id, ct) : null;
        return new TierPolicyView(policy.Rules, policy.Version, options.Value.ReportingCurrency, policy.LastRecomputedAt, policy.UpdatedAt, updatedBy);
    }

    public async Task<CommandResult<CardTierExplanation>> ExplainAsync(Actor actor, Guid cardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.AsNoTracking().Where(c => c.Id == cardId)
            .Select(c => new
            {
                c.OwnerId,
                c.TeamId,
                c.Tier,
                c.TierSource,
                c.ComputedTier,
                c.TierMonetaryMinor,
                c.TierPurchaseCount,
                c.TierLastPurchaseOn,
                c.TierComputedAt,
                c.TierReason,
                c.TierSetBy,
                c.TierSetAt,
            })
            .SingleOrDefaultAsync(ct);
        if (card is null)
        {
            return CommandResult<CardTierExplanation>.From(CommandResult.NotFound());
        }

        if (!CardAccess.CanViewCard(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult<CardTierExplanation>.From(CommandResult.Forbidden("You cannot view this customer card."));
        }

        var policy = await db.TierPolicies.AsNoTracking().SingleAsync(ct);
        TierAssessment? assessment = null;
        var rulesChanged = false;
        if (card.TierComputedAt is { } computedAt)
        {
            // A full run since the card's own computation vouches for its figures up to the run's day.
            var asOf = policy.LastRecomputedAt > computedAt ? policy.LastRecomputedAt.Value : computedAt;
            rulesChanged = policy.UpdatedAt > asOf;
            if (CardAccess.CanViewPurchases(actor, card.OwnerId, card.TeamId))
            {
                var figures = new TierFigures(card.TierMonetaryMinor, card.TierPurchaseCount, card.TierLastPurchaseOn, HasPurchases: card.ComputedTier is not null);
                assessment = TierCalculator.Assess(figures, DateOnly.FromDateTime(asOf), policy.Rules);
                rulesChanged |= assessment.Tier != card.ComputedTier;
            }
        }

        TierOverrideView? manual = null;
        if (card.TierSource == TierSource.Manual)
        {
            var name = card.TierSetBy is { } setBy ? await NameOfAsync(db, setBy, ct) : "System";
            manual = new TierOverrideView(name, card.TierSetAt ?? default, card.TierReason ?? string.Empty);
        }

        return new CardTierExplanation(
            cardId, card.Tier, card.TierSource, card.ComputedTier, card.TierComputedAt is not null, assessment, options.Value.ReportingCurrency,
            manual, rulesChanged, CardAccess.CanEditCard(actor, card.OwnerId, card.TeamId));
    }

    private static async Task<string> NameOfAsync(DashboardDbContext db, Guid staffId, CancellationToken ct) =>
        await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName).SingleOrDefaultAsync(ct)
        ?? (staffId == Guid.Empty ? "System" : "Former staff member");
}
