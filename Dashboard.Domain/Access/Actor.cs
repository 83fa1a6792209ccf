namespace Dashboard.Domain.Access;

/// <summary>The signed-in person on whose behalf a command or query runs.</summary>
public sealed record Actor(Guid StaffId, string DisplayName, IReadOnlySet<Role> Roles, Guid? TeamId)
{
    /// <summary>The demo generator and migrations write as this actor; it holds no role.</summary>
    public static Actor System { get; } = new(Guid.Empty, "System", new HashSet<Role>(), null);

    public bool IsIn(Role role) => Roles.Contains(role);

    public bool IsInAny(params Role[] roles) => roles.Any(Roles.Contains);
}
