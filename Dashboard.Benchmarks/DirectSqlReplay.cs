using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks;

/// <summary>
/// Runs captured EF commands with plain <see cref="SqliteCommand"/>s on a pooled connection, reading every
/// column of every row: the cost of the SQL alone, without EF's query pipeline and materialisation.
/// </summary>
internal sealed class DirectSqlReplay(string connectionString, IReadOnlyList<CapturedCommand> commands)
{
    public IReadOnlyList<CapturedCommand> Commands => commands;

    /// <summary>Runs all commands once, in order, on one connection; returns each command's time in milliseconds.</summary>
    public double[] RunOnce(CancellationToken ct)
    {
        var times = new double[commands.Count];
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // The same per-connection settings as the application's connections, so the comparison stays fair.
        Dashboard.Domain.Persistence.SqliteSessionPragmas.Apply(connection);
        for (var i = 0; i < commands.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            Execute(connection, commands[i]);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return times;
    }

    /// <summary>Rows each command returns, to show in the report.</summary>
    public int[] RowCounts()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return commands.Select(c => Execute(connection, c)).ToArray();
    }

    private static int Execute(SqliteConnection connection, CapturedCommand captured)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is what EF generated for the benchmarked query; values stay parameters.
        command.CommandText = captured.Sql;
#pragma warning restore CA2100
        foreach (var parameter in captured.Parameters)
        {
            command.Parameters.Add(new SqliteParameter(parameter.Name, parameter.Type) { Value = parameter.Value ?? DBNull.Value });
        }

        var rows = 0;
        using var reader = command.ExecuteReader();
        do
        {
            var values = new object[reader.FieldCount];
            while (reader.Read())
            {
                reader.GetValues(values);
                rows++;
            }
        }
        while (reader.NextResult());

        return rows;
    }
}
