using System.Globalization;
using ClosedXML.Excel;

namespace Dashboard.Domain.Import;

/// <summary>One data row of an import file: its row number in the file (the header is row 1 of an XLSX, line 1 of a CSV) and its cells.</summary>
internal sealed record TableRow(int Row, string?[] Fields);

/// <summary>An import file read into a header and rows, with how it was read and the rows that could not be split.</summary>
internal sealed record ImportTable(
    ImportFormat Format,
    string? Encoding,
    string? Delimiter,
    IReadOnlyList<string> Headers,
    IReadOnlyList<TableRow> Rows,
    IReadOnlyList<ImportIssue> Malformed,
    int BlankRows);

/// <summary>A file that cannot be imported at all (unreadable, empty, too many rows); the message says why.</summary>
internal sealed class ImportFileException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>Reads CSV (any delimiter, UTF-8/GB18030/UTF-16) and XLSX files into an <see cref="ImportTable"/>.</summary>
internal static class ImportTableReader
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>Reads the whole stream, refusing it as soon as it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ImportFileException("import.too-large", $"The file is larger than {FormatSize(maxBytes)}; split it into smaller files.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    public static ImportTable Read(byte[] bytes, string fileName, ImportRequest request, int maxRows)
    {
        if (bytes.Length == 0)
        {
            throw new ImportFileException("import.empty", "The file is empty.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (bytes.AsSpan().StartsWith(OleSignature) || extension == ".xls")
        {
            throw new ImportFileException("import.xls", "Old Excel files (.xls) cannot be read; save the sheet as .xlsx or CSV and import that.");
        }

        if (bytes.AsSpan().StartsWith(ZipSignature))
        {
            return ReadXlsx(bytes, maxRows);
        }

        if (extension is ".xlsx" or ".xlsm")
        {
            throw new ImportFileException("import.xlsx-unreadable", "The file is named .xlsx but is not an Excel workbook.");
        }

        return ReadCsv(bytes, request, maxRows);
    }

    private static ImportTable ReadCsv(byte[] bytes, ImportRequest request, int maxRows)
    {
        if (request.Encoding is { } requested && !DelimitedText.IsKnownEncoding(requested))
        {
            throw new ImportFileException("import.encoding", $"\"{requested}\" is not an encoding the import knows; use utf-8 or gb18030.");
        }

        var (text, encoding) = DelimitedText.Decode(bytes, request.Encoding);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ImportFileException("import.binary", "The file is not a text (CSV) file or an Excel workbook (.xlsx).");
        }

        var delimiter = request.Delimiter switch
        {
            null or "" => DelimitedText.DetectDelimiter(text),
            "\\t" or "tab" => '\t',
            { Length: 1 } one when one[0] is not ('"' or '\r' or '\n') => one[0],
            _ => throw new ImportFileException("import.delimiter", "The delimiter must be one character, such as , ; | or a tab."),
        };

        string[]? headers = null;
        var rows = new List<TableRow>();
        var malformed = new List<ImportIssue>();
        var blank = 0;
        foreach (var record in DelimitedText.Read(text, delimiter, () => headers?.Length ?? 0))
        {
            if (headers is null)
            {
                if (record.Problem is null && record.Fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (record.Problem is not null)
                {
                    throw new ImportFileException("import.header", $"The header row (line {record.Line}) cannot be read: {record.Problem}");
                }

                headers = record.Fields;
                continue;
            }

            if (record.Problem is null && record.Fields.All(string.IsNullOrWhiteSpace))
            {
                blank++;
                continue;
            }

            if (rows.Count + malformed.Count >= maxRows)
            {
                throw new ImportFileException("import.too-many-rows", $"The file has more than {maxRows:N0} rows; split it into smaller files.");
            }

            if (record.Problem is not null)
            {
                malformed.Add(new ImportIssue(record.Line, null, Excerpt(record.Fields), record.ProblemCode!, record.Problem));
            }
            else if (record.Fields.Length != headers.Length)
            {
                var (code, message) = record.Fields.Length > headers.Length
                    ? ("csv.extra-fields", $"The row has {record.Fields.Length} fields but the header has {headers.Length}; it is not imported, so that no value lands in the wrong column. Quote values that contain \"{Show(delimiter)}\".")
                    : ("csv.missing-fields", $"The row has {record.Fields.Length} fields but the header has {headers.Length}; it is not imported, so that no value lands in the wrong column.");
                malformed.Add(new ImportIssue(record.Line, null, Excerpt(record.Fields), code, message));
            }
            else
            {
                rows.Add(new TableRow(record.Line, record.Fields!));
            }
        }

        if (headers is null)
        {
            throw new ImportFileException("import.empty", "The file has no header row.");
        }

        return new ImportTable(ImportFormat.Csv, encoding, delimiter.ToString(), Headers(headers), rows, malformed, blank);
    }

    private static ImportTable ReadXlsx(byte[] bytes, int maxRows)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or ArgumentException or InvalidOperationException or System.Xml.XmlException or NotSupportedException)
        {
            throw new ImportFileException("import.xlsx-unreadable", "The workbook cannot be read; open it in Excel, save it again as .xlsx (or CSV) and import that.");
        }

        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault(s => s.Visibility == XLWorksheetVisibility.Visible && s.RangeUsed() is not null)
                ?? throw new ImportFileException("import.empty", "The workbook has no sheet with data.");
            var used = sheet.RangeUsed()!;
            var firstRow = used.RangeAddress.FirstAddress.RowNumber;
            var firstColumn = used.RangeAddress.FirstAddress.ColumnNumber;
            var lastColumn = used.RangeAddress.LastAddress.ColumnNumber;
            var lastRow = used.RangeAddress.LastAddress.RowNumber;
            if (lastRow - firstRow > maxRows)
            {
                throw new ImportFileException("import.too-many-rows", $"The sheet has more than {maxRows:N0} rows; split it into smaller files.");
            }

            string?[] Cells(int row)
            {
                var values = new string?[lastColumn - firstColumn + 1];
                for (var column = firstColumn; column <= lastColumn; column++)
                {
                    values[column - firstColumn] = CellText(sheet.Cell(row, column));
                }

                return values;
            }

            var headers = Cells(firstRow).Select(h => h ?? string.Empty).ToArray();
            var rows = new List<TableRow>();
            var blank = 0;
            for (var row = firstRow + 1; row <= lastRow; row++)
            {
                var values = Cells(row);
                if (values.All(string.IsNullOrWhiteSpace))
                {
                    blank++;
                    continue;
                }

                rows.Add(new TableRow(row, values));
            }

            return new ImportTable(ImportFormat.Xlsx, null, null, Headers(headers), rows, [], blank);
        }
    }

    /// <summary>A cell as the person sees it: dates as YYYY-MM-DD, whole numbers without decimals or exponent (phone numbers).</summary>
    private static string? CellText(IXLCell cell)
    {
        var value = cell.HasFormula ? cell.CachedValue : cell.Value;
        return value switch
        {
            null => null,
            string text => text.Trim(),
            DateTime date => date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            double number when Math.Abs(number) < 1e15 && number == Math.Floor(number) => number.ToString("0", CultureInfo.InvariantCulture),
            double number => number.ToString("G15", CultureInfo.InvariantCulture),
            bool flag => flag ? "TRUE" : "FALSE",
            IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()?.Trim(),
        };
    }

    /// <summary>Headers trimmed of a stray BOM and spaces; a blank header becomes "Column N".</summary>
    private static string[] Headers(IEnumerable<string> raw) =>
        raw.Select((h, i) => h.Trim().TrimStart('\uFEFF').Trim() is { Length: > 0 } clean ? clean : $"Column {i + 1}").ToArray();

    private static string Excerpt(string[] fields)
    {
        var joined = string.Join(" | ", fields);
        return joined.Length > 120 ? joined[..120] + "…" : joined;
    }

    private static string Show(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();
}
