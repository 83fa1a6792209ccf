using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Web;

/// <summary>Writes test data into a running app through its own domain services, as a demo user would.</summary>
public static class DemoActors
{
    /// <summary>
    /// The demo user as the domain sees them, linked to the staff row their sign-in resolves to
    /// (created now if they have not signed in yet).
    /// </summary>
    public static async Task<Actor> ActorAsync(this IServiceProvider services, string externalId)
    {
        var user = DemoUsers.Find(externalId) ?? throw new ArgumentException($"No demo user {externalId}.", nameof(externalId));
        var staff = await services.GetRequiredService<StaffDirectory>().EnsureAsync(user.ExternalId, user.DisplayName, user.Email, user.TeamName);
        return new Actor(staff.Id, staff.DisplayName, new HashSet<Role> { user.Role }, staff.TeamId);
    }

    /// <summary>A sales rep of the West team, which no demo user belongs to.</summary>
    public static Task<Actor> WestTeamRepAsync(this IServiceProvider services) =>
        Actors.CreateAsync(services.GetRequiredService<StaffDirectory>(), "Chen Jie", Role.Sales, Actors.WestTeam);

    public static async Task<CardRef> CreateCardAsync(this IServiceProvider services, Actor owner, CardDraftBuilder draft)
    {
        var result = await services.GetRequiredService<CustomerCardService>().CreateAsync(owner, draft.Build());
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }
}
