using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Access;

/// <summary>A staff member as offered in owner pickers and filters.</summary>
public sealed record StaffView(Guid Id, string DisplayName, Guid? TeamId, string? TeamName);

/// <summary>Finds staff members and links sign-in identities to them.</summary>
public sealed class StaffDirectory(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// The staff member for a sign-in identity, created on first sign-in. The team is set only when
    /// the member is created, so that an admin's later reassignment is not undone by the next sign-in.
    /// </summary>
    public async Task<StaffView> EnsureAsync(string externalId, string displayName, string? email, string? teamName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        try
        {
            return await EnsureOnceAsync(externalId, displayName, email, teamName, ct);
        }
        catch (DbUpdateException)
        {
            // Two sign-ins of a new person raced; the other one created the row (or its team). Read what it wrote.
            return await EnsureOnceAsync(externalId, displayName, email, teamName, ct);
        }
    }

    private async Task<StaffView> EnsureOnceAsync(string externalId, string displayName, string? email, string? teamName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.Staff.Include(s => s.Team).SingleOrDefaultAsync(s => s.ExternalId == externalId, ct);
        var name = TextNormalizer.Clean(TextInput.Strip(displayName)) ?? TextInput.Strip(externalId);
        if (staff is null)
        {
            Team? team = null;
            if (TextNormalizer.Clean(TextInput.Strip(teamName)) is { } cleanTeam)
            {
                team = await db.Teams.SingleOrDefaultAsync(t => t.Name == cleanTeam, ct) ?? db.Teams.Add(new Team(Guid.NewGuid(), cleanTeam)).Entity;
            }

            staff = new StaffMember(Guid.NewGuid(), externalId, name, email, team?.Id);
            db.Staff.Add(staff);
            var self = new Actor(staff.Id, name, new HashSet<Role>(), team?.Id);
            AuditLog.Record(db, self, clock.GetUtcNow().UtcDateTime, "staff.linked", "StaffMember", externalId,
                $"First sign-in of {name}; staff record created{(team is null ? string.Empty : $" in {team.Name}")}",
                [new FieldChange("DisplayName", null, name), new FieldChange("Team", null, team?.Name)]);
            await db.SaveChangesAsync(ct);
            return new StaffView(staff.Id, staff.DisplayName, team?.Id, team?.Name);
        }

        if (staff.DisplayName != name || staff.Email != email)
        {
            staff.Rename(name, email);
            await db.SaveChangesAsync(ct);
        }

        return new StaffView(staff.Id, staff.DisplayName, staff.TeamId, staff.Team?.Name);
    }

    /// <summary>Staff the actor may pick as owner or filter by: everyone for all-seeing roles, otherwise self and team.</summary>
    public async Task<IReadOnlyList<StaffView>> ListVisibleAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = db.Staff.AsNoTracking();
        if (!CardAccess.CanViewAllCards(actor))
        {
            var teamId = actor.TeamId;
            var self = actor.StaffId;
            staff = staff.Where(s => s.Id == self || (teamId != null && s.TeamId == teamId));
        }

        return await staff.OrderBy(s => s.DisplayName)
            .Select(s => new StaffView(s.Id, s.DisplayName, s.TeamId, s.Team!.Name))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Of the staff the actor may see, those who own at least one card: what an Owner filter offers (an administrator,
    /// auditor or finance clerk who owns no card would only ever filter to an empty list). One index seek per person.
    /// </summary>
    public async Task<IReadOnlyList<StaffView>> ListCardOwnersAsync(Actor actor, CancellationToken ct = default)
    {
        var visible = await ListVisibleAsync(actor, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owners = new List<StaffView>(visible.Count);
        foreach (var member in visible)
        {
            if (await db.Cards.AnyAsync(c => c.OwnerId == member.Id, ct))
            {
                owners.Add(member);
            }
        }
        return owners;
    }
}
