using Dashboard.Domain;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Import;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Security;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Audit;

/// <summary>
/// The domain services over a database file (WAL, a connection per context, as the application runs) with a key ring
/// of its own in a temporary folder, so that writers really run side by side and keys never leak between tests.
/// </summary>
internal sealed class AuditChainDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AuditChainDatabase(string folder, string connectionString, KeyRing keyRing, FakeClock clock, ServiceProvider provider)
    {
        Folder = folder;
        ConnectionString = connectionString;
        KeyRing = keyRing;
        Clock = clock;
        _provider = provider;
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public KeyRing KeyRing { get; }

    public FakeClock Clock { get; }

    public Actors Actors { get; private set; } = null!;

    public IServiceProvider Services => _provider;

    public IDbContextFactory<DashboardDbContext> Factory => _provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    public AuditChainVerifier Verifier => _provider.GetRequiredService<AuditChainVerifier>();

    public AuditAnchorStore Anchors => _provider.GetRequiredService<AuditAnchorStore>();

    /// <summary>A verifier reading keys (and the anchors' keys) from another key ring.</summary>
    public AuditChainVerifier VerifierWith(KeyRing keyRing) =>
        new(Factory, keyRing, new AuditAnchorStore(Options.Create(new AuditAnchorOptions { Path = Anchors.FilePath }), keyRing, Factory, Clock), Clock);

    public CustomerCardService Cards => _provider.GetRequiredService<CustomerCardService>();

    public static async Task<AuditChainDatabase> CreateAsync(bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"audit-chain-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var keyRing = new KeyRing(Path.Combine(folder, "keys"));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "dashboard.db"), ForeignKeys = true, DefaultTimeout = 30, Pooling = false }.ToString();
        var clock = new FakeClock();
        var interceptor = new AuditChainInterceptor(keyRing);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(keyRing)
            .AddSingleton(interceptor)
            .AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(interceptor))
            .AddDashboardServices();
        var database = new AuditChainDatabase(folder, connectionString, keyRing, clock, services.BuildServiceProvider());
        if (migrate)
        {
            await database.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            database.Actors = await Actors.CreateAsync(database.Services.GetRequiredService<StaffDirectory>());
        }

        return database;
    }

    /// <summary>Creates a card as <paramref name="actor"/> (one audit entry), which must succeed.</summary>
    public async Task<CardRef> CreateCardAsync(Actor actor, string name)
    {
        var result = await Cards.CreateAsync(actor, CardDraftBuilder.Individual(name).Build());
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    /// <summary>Opens the card as <paramref name="actor"/>, changes it and saves (one audit entry); retried when a colleague saved first.</summary>
    public async Task EditCardAsync(Actor actor, Guid cardId, Action<CardDraft> change)
    {
        var queries = _provider.GetRequiredService<CustomerCardQueries>();
        var details = await queries.GetAsync(actor, cardId);
        Assert.True(details.Succeeded, TestDashboard.Describe(details));
        var draft = details.Value!.ToDraft();
        change(draft);
        var result = await Cards.UpdateAsync(actor, cardId, details.Value.DetailsVersion, draft);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    /// <summary>Imports the CSV through the wizard's workflow, writing new cards in bulk (raw prepared inserts) from 10 rows on.</summary>
    public async Task<ImportReport> ImportInBulkAsync(string csv)
    {
        var workflow = new ImportWorkflow(Factory, Clock, _provider.GetRequiredService<Dashboard.Domain.Changes.CardChangeNotifier>(),
            Options.Create(new DashboardOptions()), Options.Create(new ImportOptions { BulkThreshold = 10 }), NullLogger<ImportWorkflow>.Instance);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        var result = await workflow.ImportFileAsync(Actors.TeamLeadEast, stream, "bulk.csv", new ImportRequest());
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    /// <summary>
    /// Adds an audit entry with raw SQL on the application's connection (so it is sealed by the trigger) but around
    /// the save-time text guard: how a database written by an earlier version, or by a path that forgot its checks,
    /// comes to hold any text.
    /// </summary>
    public async Task InsertAuditEntryAsync(string actorName, string entityId, string summary, string? changesJson = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"INSERT INTO AuditTrail (At, ActorId, ActorName, Action, EntityType, EntityId, Summary, ChangesJson) VALUES ({Clock.GetUtcNow().UtcDateTime}, {Guid.Empty}, {actorName}, 'test.inserted', 'CustomerCard', {entityId}, {summary}, {changesJson})");
    }

    /// <summary>Runs SQL on a plain connection, as someone with the database file and no application would.</summary>
    public async Task ExecuteAsAttackerAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned up eventually.
        }
    }
}
