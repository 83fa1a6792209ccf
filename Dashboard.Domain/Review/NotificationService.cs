using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Review;

/// <summary>Reads and marks read a staff member's in-app notifications; only ever their own.</summary>
public sealed class NotificationService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const int ShownCount = 20;

    /// <summary>The latest notifications, newest first.</summary>
    public async Task<IReadOnlyList<NotificationView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = actor.StaffId;
        var rows = await db.Set<Notification>().AsNoTracking().Where(n => n.RecipientId == me)
            .OrderByDescending(n => n.CreatedAt).Take(ShownCount).ToListAsync(ct);
        return rows.Select(n => new NotificationView(n.Id, n.TextKey, n.Args, n.Link, n.CreatedAt, n.ReadAt is not null)).ToList();
    }

    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = actor.StaffId;
        return await db.Set<Notification>().CountAsync(n => n.RecipientId == me && n.ReadAt == null, ct);
    }

    /// <summary>Marks every unread notification of the actor read (the bell was opened).</summary>
    public async Task MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = actor.StaffId;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var notification in await db.Set<Notification>().Where(n => n.RecipientId == me && n.ReadAt == null).ToListAsync(ct))
        {
            notification.MarkRead(now);
        }

        await db.SaveChangesAsync(ct);
    }
}
