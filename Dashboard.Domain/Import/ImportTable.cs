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

    public static ImportTable Read(byte[] bytes, string fileName, ImportRequest request, ImportOptions limits)
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
            var table = XlsxSheetReader.Read(bytes, limits, limits.MaxRows);
            return table with { Headers = Headers(table.Headers) };
        }

        if (extension is ".xlsx" or ".xlsm")
        {
            throw new ImportFileException("import.xlsx-unreadable", "The file is named .xlsx but is not an Excel workbook.");
        }

        return ReadCsv(bytes, request, limits);
    }

    private static ImportTable ReadCsv(byte[] bytes, ImportRequest request, ImportOptions limits)
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
        var maxRows = limits.MaxRows;
        foreach (var record in DelimitedText.Read(text, delimiter, () => headers?.Length ?? 0, limits.MaxColumns))
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

                if (record.Fields.Length > limits.MaxColumns)
                {
                    throw new ImportFileException("import.too-many-columns", $"The header row has more than {limits.MaxColumns:N0} columns; the import reads at most {limits.MaxColumns:N0}. Delete the columns you do not need and import again.");
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
