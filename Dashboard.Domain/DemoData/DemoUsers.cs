using Dashboard.Domain.Access;

namespace Dashboard.Domain.DemoData;

/// <summary>A demo sign-in identity for development: one per role.</summary>
public sealed record DemoUser(string ExternalId, string DisplayName, string Email, Role Role, string? TeamName);

/// <summary>The demo users offered by the local development sign-in, and owners of demo cards.</summary>
public static class DemoUsers
{
    public const string EastTeam = "East Team";
    public const string WestTeam = "West Team";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("demo-sales", "Zhang Wei (Sales)", "zhang.wei@example.com", Role.Sales, EastTeam),
        new("demo-teamlead", "Li Na (Team lead)", "li.na@example.com", Role.TeamLead, EastTeam),
        new("demo-salesmanager", "Olivia Chen (Sales manager)", "olivia.chen@example.com", Role.SalesManager, null),
        new("demo-finance", "Wang Fang (Finance)", "wang.fang@example.com", Role.Finance, null),
        new("demo-admin", "Sam Admin (Admin)", "sam.admin@example.com", Role.Admin, null),
        new("demo-auditor", "Grace Liu (Auditor)", "grace.liu@example.com", Role.Auditor, null),
    ];

    public static DemoUser? Find(string externalId) => All.FirstOrDefault(u => u.ExternalId == externalId);
}
