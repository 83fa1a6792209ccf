using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Dashboard.Domain.Import;

/// <summary>
/// Inserts entities of one type with a prepared statement, in the caller's transaction: the table, columns and value
/// converters come from the EF model and values are stored in the form EF's SQLite provider stores them (Guid as
/// upper-case TEXT, DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF"), as <see cref="DemoData.CardRowWriter"/> does for whole
/// cards. A key the database generates (an INTEGER identity) is left to the database. For the rows an import writes
/// by the thousand (match keys, duplicate pairs), where change tracking would dominate the time.
/// </summary>
internal sealed class EntityRowInserter : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly (ValueConverter? Converter, IClrPropertyGetter Getter)[] _columns;

    public EntityRowInserter(IModel model, Type type, SqliteConnection connection, SqliteTransaction transaction)
    {
        if (transaction.Connection != connection)
        {
            throw new InvalidOperationException("The row inserter needs a transaction on its connection.");
        }

        var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the EF model.");
        var mapping = entityType.GetTableMappings().Single();
        var columns = mapping.ColumnMappings
            .Where(m => !(m.Property.IsPrimaryKey() && m.Property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && m.Property.ClrType != typeof(Guid)))
            .ToList();
        if (columns.FirstOrDefault(m => m.Property.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"{entityType.DisplayName()}.{shadow.Property.Name} is a shadow property the row inserter cannot fill.");
        }

        _columns = [.. columns.Select(c => (c.TypeMapping.Converter, c.Property.GetGetter()))];
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var sql = $"INSERT INTO \"{mapping.Table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column.Name}\""))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public void Insert(object entity)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var (converter, getter) = _columns[i];
            var value = getter.GetClrValue(entity);
            if (value is string plain && !Common.TextInput.IsAllowed(plain))
            {
                throw new Persistence.StoredTextException(entity.GetType().Name, getter.ToString() ?? "column " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (value is not null && converter is not null)
            {
                value = converter.ConvertToProvider(value);
            }

            Check(Store(value) switch
            {
                null => raw.sqlite3_bind_null(_statement, i + 1),
                long number => raw.sqlite3_bind_int64(_statement, i + 1, number),
                double number => raw.sqlite3_bind_double(_statement, i + 1, number),
                var text => raw.sqlite3_bind_text(_statement, i + 1, (string)text),
            });
        }

        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    public void Dispose() => _statement.Dispose();

    private static object? Store(object? value) => value switch
    {
        null => null,
        string text => text,
        Guid guid => guid.ToString("D").ToUpperInvariant(),
        DateTime time => time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.0###########################", CultureInfo.InvariantCulture),
        bool flag => flag ? 1L : 0L,
        int number => (long)number,
        long number => number,
        double number => number,
        float number => (double)number,
        _ => throw new NotSupportedException($"The row inserter cannot store a {value.GetType().Name}."),
    };

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
