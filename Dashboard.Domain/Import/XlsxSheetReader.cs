using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Dashboard.Domain.Import;

/// <summary>
/// Reads the first visible sheet with data of an XLSX workbook as a stream of XML, keeping only the cells that hold a
/// value. Every kind of work a file can cause is bounded before it is done: zip entries, unzipped bytes, the length of
/// one XML token, columns, cells, shared strings and characters of text. A workbook over a bound is refused with
/// a message saying which; nothing is sized from what the file claims (its dimension, its entry sizes).
/// </summary>
internal static class XlsxSheetReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const int ExcelMaxRow = 1_048_576;
    private const int ExcelMaxColumn = 16_384;

    public static ImportTable Read(byte[] bytes, ImportOptions limits, int maxRows)
    {
        try
        {
            var entries = ZipEntryCount(bytes);
            if (entries > limits.MaxZipEntries)
            {
                throw Refuse("import.xlsx-too-complex", $"The workbook is made of {entries:N0} parts; the import reads workbooks of at most {limits.MaxZipEntries:N0}. Save the sheet as a new workbook or as CSV and import that.");
            }

            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var package = new Package(zip, limits);
            var workbookPath = package.OfficeDocumentPath();
            var relationships = package.Relationships(workbookPath);
            var (sheets, date1904) = package.Sheets(workbookPath, relationships);
            var styles = relationships.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)) is { } s
                ? package.DateStyles(s.Target) : [];
            var strings = relationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)) is { } ss
                ? package.SharedStrings(ss.Target) : [];
            foreach (var sheet in sheets)
            {
                if (package.ReadSheet(sheet, strings, styles, date1904, maxRows) is { } table)
                {
                    return table;
                }
            }

            throw new ImportFileException("import.empty", "The workbook has no sheet with data.");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or XmlException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw new ImportFileException("import.xlsx-unreadable", "The workbook cannot be read; open it in Excel, save it again as .xlsx (or CSV) and import that.");
        }
    }

    /// <summary>The number of entries the zip's end-of-central-directory record declares, read before the directory is.</summary>
    private static int ZipEntryCount(byte[] bytes)
    {
        // The record is 22 bytes plus a comment of up to 65,535 bytes at the end of the file.
        var from = Math.Max(0, bytes.Length - 22 - 65_535);
        for (var i = bytes.Length - 22; i >= from; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0x06054B50)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 10));
            }
        }

        throw new InvalidDataException("No end of central directory.");
    }

    private static ImportFileException Refuse(string code, string message) => new(code, message);

    private sealed record Relationship(string Id, string Type, string Target);

    private sealed record SheetPart(string Name, string Path);

    /// <summary>The workbook's parts, each read through <see cref="BoundedXmlStream"/> against one shared budget.</summary>
    private sealed class Package(ZipArchive zip, ImportOptions limits)
    {
        private long _unzippedBytes;
        private long _textChars;

        public string OfficeDocumentPath()
        {
            var root = PartRelationships("_rels/.rels", baseFolder: string.Empty);
            return root.FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal))?.Target ?? "xl/workbook.xml";
        }

        public List<Relationship> Relationships(string partPath)
        {
            var folder = Folder(partPath);
            var name = partPath[(partPath.LastIndexOf('/') + 1)..];
            return PartRelationships($"{folder}_rels/{name}.rels", folder);
        }

        private List<Relationship> PartRelationships(string path, string baseFolder)
        {
            var list = new List<Relationship>();
            using var xml = Open(path, required: false);
            while (xml is not null && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.NamespaceURI == PackageRelationships
                    && xml.GetAttribute("TargetMode") != "External"
                    && xml.GetAttribute("Id") is { } id && xml.GetAttribute("Type") is { } type && xml.GetAttribute("Target") is { } target)
                {
                    list.Add(new Relationship(id, type, Resolve(baseFolder, target)));
                    if (list.Count > limits.MaxZipEntries)
                    {
                        throw Refuse("import.xlsx-too-complex", "The workbook names more parts than it holds; save it again as .xlsx (or CSV) and import that.");
                    }
                }
            }

            return list;
        }

        public (List<SheetPart> Sheets, bool Date1904) Sheets(string workbookPath, List<Relationship> relationships)
        {
            using var xml = Open(workbookPath, required: true)!;
            var worksheets = relationships.Where(r => r.Type.EndsWith("/worksheet", StringComparison.Ordinal))
                .GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Target, StringComparer.Ordinal);
            var sheets = new List<SheetPart>();
            var date1904 = false;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Main)
                {
                    continue;
                }

                if (xml.LocalName == "workbookPr")
                {
                    date1904 = xml.GetAttribute("date1904") is "1" or "true";
                }
                else if (xml.LocalName == "sheet" && xml.GetAttribute("state") is null or "visible"
                         && xml.GetAttribute("id", OfficeRelationships) is { } id
                         && worksheets.TryGetValue(id, out var target))
                {
                    sheets.Add(new SheetPart(xml.GetAttribute("name") ?? target, target));
                    if (sheets.Count > limits.MaxZipEntries)
                    {
                        throw Refuse("import.xlsx-too-complex", "The workbook names more sheets than it holds; save it again as .xlsx (or CSV) and import that.");
                    }
                }
            }

            return (sheets, date1904);
        }

        /// <summary>The indexes of the cell formats (<c>cellXfs</c>) that show a number as a date or time.</summary>
        public HashSet<int> DateStyles(string path)
        {
            using var xml = Open(path, required: false);
            var customFormats = new Dictionary<int, string>();
            var dateStyles = new HashSet<int>();
            var inCellFormats = false;
            var index = 0;
            while (xml is not null && xml.Read())
            {
                if (xml.NamespaceURI != Main)
                {
                    continue;
                }

                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "numFmt"
                    && int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var formatId))
                {
                    customFormats[formatId] = xml.GetAttribute("formatCode") ?? string.Empty;
                }
                else if (xml.LocalName == "cellXfs")
                {
                    inCellFormats = xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement;
                }
                else if (inCellFormats && xml.NodeType == XmlNodeType.Element && xml.LocalName == "xf")
                {
                    _ = int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id);
                    if (IsDateFormat(id, customFormats.GetValueOrDefault(id)))
                    {
                        dateStyles.Add(index);
                    }

                    if (++index > limits.MaxCells)
                    {
                        throw Refuse("import.xlsx-too-complex", "The workbook defines more cell formats than the import reads; save the sheet as CSV and import that.");
                    }
                }
            }

            return dateStyles;
        }

        public List<string> SharedStrings(string path)
        {
            using var xml = Open(path, required: false);
            var strings = new List<string>();
            while (xml is not null && xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si" && xml.NamespaceURI == Main)
                {
                    if (strings.Count >= limits.MaxCells)
                    {
                        throw Refuse("import.too-many-cells", $"The workbook holds more than {limits.MaxCells:N0} different texts; split it into smaller files.");
                    }

                    strings.Add(ReadText(xml).Trim());
                }
            }

            return strings;
        }

        /// <summary>The sheet as a table, or null when it holds no value at all.</summary>
        public ImportTable? ReadSheet(SheetPart sheet, List<string> strings, HashSet<int> dateStyles, bool date1904, int maxRows)
        {
            using var xml = Open(sheet.Path, required: true)!;
            var rows = new List<(int Row, List<(int Column, string Text)> Cells)>();
            List<(int Column, string Text)>? current = null;
            int rowNumber = 0, column = 0, firstColumn = int.MaxValue, lastColumn = 0;
            long cells = 0;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Main)
                {
                    continue;
                }

                if (xml.LocalName == "row")
                {
                    rowNumber = xml.GetAttribute("r") is { } r ? ParseIndex(r, ExcelMaxRow) : rowNumber + 1;
                    column = 0;
                    current = null;
                    continue;
                }

                if (xml.LocalName != "c")
                {
                    continue;
                }

                column = xml.GetAttribute("r") is { } reference ? ColumnOf(reference) : column + 1;
                var type = xml.GetAttribute("t");
                _ = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style);
                var text = xml.IsEmptyElement ? null : CellText(xml, type, dateStyles.Contains(style), date1904, strings);
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                if (current is null)
                {
                    if (rows.Count > maxRows)
                    {
                        throw Refuse("import.too-many-rows", $"The sheet has more than {maxRows:N0} rows; split it into smaller files.");
                    }

                    current = [];
                    rows.Add((Math.Max(rowNumber, 1), current));
                }

                current.Add((column, text));
                (firstColumn, lastColumn) = (Math.Min(firstColumn, column), Math.Max(lastColumn, column));
                if (lastColumn - firstColumn + 1 > limits.MaxColumns)
                {
                    throw Refuse("import.too-many-columns", $"The sheet has data in columns {ColumnName(firstColumn)} to {ColumnName(lastColumn)}; the import reads at most {limits.MaxColumns:N0} columns. Delete the columns you do not need, or clear stray values far to the right, and import again.");
                }

                // Each row becomes one array as wide as the data: bound rows × width, not only the cells written.
                if (++cells > limits.MaxCells || (long)rows.Count * (lastColumn - firstColumn + 1) > limits.MaxCells)
                {
                    throw Refuse("import.too-many-cells", $"The sheet has more than {limits.MaxCells:N0} cells (rows × columns); split it into smaller files.");
                }
            }

            if (rows.Count == 0)
            {
                return null;
            }

            rows.Sort((a, b) => a.Row.CompareTo(b.Row));
            var width = lastColumn - firstColumn + 1;
            string?[] Dense(List<(int Column, string Text)> sparse)
            {
                var values = new string?[width];
                foreach (var (c, text) in sparse)
                {
                    values[c - firstColumn] = text;
                }

                return values;
            }

            var headers = Dense(rows[0].Cells).Select(h => h ?? string.Empty).ToArray();
            var table = new List<TableRow>(rows.Count - 1);
            for (var i = 1; i < rows.Count; i++)
            {
                table.Add(new TableRow(rows[i].Row, Dense(rows[i].Cells)));
            }

            var blank = rows[^1].Row - rows[0].Row - (rows.Count - 1);
            return new ImportTable(ImportFormat.Xlsx, null, null, headers, table, [], blank);
        }

        private string? CellText(XmlReader xml, string? type, bool isDate, bool date1904, List<string> strings)
        {
            string? value = null;
            string? inline = null;
            var depth = xml.Depth;
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Main)
                {
                    continue;
                }

                if (xml.LocalName == "v")
                {
                    value = xml.ReadElementContentAsString();
                    CountText(value.Length);
                    if (xml.Depth <= depth)
                    {
                        break;
                    }
                }
                else if (xml.LocalName == "is")
                {
                    inline = ReadText(xml);
                }
            }

            return type switch
            {
                "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < strings.Count ? strings[index] : null,
                "inlineStr" => inline?.Trim(),
                "str" or "e" => value?.Trim(),
                "b" => value is null ? null : value.Trim() is "1" or "true" ? "TRUE" : "FALSE",
                "d" => value is null ? null : DateText(DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)),
                _ => value is null ? null : NumberText(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture), isDate, date1904),
            };
        }

        /// <summary>The text of a string item (<c>si</c> or <c>is</c>): the text of its <c>t</c> elements, without phonetic guides (<c>rPh</c>).</summary>
        private string ReadText(XmlReader xml)
        {
            if (xml.IsEmptyElement)
            {
                return string.Empty;
            }

            var depth = xml.Depth;
            var phoneticDepth = -1;
            var inText = false;
            var text = new System.Text.StringBuilder();
            while (xml.Read() && xml.Depth > depth)
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement && phoneticDepth < 0:
                        phoneticDepth = xml.Depth;
                        break;
                    case XmlNodeType.EndElement when xml.Depth == phoneticDepth:
                        phoneticDepth = -1;
                        break;
                    case XmlNodeType.Element when xml.LocalName == "t":
                        inText = !xml.IsEmptyElement;
                        break;
                    case XmlNodeType.EndElement when xml.LocalName == "t":
                        inText = false;
                        break;
                    case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA
                        when inText && phoneticDepth < 0:
                        CountText(xml.Value.Length);
                        text.Append(xml.Value);
                        break;
                }
            }

            return text.ToString();
        }

        private void CountText(int chars)
        {
            _textChars += chars;
            if (_textChars > limits.MaxTextChars)
            {
                throw Refuse("import.too-much-text", $"The workbook holds more than {limits.MaxTextChars:N0} characters of text; split it into smaller files.");
            }
        }

        private XmlReader? Open(string path, bool required)
        {
            var entry = zip.GetEntry(path) ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));
            if (entry is null)
            {
                return required ? throw new InvalidDataException($"The part {path} is missing.") : null;
            }

            var stream = new BoundedXmlStream(entry.Open(), this);
            return XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
            });
        }

        internal void CountUnzipped(int bytes)
        {
            _unzippedBytes += bytes;
            if (_unzippedBytes > limits.MaxUnzippedBytes)
            {
                throw Refuse("import.xlsx-too-large", $"The workbook unpacks to more than {ImportTableReader.FormatSize(limits.MaxUnzippedBytes)}; split it into smaller files or save it as CSV.");
            }
        }
    }

    /// <summary>
    /// A part's unzipped bytes, counted against the package's budget; a run of more than a megabyte without a '&gt;'
    /// (one tag or text longer than any sheet needs, which an XML reader would buffer whole) is refused.
    /// </summary>
    private sealed class BoundedXmlStream(Stream inner, Package package) : Stream
    {
        private const int MaxToken = 1024 * 1024;
        private long _sinceTagEnd;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            package.CountUnzipped(read);
            var chunk = buffer[..read];
            var last = chunk.LastIndexOf((byte)'>');
            _sinceTagEnd = last < 0 ? _sinceTagEnd + read : read - last - 1;
            if (_sinceTagEnd > MaxToken)
            {
                throw Refuse("import.xlsx-unreadable", "The workbook holds a single value or tag longer than a megabyte; open it in Excel, save it again as .xlsx (or CSV) and import that.");
            }

            return read;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A number as the person sees it: dates as YYYY-MM-DD, whole numbers without decimals or exponent (phone numbers).</summary>
    private static string NumberText(double number, bool isDate, bool date1904)
    {
        if (isDate && number is >= 0 and < 2_958_466)
        {
            return DateText(DateTime.FromOADate(number + (date1904 ? 1462 : 0)));
        }

        return Math.Abs(number) < 1e15 && number == Math.Floor(number)
            ? number.ToString("0", CultureInfo.InvariantCulture)
            : number.ToString("G15", CultureInfo.InvariantCulture);
    }

    private static string DateText(DateTime date) => date.TimeOfDay == TimeSpan.Zero
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Excel's built-in date formats (including the Chinese, Japanese and Korean ones) and custom codes with date or time parts.</summary>
    internal static bool IsDateFormat(int id, string? code)
    {
        if (id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58))
        {
            return true;
        }

        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        // Drop quoted text, escaped characters and bracketed parts (colours, locales, conditions) before looking.
        var plain = new System.Text.StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    i = code.IndexOf('"', i + 1) is var close and >= 0 ? close : code.Length;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    var inside = end < 0 ? string.Empty : code[(i + 1)..end].ToLowerInvariant();
                    if (inside.Length > 0 && inside.All(c => c is 'h' or 'm' or 's'))
                    {
                        plain.Append('h');
                    }

                    i = end < 0 ? code.Length : end;
                    break;
                default:
                    plain.Append(char.ToLowerInvariant(code[i]));
                    break;
            }
        }

        var text = plain.ToString();
        return text.IndexOfAny(['y', 'd', 'h', 's', 'm']) >= 0 && !text.Contains("general", StringComparison.Ordinal);
    }

    /// <summary>The 1-based column of a cell reference such as "B7" or "XFD1".</summary>
    internal static int ColumnOf(string reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > ExcelMaxColumn)
            {
                throw new FormatException($"Column {reference} is beyond Excel's last column.");
            }
        }

        return i == 0 ? throw new FormatException($"\"{reference}\" is not a cell reference.") : column;
    }

    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private static int ParseIndex(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 && value <= max
            ? value
            : throw new FormatException($"\"{text}\" is not a row number.");

    private static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..(slash + 1)] : string.Empty;

    /// <summary>A relationship's target as a path inside the zip: absolute ("/xl/…") or relative to the part's folder ("../…" allowed).</summary>
    private static string Resolve(string baseFolder, string target)
    {
        var parts = new List<string>();
        var full = target.StartsWith('/') ? target[1..] : baseFolder + target;
        foreach (var segment in full.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }
}
