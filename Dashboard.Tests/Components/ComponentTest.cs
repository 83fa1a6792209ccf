using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Domain;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Components;

/// <summary>
/// Renders the app's components with MudBlazor, loose JS interop, the real domain services over a
/// migrated in-memory SQLite database, and a signed-in demo user (Zhang Wei, Sales, East team).
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    /// <param name="signedInUserId">The demo user the components see as signed in; Zhang Wei (Sales) unless a test needs another role.</param>
    protected ComponentTest(string signedInUserId = "demo-sales")
    {
        SignedInUserId = signedInUserId;
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLogging();
        Context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        // Owned by the container, so the in-memory database goes away with the context.
        Context.Services.AddSingleton(_ => new TestDatabase());
        Context.Services.AddSingleton(sp => sp.GetRequiredService<TestDatabase>().Factory);
        Context.Services.AddDashboardServices();
        Context.Services.Configure<DashboardOptions>(o => o.DefaultPhoneRegion = "CN");
        Context.Services.Configure<DisplayOptions>(o => o.TimeZone = "Asia/Shanghai");
        Context.Services.AddSingleton<ActorResolver>();
        Context.Services.AddScoped<CurrentActor>();

        var user = DemoUsers.Find(SignedInUserId)!;
        Context.AddAuthorization()
            .SetAuthorized(user.DisplayName)
            .SetRoles(user.Role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, user.ExternalId), new Claim(ClaimTypes.Email, user.Email));
    }

    /// <summary>The demo user the components see as signed in.</summary>
    protected string SignedInUserId { get; }

    protected BunitContext Context { get; } = new();

    protected StaffDirectory Staff => Context.Services.GetRequiredService<StaffDirectory>();

    public async Task InitializeAsync() =>
        await Context.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

    public async Task DisposeAsync()
    {
        // MudBlazor's services are async-only disposables, so the context is disposed asynchronously.
        await Context.DisposeAsync();
    }

    /// <summary>The signed-in user as the domain sees them, linked to the same staff row the components resolve.</summary>
    protected Task<Actor> SignedInActorAsync() => Context.Services.ActorAsync(SignedInUserId);

    /// <summary>Creates a card through the domain service, as the UI would, and returns its reference.</summary>
    protected Task<CardRef> CreateCardAsync(Actor owner, CardDraftBuilder draft) => Context.Services.CreateCardAsync(owner, draft);

    protected async Task<int> CardCountAsync()
    {
        await using var db = await Context.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Cards.CountAsync();
    }

    /// <summary>Renders <typeparamref name="TComponent"/> after a popover provider, as MainLayout does, so selects and menus work.</summary>
    protected IRenderedComponent<TComponent> RenderInLayout<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Context.Render<MudPopoverProvider>();
        return Context.Render<TComponent>(parameters ?? (_ => { }));
    }
}
