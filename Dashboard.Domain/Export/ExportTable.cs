using System.Globalization;
using System.Text;
using CsvHelper;

namespace Dashboard.Domain.Export;

/// <summary>Writes a header and rows as CSV or XLSX to a stream.</summary>
internal abstract class ExportTable : IAsyncDisposable
{
    public static ExportTable Create(ExportFormat format, Stream output, string sheetName) => format switch
    {
        ExportFormat.Csv => new CsvTable(output),
        ExportFormat.Xlsx => new XlsxTable(output, sheetName),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public abstract Task WriteRowAsync(IReadOnlyList<ExportValue> row, CancellationToken ct);

    public Task WriteHeaderAsync(IEnumerable<string> names, CancellationToken ct) =>
        WriteRowAsync(names.Select(ExportValue.Text).ToList(), ct);

    /// <summary>Hands what was buffered to the stream; called after each page of rows.</summary>
    public abstract Task FlushAsync(CancellationToken ct);

    /// <summary>Finishes the file. Without it an XLSX file is not written at all.</summary>
    public abstract Task CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// CSV through CsvHelper, written only with asynchronous calls (a web response refuses synchronous writes).
    /// A text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's CSV injection advice).
    /// Phone numbers such as +86 138 0013 8000, even masked, are left as they are: made of digits, spaces and
    /// + - * ( ) only, they can compute at most arithmetic, never call a function.
    /// </summary>
    private sealed class CsvTable : ExportTable
    {
        private readonly StreamWriter _writer;
        private readonly CsvWriter _csv;

        public CsvTable(Stream output)
        {
            _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
            _csv = new CsvWriter(_writer, CultureInfo.InvariantCulture, leaveOpen: true);
        }

        public override async Task WriteRowAsync(IReadOnlyList<ExportValue> row, CancellationToken ct)
        {
            foreach (var cell in row)
            {
                _csv.WriteField(Format(cell.Value));
            }

            await _csv.NextRecordAsync();
        }

        public override async Task FlushAsync(CancellationToken ct)
        {
            await _csv.FlushAsync();
            await _writer.FlushAsync(ct);
        }

        public override Task CompleteAsync(CancellationToken ct) => FlushAsync(ct);

        public override async ValueTask DisposeAsync()
        {
            await _csv.DisposeAsync();
            await _writer.DisposeAsync();
        }

        internal static string Format(object? value) => value switch
        {
            null => string.Empty,
            string text => Protect(text),
            decimal number => number.ToString("G29", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };

        internal static string Protect(string text)
        {
            if (text.Length == 0)
            {
                return text;
            }

            var first = text[0];
            var formula = first is '=' or '@' or '\t' or '\r'
                || (first is '+' or '-' && text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '*' or '(' or ')' or '.')));
            return formula ? "'" + text : text;
        }
    }
}
