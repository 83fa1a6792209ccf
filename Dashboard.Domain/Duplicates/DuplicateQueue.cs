using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Duplicates;

/// <summary>One side of a candidate pair as the queue shows it.</summary>
public sealed record CandidateCard(Guid Id, string Code, string DisplayName, string OwnerName);

/// <summary>A row of the duplicate queue.</summary>
public sealed record CandidateView(Guid Id, CandidateCard A, CandidateCard B, double Score, MatchReasons Reasons, DuplicateStatus Status, DateTime FoundAt, bool CanDecide);

/// <summary>
/// The duplicate queue: candidate pairs the actor may see (both cards visible), and the "not the same" decision.
/// Merging goes through <see cref="MergeService"/>.
/// </summary>
public sealed class DuplicateQueue(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public static bool CanViewQueue(Actor actor) => actor.IsInAny(Role.Sales, Role.TeamLead, Role.SalesManager, Role.Admin);

    public async Task<PagedResult<CandidateView>> ListAsync(Actor actor, DuplicateStatus status, int page, int pageSize, CancellationToken ct = default)
    {
        if (!CanViewQueue(actor))
        {
            return new PagedResult<CandidateView>([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Cards.Where(CardAccess.VisibleCards(actor));
        var pairs = db.DuplicateCandidates.AsNoTracking()
            .Where(c => c.Status == status)
            .Join(visible, c => c.CardAId, a => a.Id, (c, a) => new { c, a })
            .Join(visible, x => x.c.CardBId, b => b.Id, (x, b) => new { x.c, x.a, b });
        var total = await pairs.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 200);
        var rows = await pairs.OrderByDescending(x => x.c.Score).ThenBy(x => x.a.Number)
            .Skip(Math.Max(page, 0) * size).Take(size)
            .Select(x => new
            {
                x.c,
                A = new CandidateCard(x.a.Id, x.a.Code, x.a.DisplayName, x.a.Owner!.DisplayName),
                AOwner = x.a.OwnerId,
                ATeam = x.a.TeamId,
                B = new CandidateCard(x.b.Id, x.b.Code, x.b.DisplayName, x.b.Owner!.DisplayName),
                BOwner = x.b.OwnerId,
                BTeam = x.b.TeamId,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new CandidateView(
                r.c.Id, r.A, r.B, r.c.Score, r.c.Reasons, r.c.Status, r.c.FoundAt,
                MergeService.CanMerge(actor, r.AOwner, r.ATeam, r.BOwner, r.BTeam)))
            .ToList();
        return new PagedResult<CandidateView>(items, total);
    }

    /// <summary>"Not the same customer": the pair leaves the queue and later scans do not raise it again.</summary>
    public async Task<CommandResult> DismissAsync(Actor actor, Guid candidateId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidate = await db.DuplicateCandidates.SingleOrDefaultAsync(c => c.Id == candidateId, ct);
        if (candidate is null)
        {
            return CommandResult.NotFound("The duplicate suspicion no longer exists.");
        }

        var cards = await db.Cards.AsNoTracking().Where(c => c.Id == candidate.CardAId || c.Id == candidate.CardBId)
            .Select(c => new { c.Id, c.Code, c.OwnerId, c.TeamId }).ToListAsync(ct);
        var (a, b) = (cards.Single(c => c.Id == candidate.CardAId), cards.Single(c => c.Id == candidate.CardBId));
        if (!MergeService.CanMerge(actor, a.OwnerId, a.TeamId, b.OwnerId, b.TeamId))
        {
            return CommandResult.Forbidden("Only a team lead of both cards' team, or an Admin, decides on duplicates.");
        }

        if (candidate.Status != DuplicateStatus.Open)
        {
            return CommandResult.Conflict("Someone already decided on this pair.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        candidate.Decide(DuplicateStatus.Dismissed, actor.StaffId, now);
        AuditLog.Record(db, actor, now, "duplicate.dismissed", "CustomerCard", a.Code, $"{a.Code} and {b.Code} are not the same customer",
            [new FieldChange("Duplicate", b.Code, null)]);
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>True when the card is in an open duplicate suspicion: the "uniqueness" part of the quality score.</summary>
    public async Task<bool> HasOpenSuspicionAsync(Guid cardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OpenSuspicions(db).AnyAsync(id => id == cardId, ct);
    }

    /// <summary>The ids of all cards in an open suspicion, as a query to join in the database (e.g. quality scores for many cards).</summary>
    public static IQueryable<Guid> OpenSuspicions(DashboardDbContext db) =>
        db.DuplicateCandidates.Where(c => c.Status == DuplicateStatus.Open).Select(c => c.CardAId)
            .Concat(db.DuplicateCandidates.Where(c => c.Status == DuplicateStatus.Open).Select(c => c.CardBId));
}
