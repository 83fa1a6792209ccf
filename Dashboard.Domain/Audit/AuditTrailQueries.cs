using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Audit;

/// <summary>An audit entry as shown to auditors.</summary>
public sealed record AuditEntryView(long Id, DateTime At, string ActorName, string Action, string EntityType, string EntityId, string? Summary, IReadOnlyList<FieldChange> Changes);

/// <summary>Which audit entries to show: actor name (part of it), action, record id, and a UTC time range [From, To).</summary>
public sealed record AuditTrailFilter(string? Actor = null, string? Action = null, string? EntityId = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

/// <summary>Reads the audit trail for roles allowed to (Auditor, Admin; TeamLead for their team's cards).</summary>
public sealed class AuditTrailQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public Task<CommandResult<PagedResult<AuditEntryView>>> ListAsync(Actor actor, string? entityId, int page, int pageSize, CancellationToken ct = default) =>
        SearchAsync(actor, new AuditTrailFilter(EntityId: entityId), page, pageSize, ct);

    /// <summary>One page of the entries matching <paramref name="filter"/>, newest first.</summary>
    public async Task<CommandResult<PagedResult<AuditEntryView>>> SearchAsync(Actor actor, AuditTrailFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        if (!CardAccess.CanReadAudit(actor))
        {
            return CommandResult<PagedResult<AuditEntryView>>.From(CommandResult.Forbidden("Your role cannot read the audit trail."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filtered(Visible(db, actor), filter);
        var total = await entries.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 200);
        var rows = await entries.OrderByDescending(e => e.Id).Skip(Math.Max(page, 0) * size).Take(size).ToListAsync(ct);
        // Admins see contact details masked and Auditors not at all (PRODUCT.md C5); a team lead reads only the team's
        // cards, whose details the team sees in full.
        var mask = actor.IsInAny(Role.Admin, Role.Auditor);
        var views = rows.Select(e => new AuditEntryView(e.Id, e.At, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Summary,
            mask ? AuditMasking.Mask(e.Changes) : e.Changes)).ToList();
        return new PagedResult<AuditEntryView>(views, total);
    }

    /// <summary>The actions that occur in the entries the actor may read, for the action filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!CardAccess.CanReadAudit(actor))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible(db, actor).Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    private static IQueryable<AuditEntry> Visible(DashboardDbContext db, Actor actor)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!actor.IsInAny(Role.Admin, Role.Auditor))
        {
            // A team lead sees the trail of the team's cards only.
            var teamCodes = db.Cards.Where(CardAccess.VisibleCards(actor)).Select(c => c.Code);
            entries = entries.Where(e => e.EntityType == "CustomerCard" && teamCodes.Contains(e.EntityId));
        }

        return entries;
    }

    private static IQueryable<AuditEntry> Filtered(IQueryable<AuditEntry> entries, AuditTrailFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            var id = filter.EntityId.Trim();
            entries = entries.Where(e => e.EntityId == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var pattern = "%" + filter.Actor.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            entries = entries.Where(e => EF.Functions.Like(e.ActorName, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            entries = entries.Where(e => e.Action == action);
        }

        if (filter.FromUtc is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (filter.ToUtc is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        return entries;
    }
}
