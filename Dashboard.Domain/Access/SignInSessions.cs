using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Access;

/// <summary>An active session as an Admin sees it.</summary>
public sealed record SignInSessionView(Guid Id, Guid StaffId, string StaffName, string Roles, string Method, string? ClientAddress, DateTime StartedAt, DateTime LastSeenAt);

/// <summary>
/// The server's record of who is signed in (<see cref="SignInSession"/>): started at sign-in, checked on every request
/// and by every open screen, ended by signing out or by an Admin. Ending a session is audited.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const string EndedAction = "auth.session-ended";

    /// <summary>The claim in the sign-in cookie that names the session.</summary>
    public const string SessionClaim = "dashboard_sid";

    public async Task<Guid> StartAsync(Guid staffId, IReadOnlySet<Role> roles, string method, string? clientAddress, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = new SignInSession(staffId, string.Join(", ", roles.Order()), method, TextInput.Strip(clientAddress), clock.GetUtcNow().UtcDateTime);
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Whether the session exists and has not ended; notes the request (at most once a minute).</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Set<SignInSession>().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is not { IsActive: true })
        {
            return false;
        }

        if (session.Touch(clock.GetUtcNow().UtcDateTime))
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request noted it at the same moment; the session is still active.
            }
        }

        return true;
    }

    /// <summary>The person signed out of this session.</summary>
    public async Task EndAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Set<SignInSession>().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        session?.End(null, "signed out", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An Admin ends one session (e.g. after removing the person's role in Entra ID); audited.</summary>
    public Task<CommandResult<int>> EndAsync(Actor admin, Guid sessionId, CancellationToken ct = default) =>
        EndWhereAsync(admin, s => s.Id == sessionId, ct);

    /// <summary>An Admin ends every session of one person; audited. Returns how many were ended.</summary>
    public Task<CommandResult<int>> EndAllOfAsync(Actor admin, Guid staffId, CancellationToken ct = default) =>
        EndWhereAsync(admin, s => s.StaffId == staffId, ct);

    public async Task<IReadOnlyList<SignInSessionView>> ListActiveAsync(Actor admin, CancellationToken ct = default)
    {
        if (!admin.IsIn(Role.Admin))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SignInSession>().AsNoTracking().Where(s => s.EndedAt == null).OrderByDescending(s => s.LastSeenAt)
            .Join(db.Staff, s => s.StaffId, m => m.Id, (s, m) => new SignInSessionView(s.Id, s.StaffId, m.DisplayName, s.Roles, s.Method, s.ClientAddress, s.StartedAt, s.LastSeenAt))
            .ToListAsync(ct);
    }

    private async Task<CommandResult<int>> EndWhereAsync(Actor admin, System.Linq.Expressions.Expression<Func<SignInSession, bool>> which, CancellationToken ct)
    {
        if (!admin.IsIn(Role.Admin))
        {
            return CommandResult<int>.From(CommandResult.Forbidden("Only an Admin can end other people's sessions."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessions = await db.Set<SignInSession>().Where(which).Where(s => s.EndedAt == null).ToListAsync(ct);
        if (sessions.Count == 0)
        {
            return CommandResult<int>.From(CommandResult.NotFound("The session has ended already."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var staffId in sessions.Select(s => s.StaffId).Distinct())
        {
            var member = await db.Staff.AsNoTracking().SingleAsync(m => m.Id == staffId, ct);
            var ended = sessions.Where(s => s.StaffId == staffId).ToList();
            foreach (var session in ended)
            {
                session.End(admin.StaffId, $"ended by {admin.DisplayName}", now);
            }

            AuditLog.Record(db, admin, now, EndedAction, SignInAudit.EntityType, member.ExternalId,
                $"Ended {ended.Count} session{(ended.Count == 1 ? string.Empty : "s")} of {member.DisplayName} ({string.Join("; ", ended.Select(s => s.Roles).Distinct())})");
        }

        await db.SaveChangesAsync(ct);
        return sessions.Count;
    }
}
