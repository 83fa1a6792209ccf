using Dashboard.Domain;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The domain services wired as the application wires them, over a migrated, seeded in-memory
/// database, with a hand-moved clock and one signed-in person per role.
/// </summary>
public sealed class TestDashboard : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TestDashboard(TestDatabase database, FakeClock clock, ServiceProvider provider, Actors actors)
    {
        Database = database;
        Clock = clock;
        _provider = provider;
        Actors = actors;
    }

    public TestDatabase Database { get; }

    public FakeClock Clock { get; }

    public Actors Actors { get; }

    /// <summary>Every registered service, for services without a shortcut here.</summary>
    public IServiceProvider Services => _provider;

    public CustomerCardService Cards => _provider.GetRequiredService<CustomerCardService>();

    public CustomerCardQueries Queries => _provider.GetRequiredService<CustomerCardQueries>();

    public ReferenceDataService ReferenceData => _provider.GetRequiredService<ReferenceDataService>();

    public CustomFieldService CustomFields => _provider.GetRequiredService<CustomFieldService>();

    public AuditTrailQueries Audit => _provider.GetRequiredService<AuditTrailQueries>();

    public StaffDirectory Staff => _provider.GetRequiredService<StaffDirectory>();

    public CardChangeNotifier Notifier => _provider.GetRequiredService<CardChangeNotifier>();

    public static async Task<TestDashboard> StartAsync(string defaultPhoneRegion = "CN", Action<IServiceCollection>? configure = null)
    {
        var database = new TestDatabase();
        var clock = new FakeClock();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(database.Factory)
            .AddDashboardServices();
        services.Configure<DashboardOptions>(o => o.DefaultPhoneRegion = defaultPhoneRegion);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var actors = await Actors.CreateAsync(provider.GetRequiredService<StaffDirectory>());
        return new TestDashboard(database, clock, provider, actors);
    }

    /// <summary>The id of a seeded (or admin-added) list entry, by name.</summary>
    public async Task<int> ListItemIdAsync(ListKind kind, string name)
    {
        var items = await ReferenceData.GetListAsync(kind, includeRetired: true);
        return items.Single(i => i.Name == name).Id;
    }

    public async Task<int> TagIdAsync(string name)
    {
        var tags = await ReferenceData.GetTagsAsync(includeRetired: true);
        return tags.Single(t => t.Name == name).Id;
    }

    /// <summary>Creates a card that must be valid; the clock moves on a minute first.</summary>
    public async Task<CardRef> CreateCardAsync(Actor actor, CardDraftBuilder? draft = null)
    {
        Clock.Tick();
        var result = await Cards.CreateAsync(actor, (draft ?? CardDraftBuilder.Individual()).Build());
        Assert.True(result.Succeeded, Describe(result));
        return result.Value!;
    }

    /// <summary>Reads a card the actor must be allowed to see.</summary>
    public async Task<CardDetails> GetCardAsync(Actor actor, Guid cardId)
    {
        var result = await Queries.GetAsync(actor, cardId);
        Assert.True(result.Succeeded, Describe(result));
        return result.Value!;
    }

    /// <summary>
    /// Opens the edit form as <paramref name="openedBy"/> (default: the editor), applies the change
    /// and saves as <paramref name="editor"/> against the version that was opened.
    /// </summary>
    public async Task<CommandResult<int>> EditAsync(Actor editor, Guid cardId, Action<CardDraft> change, Actor? openedBy = null)
    {
        var details = await GetCardAsync(openedBy ?? editor, cardId);
        var draft = details.ToDraft();
        change(draft);
        Clock.Tick();
        return await Cards.UpdateAsync(editor, cardId, details.DetailsVersion, draft);
    }

    /// <summary>
    /// The audit trail as stored, newest first: the values the services recorded. (Auditors read them with phones,
    /// e-mails and addresses masked; AuditMaskingTests covers that view.)
    /// </summary>
    public async Task<IReadOnlyList<AuditEntryView>> AuditTrailAsync(string? entityId = null)
    {
        await using var db = Database.CreateContext();
        var entries = db.AuditEntries.AsNoTracking();
        if (entityId is not null)
        {
            entries = entries.Where(e => e.EntityId == entityId);
        }

        var rows = await entries.OrderByDescending(e => e.Id).Take(200).ToListAsync();
        return [.. rows.Select(e => new AuditEntryView(e.Id, e.At, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Summary, e.Changes))];
    }

    /// <summary>Counts rows straight from the database, to prove that nothing was written.</summary>
    public async Task<int> CountAsync<T>(Func<DashboardDbContext, IQueryable<T>> rows)
    {
        await using var db = Database.CreateContext();
        return await rows(db).CountAsync();
    }

    public static string Describe(CommandResult result) =>
        $"{result.Status}: {result.Message} {string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Code} {e.Message}"))}";

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Database.Dispose();
    }
}
