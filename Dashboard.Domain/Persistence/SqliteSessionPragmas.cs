using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// Per-connection SQLite settings for the dashboard's aggregate queries: temporary b-trees (GROUP BY, COUNT DISTINCT,
/// ORDER BY without an index) in memory instead of temp files, and a page cache of up to 64 MB instead of SQLite's
/// 2 MB default. The cache grows only as pages are read, so idle pooled connections stay small.
/// </summary>
public sealed class SqliteSessionPragmas : DbConnectionInterceptor
{
    public const string Sql = "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";

    public static SqliteSessionPragmas Instance { get; } = new();

    public static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
