using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Integration.ApiKeys;

/// <summary>
/// Creates, lists and revokes API keys (Admins only, PRODUCT.md C5 "configure API keys"), and checks a presented key.
/// Creation and revocation are audited in the same save; the secret is returned once and only its hash is stored.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const string CreatedAction = "apikey.created";
    public const string RevokedAction = "apikey.revoked";

    /// <summary>The staff records of keys' own service identities carry this external id prefix.</summary>
    public const string ServiceIdentityPrefix = "apikey:";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static bool CanManage(Actor actor) => CardAccess.CanConfigure(actor);

    public async Task<CommandResult<IssuedApiKey>> CreateAsync(Actor actor, ApiKeyDraft draft, CancellationToken ct = default)
    {
        if (!CanManage(actor))
        {
            return CommandResult<IssuedApiKey>.From(CommandResult.Forbidden("Only an Admin can create API keys."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<FieldError>();
        var name = TextInput.Clean(draft.Name, nameof(ApiKeyDraft.Name), errors);
        if (name is null && errors.Count == 0)
        {
            errors.Add(new(nameof(ApiKeyDraft.Name), "apikey.name-required", "Name the key after the integration that will use it."));
        }
        else if (name?.Length > ApiKey.NameMaxLength)
        {
            errors.Add(new(nameof(ApiKeyDraft.Name), "text.too-long", $"Must be at most {ApiKey.NameMaxLength} characters."));
        }

        if (draft.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(new(nameof(ApiKeyDraft.Role), "apikey.role-required", "Choose the role the key acts with."));
            role = default;
        }

        Team? team = null;
        StaffMember? actsFor = null;
        if (draft.TeamId is not null && draft.ActsForStaffId is not null)
        {
            errors.Add(new(nameof(ApiKeyDraft.ActsForStaffId), "apikey.team-or-staff", "Choose a team for the key's own identity, or a staff member it acts for, not both."));
        }
        else if (draft.ActsForStaffId is { } staffId)
        {
            actsFor = await db.Staff.Include(s => s.Team).SingleOrDefaultAsync(s => s.Id == staffId, ct);
            if (actsFor is null || actsFor.ExternalId.StartsWith(ServiceIdentityPrefix, StringComparison.Ordinal))
            {
                errors.Add(new(nameof(ApiKeyDraft.ActsForStaffId), "apikey.staff-unknown", "Choose a member of staff."));
            }

            team = actsFor?.Team;
        }
        else if (draft.TeamId is { } teamId)
        {
            team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, ct);
            if (team is null)
            {
                errors.Add(new(nameof(ApiKeyDraft.TeamId), "apikey.team-unknown", "Choose one of the teams."));
            }
        }

        if (role is Role.Sales or Role.TeamLead && team is null && !errors.Any(e => e.Field is nameof(ApiKeyDraft.TeamId) or nameof(ApiKeyDraft.ActsForStaffId)))
        {
            errors.Add(new(nameof(ApiKeyDraft.TeamId), "apikey.team-required", "Sales and TeamLead keys need a team (or a staff member in a team): they work on that team's cards."));
        }

        if (draft.ExpiresOn is { } expiresOn && expiresOn <= DateOnly.FromDateTime(now))
        {
            errors.Add(new(nameof(ApiKeyDraft.ExpiresOn), "apikey.expiry-past", "The expiry date must be after today."));
        }

        if (errors.Count > 0)
        {
            return CommandResult<IssuedApiKey>.From(CommandResult.Invalid(errors));
        }

        var (keyId, secret, hash) = ApiKeySecret.Generate();
        var staff = actsFor;
        if (staff is null)
        {
            // The key's own service identity: it owns the cards it creates and is named in the audit trail.
            var identityName = $"{name} (API key)";
            staff = new StaffMember(Guid.NewGuid(), ServiceIdentityPrefix + keyId, identityName[..Math.Min(identityName.Length, StaffMember.NameMaxLength)], null, team?.Id);
            db.Staff.Add(staff);
        }

        var expiresAt = draft.ExpiresOn?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var key = new ApiKey(Guid.NewGuid(), keyId, name!, role, staff.Id, actsFor is not null, hash, now, actor.StaffId, expiresAt);
        db.Set<ApiKey>().Add(key);
        AuditLog.Record(db, actor, now, CreatedAction, nameof(ApiKey), key.DisplayPrefix,
            $"API key {key.DisplayPrefix} \"{name}\" created with role {role}, acting as {staff.DisplayName}{(team is null ? string.Empty : $" in {team.Name}")}",
            [
                new FieldChange(nameof(ApiKey.Name), null, name),
                new FieldChange(nameof(ApiKey.Role), null, role.ToString()),
                new FieldChange("ActsAs", null, staff.DisplayName),
                new FieldChange("Team", null, team?.Name),
                new FieldChange(nameof(ApiKey.ExpiresAt), null, draft.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ]);
        await db.SaveChangesAsync(ct);
        var view = new ApiKeyView(key.Id, key.DisplayPrefix, key.Name, key.Role, staff.DisplayName, team?.Name, key.ActsForStaff,
            key.CreatedAt, actor.DisplayName, key.ExpiresAt, null, null, ApiKeyStatus.Active);
        return new IssuedApiKey(view, secret);
    }

    /// <summary>Every key, newest first, for Admins; nobody else sees them.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!CanManage(actor))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<ApiKey>().AsNoTracking()
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new
            {
                Key = k,
                StaffName = k.Staff!.DisplayName,
                TeamName = k.Staff.Team!.Name,
                CreatedByName = db.Staff.Where(s => s.Id == k.CreatedBy).Select(s => s.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new ApiKeyView(
                r.Key.Id, r.Key.DisplayPrefix, r.Key.Name, r.Key.Role, r.StaffName, r.TeamName, r.Key.ActsForStaff, r.Key.CreatedAt,
                r.CreatedByName ?? "Former staff member", r.Key.ExpiresAt, r.Key.RevokedAt, r.Key.LastUsedAt, StatusOf(r.Key, now)))
            .ToList();
    }

    /// <summary>The teams and people a new key can be tied to (service identities of other keys left out), for Admins.</summary>
    public async Task<ApiKeyChoices> ListChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        if (!CanManage(actor))
        {
            return new ApiKeyChoices([], []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking()
            .Where(s => !s.ExternalId.StartsWith(ServiceIdentityPrefix))
            .OrderBy(s => s.DisplayName)
            .Select(s => new StaffView(s.Id, s.DisplayName, s.TeamId, s.Team!.Name))
            .ToListAsync(ct);
        return new ApiKeyChoices(teams, staff);
    }

    /// <summary>Stops the key working at once. The record stays for the audit trail.</summary>
    public async Task<CommandResult> RevokeAsync(Actor actor, Guid keyId, CancellationToken ct = default)
    {
        if (!CanManage(actor))
        {
            return CommandResult.Forbidden("Only an Admin can revoke API keys.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null)
        {
            return CommandResult.NotFound("The API key does not exist.");
        }

        if (key.RevokedAt is not null)
        {
            return CommandResult.Conflict("This API key was already revoked.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        key.Revoke(actor.StaffId, now);
        AuditLog.Record(db, actor, now, RevokedAction, nameof(ApiKey), key.DisplayPrefix, $"API key {key.DisplayPrefix} \"{key.Name}\" revoked",
            [new FieldChange(nameof(ApiKey.RevokedAt), null, now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z")]);
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>
    /// The key's identity when <paramref name="presented"/> is a known, active key whose secret matches; null otherwise.
    /// The staff member's current team is read now, so moving them to another team applies to the next request.
    /// </summary>
    public async Task<AuthenticatedApiKey?> AuthenticateAsync(string? presented, CancellationToken ct = default)
    {
        if (!ApiKeySecret.TryParse(presented, out var keyId, out var secret))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Set<ApiKey>().AsNoTracking()
            .Where(k => k.KeyId == keyId)
            .Select(k => new { Key = k, StaffName = k.Staff!.DisplayName, k.Staff.TeamId })
            .SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (found is null || !ApiKeySecret.Matches(secret, found.Key.SecretHash) || !found.Key.IsActive(now))
        {
            return null;
        }

        var key = found.Key;
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            // At most one write a minute per key: enough to tell an unused key from a busy one.
            await db.Set<ApiKey>().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new AuthenticatedApiKey(key.Id, key.DisplayPrefix, key.Name, key.Role, key.StaffId, found.StaffName, found.TeamId);
    }

    private static ApiKeyStatus StatusOf(ApiKey key, DateTime now) =>
        key.RevokedAt is not null ? ApiKeyStatus.Revoked : key.IsActive(now) ? ApiKeyStatus.Active : ApiKeyStatus.Expired;
}
