using System.Diagnostics;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Dashboards.Projection;

/// <summary>The finding of a consistency check: how many cards were compared and those whose row differs from the tables.</summary>
public sealed record ProjectionCheck(int Cards, IReadOnlyList<string> Drift)
{
    /// <summary>The cards whose row is missing, differs, or has no card.</summary>
    public IReadOnlyList<Guid> DriftedCards { get; init; } = [];

    public bool IsConsistent => Drift.Count == 0;

    public string Describe() => IsConsistent
        ? $"pipeline projection consistent: {Cards:N0} cards"
        : $"pipeline projection DRIFT in {Drift.Count:N0} of {Cards:N0} cards: {string.Join("; ", Drift.Take(20))}{(Drift.Count > 20 ? "; …" : string.Empty)}";
}

/// <summary>Builds the pipeline projection when it is missing, rebuilds it on request, and checks it against the tables.</summary>
public static class PipelineProjectionMaintenance
{
    /// <summary>
    /// At start: builds the projection when the cards have none (the first start after the upgrade that added it, or a
    /// database written by a tool that does not keep it) or rows of another format. Single rows that drifted are the
    /// nightly check's to report and repair.
    /// </summary>
    public static async Task EnsureBuiltAsync(DashboardDbContext db, ILogger logger, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT EXISTS (SELECT 1 FROM "Cards") AND NOT EXISTS (SELECT 1 FROM "CardFacts"),
                       COALESCE((SELECT hex(substr("Facts", 1, 1)) FROM "CardFacts" LIMIT 1), '01')
                """;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                if (!reader.GetBoolean(0) && reader.GetString(1) == CardFactsCodec.Version.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))
                {
                    return;
                }
            }

            var started = Stopwatch.GetTimestamp();
            logger.LogInformation("Building the pipeline projection from the card tables");
            var cards = await CardFactsBuilder.RebuildAllAsync(connection, new Progress<(int Done, int Total)>(p =>
            {
                if (p.Done % 100_000 == 0 || p.Done == p.Total)
                {
                    logger.LogInformation("Pipeline projection: {Done:N0} of {Total:N0} cards", p.Done, p.Total);
                }
            }), ct);
            logger.LogInformation("Built the pipeline projection of {Cards:N0} cards in {Seconds:F1} s", cards, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Compares every card's row with what the tables say now.</summary>
    public static async Task<ProjectionCheck> CheckAsync(IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = connection.BeginTransaction(deferred: true);
        var stored = new Dictionary<Guid, CardFacts>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """SELECT "CardId", "OwnerId", "TeamId", "RegionId", "IndustryId", "Tier", "CreatedTicks", "Merged", "Facts" FROM "CardFacts" """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = PipelineStore.ReadRow(reader);
                stored[row.CardId] = row;
            }
        }

        var ids = new List<Guid>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """SELECT "Id" FROM "Cards" """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        var drift = new List<string>();
        var drifted = new List<Guid>();
        foreach (var chunk in ids.Chunk(5_000))
        {
            var expected = await CardFactsBuilder.ReadAsync(connection, transaction, chunk, ct);
            foreach (var (id, row) in expected)
            {
                if (!stored.Remove(id, out var have))
                {
                    drift.Add($"{id}: no row");
                    drifted.Add(id);
                }
                else if (Describe(have) != Describe(row))
                {
                    drift.Add($"{id}: row differs from the tables");
                    drifted.Add(id);
                }
            }
        }

        drift.AddRange(stored.Keys.Select(id => $"{id}: a row for a card that does not exist"));
        drifted.AddRange(stored.Keys);
        return new ProjectionCheck(ids.Count, drift) { DriftedCards = drifted };
    }

    /// <summary>Writes the rows of the cards a check found drifted again from the tables; returns them.</summary>
    public static async Task<IReadOnlyList<Guid>> RepairAsync(IDbContextFactory<DashboardDbContext> dbFactory, ProjectionCheck check, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await CardFactsBuilder.RefreshAsync(connection, transaction, check.DriftedCards.ToDictionary(id => id, _ => Changes.ProjectionParts.All), ct);
        await transaction.CommitAsync(ct);
        return check.DriftedCards;
    }

    private static string Describe(CardFacts row)
    {
        var (stages, purchases, interactions) = CardFactsCodec.Decode(row.Facts);
        return string.Join('|', row.OwnerId, row.TeamId, row.RegionId, row.IndustryId, row.Tier, row.CreatedTicks, row.Merged,
            string.Join(',', stages.OrderBy(s => s.Ticks).ThenBy(s => s.To)),
            string.Join(',', purchases.OrderBy(p => p.On).ThenBy(p => p.AmountMinor).ThenBy(p => p.Currency, StringComparer.Ordinal)),
            string.Join(',', interactions.Order()));
    }
}
