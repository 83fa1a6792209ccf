using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>A call through EF beside the same SQL replayed directly.</summary>
internal sealed record Comparison(Timing Ef, Timing Direct, Timing[] Parts, IReadOnlyList<CapturedCommand> Commands, int[] Rows)
{
    /// <summary>EF's median over the direct SQL's median.</summary>
    public string Ratio => (Ef.Median / Direct.Median).ToString("F2", CultureInfo.InvariantCulture) + "x";
}

/// <summary>An open benchmark database: its services, the people who query it, and how to time calls.</summary>
internal sealed class BenchmarkSession
{
    private BenchmarkSession(BenchmarkHost host, MeasureSettings settings, TextWriter output, TextWriter progress, string connectionString)
    {
        Host = host;
        Settings = settings;
        Output = output;
        Progress = progress;
        ConnectionString = connectionString;
    }

    public BenchmarkHost Host { get; }

    public MeasureSettings Settings { get; }

    public TextWriter Output { get; }

    public TextWriter Progress { get; }

    public string ConnectionString { get; }

    /// <summary>The demo sales manager: sees every card (contacts masked).</summary>
    public Actor Manager { get; private init; } = null!;

    /// <summary>The demo Sales user in the East team: sees own and team cards only.</summary>
    public Actor SalesRep { get; private init; } = null!;

    public TimeZoneInfo TimeZone { get; private init; } = null!;

    public DateOnly Today { get; private init; }

    public int Cards { get; private init; }

    /// <summary>Runs only the scenarios whose name contains this text (all when null): a slow size can be measured in parts.</summary>
    public string? Only { get; set; }

    /// <summary>Also time the grouped SQL the pipeline figures were computed with before the projection.</summary>
    public bool WithSql { get; set; }

    public bool Includes(string scenario) => Only is null || scenario.Contains(Only, StringComparison.OrdinalIgnoreCase);

    /// <summary>Print each captured command with SQLite's query plan.</summary>
    public bool ShowSql { get; private init; }

    public static async Task<BenchmarkSession> OpenAsync(
        BenchmarkHost host, MeasureSettings settings, TimeZoneInfo timeZone, bool showSql, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // The file is prepared exactly as the application prepares it on every start: pending migrations, then the query
        // planner's statistics (PRAGMA optimize). A freshly generated file has none for its bulk-written tables, and
        // without them SQLite picks plans the running application never uses.
        await using (var db = await host.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                await progress.WriteLineAsync($"Applying {string.Join(", ", pending)} ...");
            }
        }

        await host.Get<DatabaseInitializer>().InitializeAsync(ct);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Prepared the database as the app does on start (migrations, planner statistics) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s."));

        await using var context = await host.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
        var cards = await context.Cards.CountAsync(ct);
        host.Recorder.Echo = showSql ? progress : null;
        if (cards == 0)
        {
            throw new UsageException($"{host.DatabasePath} holds no cards; fill it with the generate command first.");
        }

        var manager = await StaffActorAsync(context, "demo-salesmanager", Role.SalesManager, ct);
        var salesRep = await StaffActorAsync(context, "demo-sales", Role.Sales, ct);
        return new BenchmarkSession(host, settings, output, progress, await host.ConnectionStringAsync(ct))
        {
            Manager = manager,
            SalesRep = salesRep,
            TimeZone = timeZone,
            Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, timeZone)),
            Cards = cards,
            ShowSql = showSql,
        };
    }

    /// <summary>
    /// Captures the SQL of one call, then times the call through EF and the captured commands replayed on a
    /// raw connection, one after the other (never in parallel).
    /// </summary>
    public async Task<Comparison> CompareAsync(string scenario, Func<CancellationToken, Task> call, CancellationToken ct)
    {
        await Progress.WriteLineAsync($"  {scenario}");
        Host.Recorder.Start();
        IReadOnlyList<CapturedCommand> commands;
        try
        {
            await call(ct);
        }
        finally
        {
            commands = Host.Recorder.Stop();
        }

        if (ShowSql)
        {
            WriteSql(scenario, commands);
        }

        var ef = await Settings.TimeAsync(call, ct);
        var replay = new DirectSqlReplay(ConnectionString, commands);
        var (direct, parts) = Settings.TimeParts(replay.RunOnce, ct);
        var rows = replay.RowCounts();

        return new Comparison(ef, direct, parts, commands, rows);
    }

    /// <summary>Adds the EF row, the direct row and (optionally) a row per command to a report.</summary>
    public static void Report(ReportTable table, string scenario, Comparison comparison, string note, bool parts)
    {
        table.Add(scenario, comparison.Ef, comparison.Ratio, note);
        table.Add("  same SQL, direct", comparison.Direct, note: $"{comparison.Commands.Count} commands");
        if (!parts)
        {
            return;
        }

        var directMedian = comparison.Direct.Median;
        for (var i = 0; i < comparison.Commands.Count; i++)
        {
            var share = comparison.Parts[i].Median / directMedian;
            var command = comparison.Commands[i];
            var counts = command.Sql.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal) ? " (count)" : string.Empty;
            table.Add($"    {command.Label}{counts}", comparison.Parts[i], note: $"{comparison.Rows[i]:N0} rows, {share:P0} of direct");
        }
    }

    public string Environment() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Host.DatabasePath}: {Cards:N0} cards, {new FileInfo(Host.DatabasePath).Length / 1_048_576.0:N0} MB; SQLite {SqliteVersion()}; " +
            $".NET {System.Environment.Version}, {System.Environment.ProcessorCount} cores, load {LoadAverage()}; " +
            $"{Settings.Warmup} warm-up + {Settings.Runs} measured runs per scenario; {BuildConfiguration}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");

#if DEBUG
    private const string BuildConfiguration = "DEBUG BUILD (use -c Release)";
#else
    private const string BuildConfiguration = "Release build";
#endif

    private static async Task<Actor> StaffActorAsync(DashboardDbContext db, string externalId, Role role, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.ExternalId == externalId, ct)
            ?? throw new UsageException($"The database has no staff member \"{externalId}\"; generate it with the generate command.");
        return new Actor(staff.Id, staff.DisplayName, new HashSet<Role> { role }, staff.TeamId);
    }

    private string SqliteVersion()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection.ServerVersion;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private void WriteSql(string scenario, IReadOnlyList<CapturedCommand> commands)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Output.WriteLine();
        Output.WriteLine($"SQL of \"{scenario}\":");
        foreach (var captured in commands)
        {
            Output.WriteLine($"-- {captured.Label}; {string.Join(", ", captured.Parameters)}");
            Output.WriteLine(captured.Sql);
            Output.Flush();
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // EF's own SQL, with its parameters.
            command.CommandText = "EXPLAIN QUERY PLAN " + captured.Sql;
#pragma warning restore CA2100
            foreach (var parameter in captured.Parameters)
            {
                command.Parameters.Add(new SqliteParameter(parameter.Name, parameter.Type) { Value = parameter.Value ?? DBNull.Value });
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Output.WriteLine($"--   plan: {reader.GetString(3)}");
            }
        }
    }
}
