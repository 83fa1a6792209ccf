using System.Buffers;
using System.Globalization;
using System.Text;
using Dashboard.Domain.Customers;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Lifecycle;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Dashboard.Domain.DemoData;

/// <summary>
/// Writes whole <see cref="CustomerCard"/> aggregates with prepared SQLite INSERTs, far faster than change
/// tracking for bulk demo data. Tables, columns and value converters come from the EF model, and values are
/// stored in the form EF's SQLite provider stores them, so the rows are the ones <c>SaveChanges</c> would
/// write for the same aggregates (a test compares them byte for byte).
/// <para>
/// Work is split in two so that it can run on two threads: <see cref="Encode"/> turns a batch of cards into
/// ready-to-bind column values (any thread, no database access), and <see cref="Write"/> binds and inserts
/// them on the connection, inside the caller's transaction.
/// </para>
/// </summary>
internal sealed class CardRowWriter : IDisposable
{
    private const int Cards = 0;
    private const int ContactPoints = 1;
    private const int StageTransitions = 2;
    private const int Interactions = 3;
    private const int Purchases = 4;
    private const int Remarks = 5;
    private const int RemarkVersions = 6;
    private const int CustomFieldValues = 7;
    private const int CardTags = 8;
    private const int CardInterests = 9;
    private const int Facts = 10;

    private readonly TableEncoder[] _encoders;
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt[] _statements;

    public CardRowWriter(IModel model, SqliteConnection connection, SqliteTransaction transaction)
    {
        if (transaction.Connection != connection)
        {
            // Without a transaction every row would be committed on its own.
            throw new InvalidOperationException("The row writer needs a transaction on its connection.");
        }

        var card = Entity(model, typeof(CustomerCard));
        var remark = Entity(model, typeof(Remark));

        // In the order the foreign keys need: cards first, remarks before their versions.
        _encoders =
        [
            new TableEncoder(card, null),
            new TableEncoder(Entity(model, typeof(ContactPoint)), card),
            new TableEncoder(Entity(model, typeof(StageTransition)), card),
            new TableEncoder(Entity(model, typeof(Interaction)), card),
            new TableEncoder(Entity(model, typeof(Purchase)), card),
            new TableEncoder(remark, card),
            new TableEncoder(Entity(model, typeof(RemarkVersion)), remark),
            new TableEncoder(Entity(model, typeof(CustomFieldValue)), card),
            new TableEncoder(JoinEntity(card, nameof(CustomerCard.Tags)), card),
            new TableEncoder(JoinEntity(card, nameof(CustomerCard.Interests)), card),

            // The card's pipeline projection row, written with the card like SaveChanges' dispatcher would write it.
            new TableEncoder(Entity(model, typeof(Dashboards.Projection.CardFacts)), null),
        ];

        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        _statements = new sqlite3_stmt[_encoders.Length];
        for (var i = 0; i < _encoders.Length; i++)
        {
            Check(raw.sqlite3_prepare_v2(_database, _encoders[i].InsertSql, out _statements[i]));
        }
    }

    /// <summary>The tables this writer fills.</summary>
    public IReadOnlyList<string> Tables => [.. _encoders.Select(e => e.TableName)];

    /// <summary>Turns cards into column values ready to bind. Touches no database, so it may run on another thread.</summary>
    public EncodedBatch Encode(IReadOnlyList<CustomerCard> cards)
    {
        var tables = _encoders.Select(e => new EncodedRows(e.ColumnCount)).ToArray();
        foreach (var card in cards)
        {
            _encoders[Cards].Encode(tables[Cards], card, null);
            foreach (var point in card.ContactPoints)
            {
                _encoders[ContactPoints].Encode(tables[ContactPoints], point, card.Id);
            }

            foreach (var transition in card.StageHistory)
            {
                _encoders[StageTransitions].Encode(tables[StageTransitions], transition, card.Id);
            }

            foreach (var interaction in card.Interactions)
            {
                _encoders[Interactions].Encode(tables[Interactions], interaction, card.Id);
            }

            foreach (var purchase in card.Purchases)
            {
                _encoders[Purchases].Encode(tables[Purchases], purchase, card.Id);
            }

            foreach (var remark in card.Remarks)
            {
                _encoders[Remarks].Encode(tables[Remarks], remark, card.Id);
                foreach (var version in remark.Versions)
                {
                    _encoders[RemarkVersions].Encode(tables[RemarkVersions], version, remark.Id);
                }
            }

            foreach (var value in card.CustomFieldValues)
            {
                _encoders[CustomFieldValues].Encode(tables[CustomFieldValues], value, card.Id);
            }

            _encoders[Facts].Encode(tables[Facts], Dashboards.Projection.CardFactsBuilder.From(card), null);

            foreach (var tag in card.Tags)
            {
                _encoders[CardTags].Encode(tables[CardTags], tag, card.Id);
            }

            foreach (var interest in card.Interests)
            {
                _encoders[CardInterests].Encode(tables[CardInterests], interest, card.Id);
            }
        }

        return new EncodedBatch(tables);
    }

    /// <summary>Inserts an encoded batch, table by table in foreign-key order.</summary>
    public void Write(EncodedBatch batch)
    {
        for (var t = 0; t < _statements.Length; t++)
        {
            var statement = _statements[t];
            var rows = batch.Tables[t];
            var text = rows.Text.WrittenSpan;
            var cells = rows.Cells;
            for (var start = 0; start < cells.Count; start += rows.ColumnCount)
            {
                for (var c = 0; c < rows.ColumnCount; c++)
                {
                    var cell = cells[start + c];
                    Check(cell.Kind switch
                    {
                        CellKind.Null => raw.sqlite3_bind_null(statement, c + 1),
                        CellKind.Integer => raw.sqlite3_bind_int64(statement, c + 1, cell.Integer),
                        CellKind.Blob => raw.sqlite3_bind_blob(statement, c + 1, text.Slice(cell.Offset, cell.Length)),
                        _ => raw.sqlite3_bind_text(statement, c + 1, text.Slice(cell.Offset, cell.Length)),
                    });
                }

                var rc = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc);
                }
            }
        }
    }

    public void Write(IReadOnlyList<CustomerCard> cards) => Write(Encode(cards));

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement?.Dispose();
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }

    private static IEntityType Entity(IModel model, Type type) =>
        model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the EF model.");

    private static IEntityType JoinEntity(IEntityType card, string navigation) =>
        card.FindSkipNavigation(navigation)?.JoinEntityType
        ?? throw new InvalidOperationException($"CustomerCard.{navigation} is not a many-to-many navigation in the EF model.");

    /// <summary>The rows of every table for one batch of cards.</summary>
    internal sealed class EncodedBatch(EncodedRows[] tables)
    {
        public EncodedRows[] Tables { get; } = tables;
    }

    /// <summary>Rows of one table: a cell per column, with the text of all cells in one UTF-8 buffer.</summary>
    internal sealed class EncodedRows(int columnCount)
    {
        public int ColumnCount { get; } = columnCount;

        public List<Cell> Cells { get; } = [];

        public ArrayBufferWriter<byte> Text { get; } = new(4096);
    }

    internal enum CellKind : byte
    {
        Null,
        Integer,
        Text,
        Blob,
    }

    internal readonly record struct Cell(CellKind Kind, long Integer, int Offset, int Length);

    /// <summary>
    /// How one table's rows are made from entities. Values go through the model's converters (enums to
    /// strings, UTC dates) and are stored in the form EF's SQLite provider uses: TEXT for Guid (upper case),
    /// DateTime ("yyyy-MM-dd HH:mm:ss.FFFFFFF"), DateOnly ("yyyy-MM-dd") and decimal; INTEGER for bool and
    /// whole numbers.
    /// </summary>
    private sealed class TableEncoder
    {
        private readonly Column[] _columns;

        public TableEncoder(IEntityType entityType, IEntityType? parentType)
        {
            var mapping = entityType.GetTableMappings().Single();
            var columns = new List<Column>();
            foreach (var columnMapping in mapping.ColumnMappings)
            {
                var property = columnMapping.Property;
                if (property.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && property.IsPrimaryKey() && property.ClrType != typeof(Guid))
                {
                    throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} is generated by the database; the row writer does not handle it.");
                }

                if (columnMapping.TypeMapping.StoreTypeNameBase is not ("TEXT" or "INTEGER" or "BLOB"))
                {
                    throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} is stored as {columnMapping.TypeMapping.StoreType}; the row writer handles TEXT, INTEGER and BLOB columns.");
                }

                columns.Add(new Column(columnMapping.Column.Name, columnMapping.TypeMapping.Converter, ValueSource(entityType, parentType, property)));
            }

            _columns = [.. columns];
            TableName = mapping.Table.Name;
            InsertSql = $"INSERT INTO \"{TableName}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", _columns.Select(_ => "?"))})";
        }

        public string TableName { get; }

        public string InsertSql { get; }

        public int ColumnCount => _columns.Length;

        public void Encode(EncodedRows rows, object entity, object? parentKey)
        {
            foreach (var column in _columns)
            {
                var value = column.ValueOf(entity, parentKey);
                if (value is string plain && !Common.TextInput.IsAllowed(plain))
                {
                    throw new Persistence.StoredTextException(TableName, "a text column");
                }

                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                rows.Cells.Add(ToCell(rows.Text, value));
            }
        }

        private Cell ToCell(ArrayBufferWriter<byte> text, object? value)
        {
            var offset = text.WrittenCount;
            int written;
            switch (value)
            {
                case null:
                    return new Cell(CellKind.Null, 0, 0, 0);
                case bool flag:
                    return new Cell(CellKind.Integer, flag ? 1 : 0, 0, 0);
                case int number:
                    return new Cell(CellKind.Integer, number, 0, 0);
                case long number:
                    return new Cell(CellKind.Integer, number, 0, 0);
                case string s:
                    written = Encoding.UTF8.GetBytes(s, text.GetSpan(Encoding.UTF8.GetMaxByteCount(s.Length)));
                    break;
                case Guid guid:
                    var span = text.GetSpan(36);
                    guid.TryFormat(span, out written, "D");
                    for (var i = 0; i < written; i++)
                    {
                        if (span[i] is >= (byte)'a' and <= (byte)'f')
                        {
                            span[i] -= 'a' - 'A';
                        }
                    }

                    break;
                case DateTime time:
                    written = time.TryFormat(text.GetSpan(64), out var n, @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture) ? n : Fail(value);
                    break;
                case DateOnly date:
                    written = date.TryFormat(text.GetSpan(16), out n, @"yyyy\-MM\-dd", CultureInfo.InvariantCulture) ? n : Fail(value);
                    break;
                case decimal number:
                    written = number.TryFormat(text.GetSpan(64), out n, "0.0###########################", CultureInfo.InvariantCulture) ? n : Fail(value);
                    break;
                case byte[] bytes:
                    text.Write(bytes);
                    return new Cell(CellKind.Blob, 0, offset, bytes.Length);
                default:
                    throw new NotSupportedException($"The row writer cannot store a {value.GetType().Name} in {TableName}.");
            }

            text.Advance(written);
            return new Cell(CellKind.Text, 0, offset, written);
        }

        private int Fail(object value) =>
            throw new InvalidOperationException($"Could not format {value} for {TableName}.");

        /// <summary>
        /// Where a column's value comes from: the key of the parent aggregate for the foreign key EF
        /// would fix up on save, the principal's key for a many-to-many join row, or the CLR property.
        /// </summary>
        private static Func<object, object?, object?> ValueSource(IEntityType entityType, IEntityType? parentType, IProperty property)
        {
            var parentKey = property.GetContainingForeignKeys().FirstOrDefault(fk => parentType is not null && fk.PrincipalEntityType == parentType);
            if (parentKey is not null)
            {
                return (_, parent) => parent ?? throw new InvalidOperationException($"{entityType.DisplayName()} rows need their parent's key.");
            }

            if (entityType.HasSharedClrType)
            {
                // A join row (CardTags, CardInterests): the entity passed in is the other side.
                var other = property.GetContainingForeignKeys().Single();
                var getter = other.PrincipalKey.Properties.Single().GetGetter();
                return (entity, _) => getter.GetClrValue(entity);
            }

            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} is a shadow property the row writer cannot fill.");
            }

            var clrGetter = property.GetGetter();
            return (entity, _) => clrGetter.GetClrValue(entity);
        }

        private sealed record Column(string Name, ValueConverter? Converter, Func<object, object?, object?> ValueOf);
    }
}
