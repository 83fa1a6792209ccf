using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Audit;

/// <summary>An audit entry as shown to auditors.</summary>
public sealed record AuditEntryView(long Id, DateTime At, string ActorName, string Action, string EntityType, string EntityId, string? Summary, IReadOnlyList<FieldChange> Changes);

/// <summary>Reads the audit trail for roles allowed to (Auditor, Admin; TeamLead for their team's cards).</summary>
public sealed class AuditTrailQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<CommandResult<PagedResult<AuditEntryView>>> ListAsync(Actor actor, string? entityId, int page, int pageSize, CancellationToken ct = default)
    {
        if (!CardAccess.CanReadAudit(actor))
        {
            return CommandResult<PagedResult<AuditEntryView>>.From(CommandResult.Forbidden("Your role cannot read the audit trail."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!actor.IsInAny(Role.Admin, Role.Auditor))
        {
            // A team lead sees the trail of the team's cards only.
            var teamCodes = db.Cards.Where(CardAccess.VisibleCards(actor)).Select(c => c.Code);
            entries = entries.Where(e => e.EntityType == "CustomerCard" && teamCodes.Contains(e.EntityId));
        }

        if (!string.IsNullOrWhiteSpace(entityId))
        {
            var id = entityId.Trim();
            entries = entries.Where(e => e.EntityId == id);
        }

        var total = await entries.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 200);
        var rows = await entries.OrderByDescending(e => e.Id).Skip(Math.Max(page, 0) * size).Take(size).ToListAsync(ct);
        var views = rows.Select(e => new AuditEntryView(e.Id, e.At, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Summary, e.Changes)).ToList();
        return new PagedResult<AuditEntryView>(views, total);
    }
}
