using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Microsoft.Data.Sqlite;

namespace Dashboard.Domain.Dashboards.Projection;

/// <summary>
/// Writes <see cref="CardFacts"/> rows from the card tables, on the caller's connection and transaction, so that the
/// projection commits with the change it describes. A card whose dimensions or tier changed gets those columns
/// updated; any other change reads the card's history again (a few indexed reads of one card).
/// </summary>
public static class CardFactsBuilder
{
    private const int Batch = 2_000;

    /// <summary>Brings the rows of <paramref name="cards"/> up to date with the tables, each for the parts that changed.</summary>
    public static async Task RefreshAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyDictionary<Guid, ProjectionParts> cards, CancellationToken ct = default)
    {
        var full = cards.Where(c => (c.Value & (ProjectionParts.Stages | ProjectionParts.Purchases | ProjectionParts.Interactions)) != 0).Select(c => c.Key).ToList();
        foreach (var chunk in full.Chunk(Batch))
        {
            await WriteAsync(connection, transaction, await ReadAsync(connection, transaction, chunk, ct), chunk, ct);
        }

        var columnsOnly = cards.Where(c => c.Value != ProjectionParts.None && !full.Contains(c.Key)).Select(c => c.Key).ToList();
        foreach (var chunk in columnsOnly.Chunk(Batch))
        {
            // Dimensions and tier: the columns alone, from the card row (a card without a row yet gets it whole).
            await using var update = Command(connection, transaction, """
                UPDATE "CardFacts" SET "OwnerId" = c."OwnerId", "TeamId" = c."TeamId", "RegionId" = c."RegionId", "IndustryId" = c."IndustryId",
                    "Tier" = c."Tier", "Merged" = c."MergedIntoId" IS NOT NULL
                FROM "Cards" AS c
                WHERE c."Id" = "CardFacts"."CardId" AND "CardFacts"."CardId" IN (SELECT value FROM json_each($ids))
                """, chunk);
            var updated = await update.ExecuteNonQueryAsync(ct);
            if (updated < chunk.Length)
            {
                var missing = await MissingAsync(connection, transaction, chunk, ct);
                await WriteAsync(connection, transaction, await ReadAsync(connection, transaction, missing, ct), missing, ct);
            }
        }
    }

    /// <summary>The row of a card whose history is all in memory (a card being created, by the import or the demo data).</summary>
    public static CardFacts From(Customers.CustomerCard card) => new()
    {
        CardId = card.Id,
        OwnerId = card.OwnerId,
        TeamId = card.TeamId,
        RegionId = card.RegionId,
        IndustryId = card.IndustryId,
        Tier = card.Tier,
        CreatedTicks = card.CreatedAt.Ticks,
        Merged = card.MergedIntoId is not null,
        Facts = CardFactsCodec.Encode(
            [.. card.StageHistory.Select(t => new StageFact(t.At.Ticks, t.From, t.To))],
            [.. card.Purchases.Select(p => new PurchaseFact(p.PurchasedOn, p.AmountMinor, p.Currency))],
            [.. card.Interactions.Select(i => i.OccurredAt.Ticks)]),
    };

    /// <summary>Makes every row again from the tables, in batches of cards; returns how many cards have a row.</summary>
    public static async Task<int> RebuildAllAsync(SqliteConnection connection, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        var ids = new List<Guid>();
        await using (var all = Command(connection, null, """SELECT "Id" FROM "Cards" ORDER BY "Number" """, null))
        await using (var reader = await all.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        await using (var clear = Command(connection, null, """DELETE FROM "CardFacts" """, null))
        {
            await clear.ExecuteNonQueryAsync(ct);
        }

        var done = 0;
        foreach (var chunk in ids.Chunk(10_000))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await WriteAsync(connection, transaction, await ReadAsync(connection, transaction, chunk, ct), chunk, ct);
            await transaction.CommitAsync(ct);
            done += chunk.Length;
            progress?.Report((done, ids.Count));
        }

        return ids.Count;
    }

    /// <summary>The rows <paramref name="cards"/> should have according to the tables (null for a card that does not exist).</summary>
    public static async Task<Dictionary<Guid, CardFacts>> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyCollection<Guid> cards, CancellationToken ct = default)
    {
        var rows = new Dictionary<Guid, CardFacts>(cards.Count);
        var stages = new Dictionary<Guid, List<StageFact>>();
        var purchases = new Dictionary<Guid, List<PurchaseFact>>();
        var interactions = new Dictionary<Guid, List<long>>();
        if (cards.Count == 0)
        {
            return rows;
        }

        await using (var command = Command(connection, transaction, """
            SELECT "Id", "OwnerId", "TeamId", "RegionId", "IndustryId", "Tier", "CreatedAt", "MergedIntoId" IS NOT NULL
            FROM "Cards" WHERE "Id" IN (SELECT value FROM json_each($ids))
            """, cards))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = Guid.Parse(reader.GetString(0));
                rows[id] = new CardFacts
                {
                    CardId = id,
                    OwnerId = Guid.Parse(reader.GetString(1)),
                    TeamId = reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2)),
                    RegionId = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    IndustryId = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    Tier = reader.IsDBNull(5) ? null : Enum.Parse<CustomerTier>(reader.GetString(5)),
                    CreatedTicks = StoredTime.Ticks(reader.GetString(6)),
                    Merged = reader.GetBoolean(7),
                };
            }
        }

        await using (var command = Command(connection, transaction, """
            SELECT "CardId", "From", "To", "At" FROM "StageTransitions" WHERE "CardId" IN (SELECT value FROM json_each($ids))
            """, cards))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                Add(stages, Guid.Parse(reader.GetString(0)), new StageFact(
                    StoredTime.Ticks(reader.GetString(3)),
                    reader.IsDBNull(1) ? null : Enum.Parse<LifecycleStage>(reader.GetString(1)),
                    Enum.Parse<LifecycleStage>(reader.GetString(2))));
            }
        }

        await using (var command = Command(connection, transaction, """
            SELECT "CardId", "PurchasedOn", "AmountMinor", "Currency" FROM "Purchases" WHERE "CardId" IN (SELECT value FROM json_each($ids))
            """, cards))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                Add(purchases, Guid.Parse(reader.GetString(0)), new PurchaseFact(
                    DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(2), reader.GetString(3)));
            }
        }

        await using (var command = Command(connection, transaction, """
            SELECT "CardId", "OccurredAt" FROM "Interactions" WHERE "CardId" IN (SELECT value FROM json_each($ids))
            """, cards))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                Add(interactions, Guid.Parse(reader.GetString(0)), StoredTime.Ticks(reader.GetString(1)));
            }
        }

        foreach (var (id, row) in rows)
        {
            row.Facts = CardFactsCodec.Encode(stages.GetValueOrDefault(id) ?? [], purchases.GetValueOrDefault(id) ?? [], interactions.GetValueOrDefault(id) ?? []);
        }

        return rows;
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction? transaction, Dictionary<Guid, CardFacts> rows, IReadOnlyCollection<Guid> cards, CancellationToken ct)
    {
        await using (var delete = Command(connection, transaction, """DELETE FROM "CardFacts" WHERE "CardId" IN (SELECT value FROM json_each($ids))""", cards))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        await using var insert = Command(connection, transaction, """
            INSERT INTO "CardFacts" ("CardId", "OwnerId", "TeamId", "RegionId", "IndustryId", "Tier", "CreatedTicks", "Merged", "Facts")
            VALUES ($id, $owner, $team, $region, $industry, $tier, $created, $merged, $facts)
            """, null);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var owner = insert.Parameters.Add("$owner", SqliteType.Text);
        var team = insert.Parameters.Add("$team", SqliteType.Text);
        var region = insert.Parameters.Add("$region", SqliteType.Integer);
        var industry = insert.Parameters.Add("$industry", SqliteType.Integer);
        var tier = insert.Parameters.Add("$tier", SqliteType.Text);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        var merged = insert.Parameters.Add("$merged", SqliteType.Integer);
        var facts = insert.Parameters.Add("$facts", SqliteType.Blob);
        foreach (var row in rows.Values)
        {
            id.Value = Text(row.CardId);
            owner.Value = Text(row.OwnerId);
            team.Value = row.TeamId is { } t ? Text(t) : DBNull.Value;
            region.Value = (object?)row.RegionId ?? DBNull.Value;
            industry.Value = (object?)row.IndustryId ?? DBNull.Value;
            tier.Value = row.Tier?.ToString() ?? (object)DBNull.Value;
            created.Value = row.CreatedTicks;
            merged.Value = row.Merged ? 1 : 0;
            facts.Value = row.Facts;
            await insert.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<Guid[]> MissingAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyCollection<Guid> cards, CancellationToken ct)
    {
        var missing = new List<Guid>();
        await using var command = Command(connection, transaction, """
            SELECT value FROM json_each($ids) WHERE value NOT IN (SELECT "CardId" FROM "CardFacts")
            """, cards);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            missing.Add(Guid.Parse(reader.GetString(0)));
        }

        return [.. missing];
    }

    private static void Add<T>(Dictionary<Guid, List<T>> lists, Guid id, T item)
    {
        if (!lists.TryGetValue(id, out var list))
        {
            lists[id] = list = [];
        }

        list.Add(item);
    }

    /// <summary>A GUID as EF Core stores it in SQLite: upper-case text.</summary>
    public static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, IReadOnlyCollection<Guid>? ids)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (ids is not null)
        {
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids.Select(Text)));
        }

        return command;
    }
}

/// <summary>Reads the times EF Core stores in SQLite ("yyyy-MM-dd HH:mm:ss" with up to seven decimals, UTC) without the cost of DateTime.Parse.</summary>
internal static class StoredTime
{
    public static long Ticks(string text)
    {
        if (text.Length < 19 || text[4] != '-' || text[10] is not (' ' or 'T'))
        {
            return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).Ticks;
        }

        var span = text.AsSpan();
        var date = new DateTime(Number(span[..4]), Number(span[5..7]), Number(span[8..10]), Number(span[11..13]), Number(span[14..16]), Number(span[17..19]), DateTimeKind.Utc);
        long fraction = 0;
        if (text.Length > 20 && text[19] == '.')
        {
            var digits = span[20..];
            for (var i = 0; i < 7; i++)
            {
                fraction = (fraction * 10) + (i < digits.Length && char.IsAsciiDigit(digits[i]) ? digits[i] - '0' : 0);
            }
        }

        return date.Ticks + fraction;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
