using Dashboard.Domain.Access;

namespace Dashboard.Tests.Support;

/// <summary>
/// One signed-in person per role, each with a staff row (cards need an existing owner).
/// East and West are two sales teams; the other roles belong to no team.
/// </summary>
public sealed class Actors
{
    public const string EastTeam = "East Team";
    public const string WestTeam = "West Team";

    private Actors()
    {
    }

    /// <summary>Sales rep in the East team.</summary>
    public Actor SalesEast { get; private init; } = null!;

    /// <summary>A second Sales rep in the East team.</summary>
    public Actor SalesEastColleague { get; private init; } = null!;

    public Actor TeamLeadEast { get; private init; } = null!;

    /// <summary>Sales rep in the West team.</summary>
    public Actor SalesWest { get; private init; } = null!;

    public Actor TeamLeadWest { get; private init; } = null!;

    public Actor SalesManager { get; private init; } = null!;

    public Actor Finance { get; private init; } = null!;

    public Actor Admin { get; private init; } = null!;

    public Actor Auditor { get; private init; } = null!;

    public static async Task<Actors> CreateAsync(StaffDirectory directory) => new()
    {
        SalesEast = await CreateAsync(directory, "Zhang Wei", Role.Sales, EastTeam),
        SalesEastColleague = await CreateAsync(directory, "Zhao Min", Role.Sales, EastTeam),
        TeamLeadEast = await CreateAsync(directory, "Li Na", Role.TeamLead, EastTeam),
        SalesWest = await CreateAsync(directory, "Chen Jie", Role.Sales, WestTeam),
        TeamLeadWest = await CreateAsync(directory, "Huang Lei", Role.TeamLead, WestTeam),
        SalesManager = await CreateAsync(directory, "Olivia Chen", Role.SalesManager, null),
        Finance = await CreateAsync(directory, "Wang Fang", Role.Finance, null),
        Admin = await CreateAsync(directory, "Sam Admin", Role.Admin, null),
        Auditor = await CreateAsync(directory, "Grace Liu", Role.Auditor, null),
    };

    /// <summary>Creates the staff member (and team) through the sign-in path and returns them as an actor.</summary>
    public static async Task<Actor> CreateAsync(StaffDirectory directory, string displayName, Role role, string? teamName)
    {
        var externalId = "test-" + displayName.Replace(' ', '-').ToLowerInvariant();
        var staff = await directory.EnsureAsync(externalId, displayName, externalId + "@example.com", teamName);
        return new Actor(staff.Id, staff.DisplayName, new HashSet<Role> { role }, staff.TeamId);
    }
}
