using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Quality;

/// <summary>The quality rules as shown on the admin page.</summary>
public sealed record QualityPolicyView(QualityRuleSet Rules, int Version, DateTime? LastRecomputedAt, DateTime? UpdatedAt, string? UpdatedByName);

/// <summary>One verified value as the card's history shows it (values themselves are in the audit trail).</summary>
public sealed record VerificationView(DateTime At, string VerifiedByName, QualityFields Field, string? Label, VerificationOutcome Outcome, VerificationMethod Method);

/// <summary>
/// Why a card has its score: the stored breakdown, whether a value is overdue for verification on the viewer's day,
/// the SLA its tier gives, and its latest verifications. <see cref="AsOf"/> is when the score was last known current.
/// </summary>
public sealed record CardQualityExplanation(
    Guid CardId,
    int? Score,
    QualityBand? Band,
    QualityBreakdown Breakdown,
    DateOnly? VerificationDueOn,
    bool Overdue,
    DateTime? AsOf,
    CustomerTier? Tier,
    int SlaDays,
    bool RulesChangedSince,
    IReadOnlyList<VerificationView> RecentVerifications);

/// <summary>Which cards the quality page covers, the period of its accuracy rate, and the day "overdue" is counted on.</summary>
public sealed record QualityPageFilter
{
    public required ReportingPeriod Period { get; init; }

    public required DateOnly Today { get; init; }

    public Guid? OwnerId { get; init; }

    public Guid? TeamId { get; init; }
}

/// <summary>An owner's or team's figures; the key is the staff or team id (empty for cards without a team).</summary>
public sealed record QualityGroup(string Key, string Name, QualityFigures Figures, AccuracyFigures Accuracy);

/// <summary>A card sharing a contact value with others.</summary>
public sealed record SharedContactCard(Guid Id, string Code, string DisplayName);

/// <summary>One phone or e-mail found on several cards; masked for viewers who see contacts masked.</summary>
public sealed record SharedContact(ContactKind Kind, string Display, IReadOnlyList<SharedContactCard> Cards);

/// <summary>One day of the trend, from that day's snapshot.</summary>
public sealed record QualityTrendPoint(DateOnly Day, double? AverageScore, double? AccuracyRate, int Cards, int Overdue);

/// <summary>Everything the quality page shows for one filter.</summary>
public sealed record QualityDashboard(
    QualityPageFilter Filter,
    QualityFigures Overall,
    AccuracyFigures Accuracy,
    IReadOnlyList<QualityGroup> Owners,
    IReadOnlyList<QualityGroup> Teams,
    int SharedValues,
    int CardsSharingContacts,
    IReadOnlyList<SharedContact> SharedContacts,
    Guid? TrendTeamId,
    IReadOnlyList<QualityTrendPoint> Trend)
{
    /// <summary>The rules failed by at least one card, most failed first.</summary>
    public IReadOnlyList<(QualityRule Rule, int Cards)> TopRules =>
        Overall.Failing.Where(f => f.Value > 0).OrderByDescending(f => f.Value).ThenBy(f => QualityRules.Rank(f.Key)).Select(f => (f.Key, f.Value)).ToList();
}

/// <summary>
/// Reads the quality policy, explains a card's score, and computes the quality page: grouped SQL over the cards the
/// actor may see, with the same conditions as the customer list's quality filters so that every number drills down.
/// </summary>
public sealed class QualityQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    /// <summary>At most this many shared phones or e-mails are listed (all are counted).</summary>
    public const int MaxSharedContacts = 20;

    /// <summary>The trend shows at most this many days.</summary>
    public const int TrendDays = 365;

    public async Task<QualityPolicyView> GetPolicyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await db.QualityPolicies.AsNoTracking().SingleAsync(ct);
        var updatedBy = policy.UpdatedBy is { } id ? await NameOfAsync(db, id, ct) : null;
        return new QualityPolicyView(policy.Rules, policy.Version, policy.LastRecomputedAt, policy.UpdatedAt, updatedBy);
    }

    public async Task<CommandResult<CardQualityExplanation>> ExplainAsync(Actor actor, Guid cardId, DateOnly today, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.AsNoTracking().Where(c => c.Id == cardId)
            .Select(c => new { c.OwnerId, c.TeamId, c.Tier, c.QualityScore, c.QualityBand, c.QualityBreakdownJson, c.VerificationDueOn, c.QualityScoredAt })
            .SingleOrDefaultAsync(ct);
        if (card is null)
        {
            return CommandResult<CardQualityExplanation>.From(CommandResult.NotFound());
        }

        if (!CardAccess.CanViewCard(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult<CardQualityExplanation>.From(CommandResult.Forbidden("You cannot view this customer card."));
        }

        var policy = await db.QualityPolicies.AsNoTracking().SingleAsync(ct);
        DateTime? asOf = card.QualityScoredAt is { } scoredAt && policy.LastRecomputedAt > scoredAt ? policy.LastRecomputedAt : card.QualityScoredAt;
        var recent = await (
                from v in db.Verifications.AsNoTracking()
                where v.CardId == cardId
                orderby v.VerifiedAt descending
                select new { v.VerifiedAt, v.VerifiedBy, v.Field, v.Label, v.Outcome, v.Method })
            .Take(10)
            .ToListAsync(ct);
        var staffIds = recent.Select(v => v.VerifiedBy).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        return new CardQualityExplanation(
            cardId, card.QualityScore, card.QualityBand, QualityBreakdown.Parse(card.QualityBreakdownJson), card.VerificationDueOn,
            card.VerificationDueOn < today, asOf, card.Tier, policy.Sla.DaysFor(card.Tier),
            policy.UpdatedAt > asOf,
            recent.Select(v => new VerificationView(v.VerifiedAt, names.GetValueOrDefault(v.VerifiedBy, "Former staff member"), v.Field, v.Label, v.Outcome, v.Method)).ToList());
    }

    public async Task<CommandResult<QualityDashboard>> GetDashboardAsync(Actor actor, QualityPageFilter filter, CancellationToken ct = default)
    {
        if (!QualityAccess.CanViewQualityPage(actor))
        {
            return CommandResult<QualityDashboard>.From(CommandResult.Forbidden("The quality page is for team leads, sales managers and Admins."));
        }

        var invalid = filter.Period.Validate();
        if (invalid.Count > 0)
        {
            return CommandResult<QualityDashboard>.From(CommandResult.Invalid(invalid));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cards = Scope(db, actor, filter.OwnerId, filter.TeamId);
        var groups = await QualityAggregates.ByOwnerAndTeamAsync(cards, filter.Today, ct);
        var accuracy = await QualityAggregates.AccuracyAsync(db, cards, filter.Period.StartUtc, filter.Period.EndUtc, ct);

        var ownerIds = groups.Select(g => g.OwnerId).Concat(accuracy.Keys.Select(k => k.OwnerId)).Distinct().ToList();
        var owners = await db.Staff.AsNoTracking().Where(s => ownerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        List<QualityGroup> Rollup<TKey>(Func<Guid, Guid?, TKey> keyOf, Func<TKey, string> idOf, Func<TKey, string> nameOf)
            where TKey : notnull =>
            groups.Select(g => keyOf(g.OwnerId, g.TeamId)).Concat(accuracy.Keys.Select(k => keyOf(k.OwnerId, k.TeamId))).Distinct()
                .Select(key => new QualityGroup(
                    idOf(key),
                    nameOf(key),
                    QualityFigures.Sum(groups.Where(g => Equals(keyOf(g.OwnerId, g.TeamId), key)).Select(g => g.Figures)),
                    AccuracyFigures.Sum(accuracy.Where(a => Equals(keyOf(a.Key.OwnerId, a.Key.TeamId), key)).Select(a => a.Value))))
                .OrderBy(g => g.Name, StringComparer.CurrentCulture)
                .ToList();

        var ownerRows = Rollup((owner, _) => owner, id => id.ToString(), id => owners.GetValueOrDefault(id, "Former staff member"));
        var teamRows = Rollup((_, team) => team ?? Guid.Empty, id => id == Guid.Empty ? string.Empty : id.ToString(), id => teams.GetValueOrDefault(id, string.Empty));

        var (sharedValues, cardsSharing, shared) = await SharedContactsAsync(db, actor, cards, ct);
        var trendTeam = filter.TeamId ?? (CardAccess.CanViewAllCards(actor) ? null : actor.TeamId);
        var trend = await TrendAsync(db, trendTeam, filter.Today, ct);

        return new QualityDashboard(
            filter,
            QualityFigures.Sum(groups.Select(g => g.Figures)),
            AccuracyFigures.Sum(accuracy.Values),
            ownerRows,
            teamRows,
            sharedValues,
            cardsSharing,
            shared,
            trendTeam,
            trend);
    }

    /// <summary>
    /// The cards a quality figure counts: those the actor may see, narrowed by owner and team, without merged cards.
    /// The customer list applies the same conditions.
    /// </summary>
    internal static IQueryable<CustomerCard> Scope(DashboardDbContext db, Actor actor, Guid? ownerId, Guid? teamId)
    {
        var cards = Unmerged(db).Where(CardAccess.VisibleCards(actor));
        if (ownerId is { } owner)
        {
            cards = cards.Where(c => c.OwnerId == owner);
        }

        if (teamId is { } team)
        {
            cards = cards.Where(c => c.TeamId == team);
        }

        return cards;
    }

    /// <summary>Every card still in use: a card merged into another is kept only so that the merge can be undone.</summary>
    internal static IQueryable<CustomerCard> Unmerged(DashboardDbContext db) => db.Cards.AsNoTracking().Where(c => c.MergedIntoId == null);

    /// <summary>
    /// The contact values held by more than one of <paramref name="cards"/>. The values held by more than one card of all
    /// are found first from the (Value, CardId) index alone; only their holders are then checked against the cards.
    /// </summary>
    /// <summary>The keyed hashes (<see cref="ContactPoint.Lookup"/>) of contact values that more than one of <paramref name="cards"/> holds.</summary>
    internal static IQueryable<string> SharedValues(DashboardDbContext db, IQueryable<CustomerCard> cards) =>
        from p in SharedHolders(db, cards)
        group p.CardId by p.Lookup into g
        where g.Distinct().Count() > 1
        select g.Key;

    /// <summary>
    /// The contact points of <paramref name="cards"/> whose value is on more than one card of all. Values are stored
    /// encrypted, so the database compares their keyed hashes.
    /// </summary>
    private static IQueryable<ContactPoint> SharedHolders(DashboardDbContext db, IQueryable<CustomerCard> cards)
    {
        var anywhere = db.ContactPoints.GroupBy(p => p.Lookup).Where(g => g.Select(p => p.CardId).Distinct().Count() > 1).Select(g => g.Key);
        return from p in db.ContactPoints
               where anywhere.Contains(p.Lookup)
               join c in cards on p.CardId equals c.Id
               select p;
    }

    /// <summary>
    /// Of <paramref name="cards"/>, those holding a contact value that another of <paramref name="scope"/> holds too. Written as
    /// "id in (cards holding a shared value)" so that the database lists the shared values once and looks up their
    /// holders, instead of trying every shared value against every card.
    /// </summary>
    internal static IQueryable<CustomerCard> SharingContacts(DashboardDbContext db, IQueryable<CustomerCard> cards, IQueryable<CustomerCard> scope)
    {
        var shared = SharedValues(db, scope);
        var holders = db.ContactPoints.Where(p => shared.Contains(p.Lookup)).Select(p => p.CardId);
        return cards.Where(c => holders.Contains(c.Id));
    }

    private static async Task<(int Values, int Cards, IReadOnlyList<SharedContact> Top)> SharedContactsAsync(DashboardDbContext db, Actor actor, IQueryable<CustomerCard> cards, CancellationToken ct)
    {
        // Few rows: only the holders of values that are on more than one card at all, grouped by their keyed hash.
        var holders = await SharedHolders(db, cards).Select(p => new { p.Lookup, p.CardId }).Distinct().ToListAsync(ct);
        var shared = holders.GroupBy(h => h.Lookup, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (shared.Count == 0)
        {
            return (0, 0, []);
        }

        var cardCount = shared.SelectMany(g => g.Select(h => h.CardId)).Distinct().Count();
        var top = shared.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaxSharedContacts).Select(g => g.Key).ToList();
        var rows = await (
                from p in db.ContactPoints
                where top.Contains(p.Lookup)
                join c in cards on p.CardId equals c.Id
                select new { p.Lookup, p.Value, p.Kind, c.Id, c.Code, c.DisplayName, c.Number })
            .ToListAsync(ct);

        var masked = !actor.IsInAny(Role.Sales, Role.TeamLead);
        var list = top.Select(lookup =>
        {
            var of = rows.Where(r => r.Lookup == lookup).OrderBy(r => r.Number).ToList();
            var (kind, value) = (of[0].Kind, of[0].Value);
            var display = kind == ContactKind.Phone ? PhoneNumber.Display(value) : value;
            return new SharedContact(
                kind,
                masked ? ContactMasking.Mask(kind, kind == ContactKind.Phone ? value : display) : display,
                of.DistinctBy(r => r.Id).Select(r => new SharedContactCard(r.Id, r.Code, r.DisplayName)).ToList());
        }).ToList();
        return (shared.Count, cardCount, list);
    }

    private static async Task<IReadOnlyList<QualityTrendPoint>> TrendAsync(DashboardDbContext db, Guid? teamId, DateOnly today, CancellationToken ct)
    {
        var since = today.AddDays(-TrendDays);
        var snapshots = await db.QualitySnapshots.AsNoTracking()
            .Where(s => s.TeamId == teamId && s.Day > since && s.Day <= today)
            .OrderBy(s => s.Day)
            .ToListAsync(ct);
        return snapshots.Select(s => new QualityTrendPoint(
                s.Day,
                s.Scored == 0 ? null : (double)s.ScoreSum / s.Scored,
                s.Confirmed + s.Corrected == 0 ? null : (double)s.Confirmed / (s.Confirmed + s.Corrected),
                s.Cards,
                s.Overdue))
            .ToList();
    }

    private static async Task<string> NameOfAsync(DashboardDbContext db, Guid staffId, CancellationToken ct) =>
        await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName).SingleOrDefaultAsync(ct)
        ?? (staffId == Guid.Empty ? "System" : "Former staff member");
}
