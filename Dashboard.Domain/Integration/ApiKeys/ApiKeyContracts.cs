using Dashboard.Domain.Access;

namespace Dashboard.Domain.Integration.ApiKeys;

/// <summary>
/// A new key as an Admin fills it in: a name, a role, and either a team (the key gets its own service identity in
/// it) or a staff member the key acts for. Sales and TeamLead keys need a team, since their cards are the team's.
/// </summary>
public sealed class ApiKeyDraft
{
    public string? Name { get; set; }

    public Role? Role { get; set; }

    public Guid? TeamId { get; set; }

    public Guid? ActsForStaffId { get; set; }

    /// <summary>The key is refused from the start of this day (UTC). Null: it does not expire.</summary>
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>Whether a key is accepted now.</summary>
public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>A key as the Admin page lists it: never its secret.</summary>
public sealed record ApiKeyView(
    Guid Id,
    string Prefix,
    string Name,
    Role Role,
    string StaffName,
    string? TeamName,
    bool ActsForStaff,
    DateTime CreatedAt,
    string CreatedByName,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    DateTime? LastUsedAt,
    ApiKeyStatus Status);

/// <summary>A key just created. <see cref="Key"/> is the whole key, returned this once and never stored.</summary>
public sealed record IssuedApiKey(ApiKeyView View, string Key);

/// <summary>A key accepted by <see cref="ApiKeyService.AuthenticateAsync"/>: who it acts as, with which role.</summary>
public sealed record AuthenticatedApiKey(Guid KeyId, string Prefix, string Name, Role Role, Guid StaffId, string StaffName, Guid? TeamId)
{
    /// <summary>The domain actor the key's requests run as.</summary>
    public Actor ToActor() => new(StaffId, StaffName, new HashSet<Role> { Role }, TeamId);
}

/// <summary>A team a key can work in.</summary>
public sealed record TeamChoice(Guid Id, string Name);

/// <summary>What the Admin page offers when a key is created.</summary>
public sealed record ApiKeyChoices(IReadOnlyList<TeamChoice> Teams, IReadOnlyList<StaffView> Staff);
