using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Benchmarks;

/// <summary>A command EF sent to SQLite: its text and bound parameter values, labelled with the domain method that ran it.</summary>
internal sealed record CapturedCommand(string Label, string Sql, IReadOnlyList<CapturedParameter> Parameters);

internal sealed record CapturedParameter(string Name, SqliteType Type, object? Value)
{
    /// <summary>The value roughly as SQLite stores it, for reading SQL by hand.</summary>
    public override string ToString() => Name + " = " + Value switch
    {
        null => "NULL",
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}

/// <summary>
/// Records the exact SQL that EF executes between <see cref="Start"/> and <see cref="Stop"/>, so that the same
/// commands can be replayed on a raw connection. Idle (one field read per command) otherwise.
/// </summary>
internal sealed class SqlCommandRecorder : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private List<CapturedCommand>? _recording;

    /// <summary>When set, each recorded command is also written here as it starts, to see which one is slow.</summary>
    public TextWriter? Echo { get; set; }

    public void Start()
    {
        lock (_lock)
        {
            _recording = [];
        }
    }

    public IReadOnlyList<CapturedCommand> Stop()
    {
        lock (_lock)
        {
            var recorded = _recording ?? throw new InvalidOperationException("The recorder was not started.");
            _recording = null;
            return recorded;
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (Volatile.Read(ref _recording) is null)
        {
            return;
        }

        var parameters = command.Parameters.Cast<SqliteParameter>()
            .Select(p => new CapturedParameter(p.ParameterName, p.SqliteType, p.Value))
            .ToList();
        var label = CallerLabel();
        lock (_lock)
        {
            if (_recording is { } recording)
            {
                var repeat = recording.Count(c => c.Label == label || c.Label.StartsWith(label + " #", StringComparison.Ordinal));
                var captured = new CapturedCommand(repeat == 0 ? label : $"{label} #{repeat + 1}", command.CommandText, parameters);
                recording.Add(captured);
                Echo?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {captured.Label}: {string.Join(", ", parameters)}\n{captured.Sql}");
                Echo?.Flush();
            }
        }
    }

    /// <summary>The innermost Dashboard.Domain method on the stack, e.g. <c>PipelineQueries.FunnelAsync</c>.</summary>
    private static string CallerLabel()
    {
        foreach (var frame in new StackTrace(false).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            if (type?.Namespace?.StartsWith("Dashboard.Domain", StringComparison.Ordinal) != true)
            {
                continue;
            }

            // Async methods run as MoveNext of a compiler-generated "<FunnelAsync>d__5" nested in the real class.
            if (type.Name.StartsWith('<') && type.DeclaringType is { } owner)
            {
                return $"{owner.Name}.{type.Name[1..type.Name.IndexOf('>', StringComparison.Ordinal)]}";
            }

            return $"{type.Name}.{frame.GetMethod()!.Name}";
        }

        return "?";
    }
}
