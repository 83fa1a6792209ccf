using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Access;

/// <summary>A person as the identity provider (or the demo sign-in) describes them at sign-in.</summary>
public sealed record SignInIdentity(string ExternalId, string DisplayName, string? Email, IReadOnlySet<Role> Roles, string? TeamName = null);

/// <summary>
/// Writes sign-ins, sign-outs and refused sign-ins to the audit trail. A successful sign-in also links the identity
/// to its staff member (created on first sign-in), so the entry names the member who signed in.
/// </summary>
public sealed class SignInAudit(IDbContextFactory<DashboardDbContext> dbFactory, StaffDirectory staff, TimeProvider clock)
{
    public const string SignedInAction = "auth.signed-in";
    public const string SignedOutAction = "auth.signed-out";
    public const string RefusedAction = "auth.refused";
    public const string EntityType = "StaffMember";

    /// <summary>Entity id of a refused sign-in whose identity the provider never confirmed.</summary>
    public const string UnknownIdentity = "(unknown)";

    private const int ReasonMaxLength = 200;

    /// <summary>Records a completed sign-in through <paramref name="method"/> (e.g. "Entra ID") and returns the staff member.</summary>
    public async Task<StaffView> RecordSignedInAsync(SignInIdentity identity, string method, string? clientAddress, CancellationToken ct = default)
    {
        var externalId = RequireExternalId(identity.ExternalId);
        var member = await staff.EnsureAsync(externalId, identity.DisplayName, identity.Email, identity.TeamName, ct);
        var roles = identity.Roles.Count == 0 ? "no role" : string.Join(", ", identity.Roles.Order());
        await WriteAsync(member.Id, member.DisplayName, SignedInAction, externalId,
            $"Signed in with {method} as {roles}{From(clientAddress)}",
            [new FieldChange("Roles", null, roles)], ct);
        return member;
    }

    /// <summary>Records that a signed-in person signed out.</summary>
    public async Task RecordSignedOutAsync(SignInIdentity identity, string method, string? clientAddress, CancellationToken ct = default)
    {
        var externalId = RequireExternalId(identity.ExternalId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Staff.AsNoTracking().Where(s => s.ExternalId == externalId).Select(s => new { s.Id, s.DisplayName }).SingleOrDefaultAsync(ct);
        AuditLog.Record(db, new Actor(member?.Id ?? Guid.Empty, member?.DisplayName ?? NameOf(identity.DisplayName, externalId), new HashSet<Role>(), null),
            Now(), SignedOutAction, EntityType, externalId, $"Signed out of {method}{From(clientAddress)}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records a sign-in the app refused: the provider confirmed the person but the app does not let them in (no app role),
    /// or the sign-in failed before anyone was confirmed (<paramref name="identity"/> is null then). No staff record is made.
    /// </summary>
    public async Task RecordRefusedAsync(SignInIdentity? identity, string method, string reason, string? clientAddress, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var externalId = identity is null || string.IsNullOrWhiteSpace(identity.ExternalId) ? UnknownIdentity : RequireExternalId(identity.ExternalId);
        var name = identity is null ? UnknownIdentity : NameOf(identity.DisplayName, externalId);
        var cleanReason = TextNormalizer.Clean(TextInput.Strip(reason)) ?? TextInput.Strip(reason);
        if (cleanReason.Length > ReasonMaxLength)
        {
            cleanReason = cleanReason[..ReasonMaxLength];
        }

        await WriteAsync(Guid.Empty, name, RefusedAction, externalId, $"Sign-in with {method} refused: {cleanReason}{From(clientAddress)}", [], ct);
    }

    private async Task WriteAsync(Guid actorId, string actorName, string action, string entityId, string summary, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, new Actor(actorId, actorName, new HashSet<Role>(), null), Now(), action, EntityType, entityId, summary, changes);
        await db.SaveChangesAsync(ct);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static string RequireExternalId(string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        var id = externalId.Trim();
        if (id.Length > AuditEntry.EntityIdMaxLength || id.Length > StaffMember.ExternalIdMaxLength)
        {
            throw new ArgumentException($"A sign-in identity longer than {AuditEntry.EntityIdMaxLength} characters is not accepted.", nameof(externalId));
        }

        return id;
    }

    private static string NameOf(string? displayName, string externalId)
    {
        var name = TextNormalizer.Clean(TextInput.Strip(displayName)) ?? TextInput.Strip(externalId);
        return name.Length > StaffMember.NameMaxLength ? name[..StaffMember.NameMaxLength] : name;
    }

    private static string From(string? clientAddress) => string.IsNullOrWhiteSpace(clientAddress) ? string.Empty : $" from {clientAddress}";
}
