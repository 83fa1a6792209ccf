using Dashboard.Domain.Access;

namespace Dashboard.Domain.Integration.ApiKeys;

/// <summary>
/// A scoped key with which a service integration calls the REST API. It acts as a staff member (its own service
/// identity, or a person it acts for) with one role, so the same permission rules apply as to a signed-in user.
/// Only a hash of the secret is kept; the key itself is shown once, when it is created.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;

    private ApiKey()
    {
        KeyId = string.Empty;
        Name = string.Empty;
        SecretHash = [];
    }

    internal ApiKey(Guid id, string keyId, string name, Role role, Guid staffId, bool actsForStaff, byte[] secretHash, DateTime createdAt, Guid createdBy, DateTime? expiresAt)
    {
        Id = id;
        KeyId = keyId;
        Name = name;
        Role = role;
        StaffId = staffId;
        ActsForStaff = actsForStaff;
        SecretHash = secretHash;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The public part of the key (<c>ccd_{KeyId}_…</c>), by which a presented key is looked up.</summary>
    public string KeyId { get; private set; }

    /// <summary>What the key is for, e.g. the integration's name.</summary>
    public string Name { get; private set; }

    public Role Role { get; private set; }

    /// <summary>The staff member the key acts as; audit entries name them.</summary>
    public Guid StaffId { get; private set; }

    public StaffMember? Staff { get; private set; }

    /// <summary>True when the key acts for an existing person rather than its own service identity.</summary>
    public bool ActsForStaff { get; private set; }

    /// <summary>SHA-256 of the secret part of the key.</summary>
    public byte[] SecretHash { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid CreatedBy { get; private set; }

    /// <summary>UTC; the key is refused from then on. Null: it does not expire.</summary>
    public DateTime? ExpiresAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }

    public Guid? RevokedBy { get; private set; }

    /// <summary>When the key was last accepted, to the minute.</summary>
    public DateTime? LastUsedAt { get; private set; }

    /// <summary>The first part of the key, safe to show in lists and logs.</summary>
    public string DisplayPrefix => ApiKeySecret.DisplayPrefix(KeyId);

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    internal void Revoke(Guid actorId, DateTime now)
    {
        RevokedAt = now;
        RevokedBy = actorId;
    }
}
