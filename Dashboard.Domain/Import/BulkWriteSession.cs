using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Domain.Import;

/// <summary>
/// Makes a large insert inside an open transaction fast and leaves the database as row-by-row inserts would: a large
/// page cache for the session; optionally the secondary indexes dropped and rebuilt once from the data (as the demo
/// data generator does); optionally the quick search index (<c>CardSearch</c>, FTS5) filled once per new card instead
/// of by its insert trigger, in one statement. Everything happens in
/// the transaction, so other connections keep reading the committed state, and a rollback restores indexes and
/// triggers. <see cref="Complete"/> puts everything back before the commit.
/// </summary>
internal sealed class BulkWriteSession : IDisposable
{
    /// <summary>SQLite page cache during the session (KiB): the card tables' index pages stay in memory.</summary>
    private const int CacheSizeKib = 262_144;

    /// <summary>The trigger that fills a new card's search row (migrations QuickSearchIndex and FieldEncryption).</summary>
    private static readonly string[] SearchInsertTriggers = ["Cards_CardSearch_Insert"];

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly object? _cacheSize;
    private readonly List<string> _indexes = [];
    private readonly List<string> _triggers = [];

    /// <param name="cacheSizeKib">The page cache for the session (KiB).</param>
    public BulkWriteSession(SqliteConnection connection, SqliteTransaction transaction, int cacheSizeKib = CacheSizeKib)
    {
        _connection = connection;
        _transaction = transaction;
        _cacheSize = Scalar("PRAGMA cache_size");
        Execute($"PRAGMA cache_size = -{cacheSizeKib}");
    }

    /// <summary>
    /// Drops the secondary indexes of the tables, to be rebuilt by <see cref="Complete"/>. Unique indexes stay: they
    /// keep checking the rows as they are written (and card codes stay quick to look up).
    /// </summary>
    public void DropIndexes(IReadOnlyList<string> tables)
    {
        var found = Read(
            $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({string.Join(", ", tables.Select((_, i) => "$t" + i.ToString(CultureInfo.InvariantCulture)))})",
            tables);
        foreach (var (name, sql) in found)
        {
            Execute($"DROP INDEX {Quote(name)}");
            _indexes.Add(sql);
        }
    }

    /// <summary>
    /// Stops the search index's insert triggers; <see cref="Complete"/> fills the search rows of the cards numbered
    /// from <paramref name="firstNumber"/> on and restores the triggers. Does nothing when the triggers are not there.
    /// </summary>
    public void SuspendSearchTriggers()
    {
        var found = Read($"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ($t0)", SearchInsertTriggers);
        if (found.Count != SearchInsertTriggers.Length)
        {
            return;
        }

        foreach (var (name, sql) in found)
        {
            Execute($"DROP TRIGGER {Quote(name)}");
            _triggers.Add(sql);
        }
    }

    /// <summary>Rebuilds the dropped indexes, fills the search rows of the new cards and restores the triggers.</summary>
    /// <param name="afterEachStep">
    /// Called after each index and before the search rows: the demo generator commits there, so that the write-ahead
    /// log never holds all the indexes of a million cards at once.
    /// </param>
    public void Complete(long firstNumber, long lastNumber, Action? afterEachStep = null)
    {
        foreach (var sql in _indexes)
        {
            Execute(sql);
            afterEachStep?.Invoke();
        }

        _indexes.Clear();
        if (_triggers.Count == 0)
        {
            return;
        }

        // The row the trigger would have written (see migration FieldEncryption): name and company one per line.
        // QuickSearch tests find imported cards by them.
        using var command = Command(
            """
            INSERT INTO "CardSearch" (rowid, "Names")
            SELECT c."Number", coalesce(c."Name", '') || char(10) || coalesce(c."Company", '')
            FROM "Cards" AS c
            WHERE c."Number" BETWEEN $first AND $last
            """);
        command.Parameters.AddWithValue("$first", firstNumber);
        command.Parameters.AddWithValue("$last", lastNumber);
        command.ExecuteNonQuery();
        foreach (var sql in _triggers)
        {
            Execute(sql);
        }

        _triggers.Clear();
    }

    public void Dispose() => Execute($"PRAGMA cache_size = {Convert.ToString(_cacheSize, CultureInfo.InvariantCulture)}");

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private List<(string Name, string Sql)> Read(string sql, IReadOnlyList<string> values)
    {
        using var command = Command(sql);
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters.AddWithValue("$t" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        var rows = new List<(string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
