using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;

namespace Dashboard.Domain.Audit;

/// <summary>Adds audit entries to the same unit of work as the change they describe, so both commit or neither.</summary>
internal static class AuditLog
{
    public static void Record(DashboardDbContext db, Actor actor, DateTime at, string action, string entityType, string entityId, string? summary, IReadOnlyList<FieldChange>? changes = null) =>
        db.AuditEntries.Add(new AuditEntry(at, actor.StaffId, actor.DisplayName, action, entityType, entityId, summary, changes ?? []));
}
