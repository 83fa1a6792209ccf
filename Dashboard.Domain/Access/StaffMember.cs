namespace Dashboard.Domain.Access;

/// <summary>A member of staff who can own cards. Linked to a sign-in identity by <see cref="ExternalId"/>.</summary>
public sealed class StaffMember
{
    public const int NameMaxLength = 200;
    public const int ExternalIdMaxLength = 200;

    private StaffMember()
    {
        ExternalId = string.Empty;
        DisplayName = string.Empty;
    }

    public StaffMember(Guid id, string externalId, string displayName, string? email, Guid? teamId)
    {
        Id = id;
        ExternalId = externalId;
        DisplayName = displayName;
        Email = email;
        TeamId = teamId;
    }

    public Guid Id { get; private set; }

    /// <summary>The identity provider's stable id (Entra object id, or the demo user's id).</summary>
    public string ExternalId { get; private set; }

    public string DisplayName { get; private set; }

    public string? Email { get; private set; }

    public Guid? TeamId { get; private set; }

    public Team? Team { get; private set; }

    internal void Rename(string displayName, string? email)
    {
        DisplayName = displayName;
        Email = email;
    }
}
