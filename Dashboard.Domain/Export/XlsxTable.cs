using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Dashboard.Domain.Export;

/// <summary>
/// Writes an XLSX workbook (one sheet) row by row, straight into a zip in a temporary file, so that memory stays
/// flat however many rows there are; the file is copied to the output at the end. (ClosedXML, used to read
/// spreadsheets on import, holds the whole workbook in memory: about 2 GB for 100,000 cards.) Texts are inline
/// strings, never parsed into numbers, dates or formulas; numbers and dates keep their type. The header row is
/// bold, frozen and filterable.
/// </summary>
internal sealed class XlsxTable : ExportTable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const int SizingRows = 100;
    private const int MaxCellText = 32_767;
    private const byte HeaderStyle = 1;
    private const byte DateStyle = 2;
    private const byte TimeStyle = 3;

    private readonly Stream _output;
    private readonly string _sheetName;
    private readonly FileStream _file;
    private readonly ZipArchive _zip;
    private readonly List<IReadOnlyList<ExportValue>> _firstRows = [];
    private Stream? _sheetStream;
    private XmlWriter? _sheet;
    private int _rows;
    private int _columns;

    public XlsxTable(Stream output, string sheetName)
    {
        _output = output;
        _sheetName = SheetName(sheetName);
        _file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
    }

    public override Task WriteRowAsync(IReadOnlyList<ExportValue> row, CancellationToken ct)
    {
        _columns = Math.Max(_columns, row.Count);
        if (_sheet is null)
        {
            // The column widths come before the rows in the file: measure them on the first rows.
            _firstRows.Add(row);
            if (_firstRows.Count == SizingRows)
            {
                StartSheet();
            }
        }
        else
        {
            WriteRow(row);
        }

        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public override async Task CompleteAsync(CancellationToken ct)
    {
        if (_sheet is null)
        {
            StartSheet();
        }

        _sheet!.WriteEndElement();
        if (_rows > 1)
        {
            _sheet.WriteStartElement("autoFilter", Main);
            _sheet.WriteAttributeString("ref", FilterRange());
            _sheet.WriteEndElement();
        }

        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheet = null;
        await _sheetStream!.DisposeAsync();
        _sheetStream = null;

        WritePackageParts();
        _zip.Dispose();
        _file.Position = 0;
        await _file.CopyToAsync(_output, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        _sheet?.Dispose();
        if (_sheetStream is not null)
        {
            await _sheetStream.DisposeAsync();
        }

        _zip.Dispose();
        await _file.DisposeAsync();
    }

    private static XmlWriter Xml(Stream stream) =>
        XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });

    /// <summary>Excel refuses sheet names over 31 characters or with : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim('\'');
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(clean.Length, 31)];
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Drops the few characters XML cannot carry (control characters other than tab and line breaks).</summary>
    private static string XmlSafe(string text)
    {
        var safe = text.Length > MaxCellText ? text[..MaxCellText] : text;
        if (safe.All(XmlConvert.IsXmlChar))
        {
            return safe;
        }

        var builder = new StringBuilder(safe.Length);
        for (var i = 0; i < safe.Length; i++)
        {
            if (XmlConvert.IsXmlChar(safe[i]))
            {
                builder.Append(safe[i]);
            }
            else if (i + 1 < safe.Length && XmlConvert.IsXmlSurrogatePair(safe[i + 1], safe[i]))
            {
                builder.Append(safe, i++, 2);
            }
        }

        return builder.ToString();
    }

    private string FilterRange() => $"A1:{ColumnName(Math.Max(_columns, 1) - 1)}{_rows.ToString(CultureInfo.InvariantCulture)}";

    private void StartSheet()
    {
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _sheet = Xml(_sheetStream);
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetViews", Main);
        _sheet.WriteStartElement("sheetView", Main);
        _sheet.WriteAttributeString("workbookViewId", "0");
        _sheet.WriteStartElement("pane", Main);
        _sheet.WriteAttributeString("ySplit", "1");
        _sheet.WriteAttributeString("topLeftCell", "A2");
        _sheet.WriteAttributeString("activePane", "bottomLeft");
        _sheet.WriteAttributeString("state", "frozen");
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        if (_columns > 0)
        {
            _sheet.WriteStartElement("cols", Main);
            for (var column = 0; column < _columns; column++)
            {
                // CJK characters are about twice as wide as Latin ones.
                var widest = _firstRows.Where(r => column < r.Count).Select(r => Display(r[column].Value).Sum(c => c >= '\u2E80' ? 2 : 1)).DefaultIfEmpty(0).Max();
                _sheet.WriteStartElement("col", Main);
                _sheet.WriteAttributeString("min", (column + 1).ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("max", (column + 1).ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("width", Math.Clamp(widest + 2, 8, 60).ToString(CultureInfo.InvariantCulture));
                _sheet.WriteAttributeString("customWidth", "1");
                _sheet.WriteEndElement();
            }

            _sheet.WriteEndElement();
        }

        _sheet.WriteStartElement("sheetData", Main);
        foreach (var row in _firstRows)
        {
            WriteRow(row);
        }

        _firstRows.Clear();
    }

    private static string Display(object? value) => value switch
    {
        string text => text,
        DateOnly => "yyyy-mm-dd",
        DateTime => "yyyy-mm-dd hh:mm:ss",
        decimal number => number.ToString("G29", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    private void WriteRow(IReadOnlyList<ExportValue> row)
    {
        _rows++;
        var rowNumber = _rows.ToString(CultureInfo.InvariantCulture);
        var sheet = _sheet!;
        sheet.WriteStartElement("row", Main);
        sheet.WriteAttributeString("r", rowNumber);
        for (var column = 0; column < row.Count; column++)
        {
            var value = row[column].Value;
            if (value is null)
            {
                continue;
            }

            sheet.WriteStartElement("c", Main);
            sheet.WriteAttributeString("r", ColumnName(column) + rowNumber);
            switch (value)
            {
                case decimal number:
                    sheet.WriteElementString("v", Main, number.ToString("G29", CultureInfo.InvariantCulture));
                    break;
                case DateOnly date:
                    sheet.WriteAttributeString("s", DateStyle.ToString(CultureInfo.InvariantCulture));
                    sheet.WriteElementString("v", Main, date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                    break;
                case DateTime time:
                    sheet.WriteAttributeString("s", TimeStyle.ToString(CultureInfo.InvariantCulture));
                    sheet.WriteElementString("v", Main, time.ToOADate().ToString("0.##########", CultureInfo.InvariantCulture));
                    break;
                default:
                    var text = XmlSafe(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    sheet.WriteAttributeString("t", "inlineStr");
                    if (_rows == 1)
                    {
                        sheet.WriteAttributeString("s", HeaderStyle.ToString(CultureInfo.InvariantCulture));
                    }

                    sheet.WriteStartElement("is", Main);
                    sheet.WriteStartElement("t", Main);
                    if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal)))
                    {
                        sheet.WriteAttributeString("xml", "space", null, "preserve");
                    }

                    sheet.WriteString(text);
                    sheet.WriteEndElement();
                    sheet.WriteEndElement();
                    break;
            }

            sheet.WriteEndElement();
        }

        sheet.WriteEndElement();
    }

    private void WritePackageParts()
    {
        WritePart("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """);
        WritePart("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        WritePart("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """);

        // Styles: 0 plain, 1 bold (header), 2 date, 3 date and time.
        WritePart("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
            """);

        using var stream = _zip.CreateEntry("xl/workbook.xml", CompressionLevel.Fastest).Open();
        using var workbook = Xml(stream);
        workbook.WriteStartDocument(standalone: true);
        workbook.WriteStartElement("workbook", Main);
        workbook.WriteAttributeString("xmlns", "r", null, Relationships);
        workbook.WriteStartElement("sheets", Main);
        workbook.WriteStartElement("sheet", Main);
        workbook.WriteAttributeString("name", _sheetName);
        workbook.WriteAttributeString("sheetId", "1");
        workbook.WriteAttributeString("id", Relationships, "rId1");
        workbook.WriteEndElement();
        workbook.WriteEndElement();
        if (_rows > 1)
        {
            // Excel keeps the header's filter range under this hidden name.
            workbook.WriteStartElement("definedNames", Main);
            workbook.WriteStartElement("definedName", Main);
            workbook.WriteAttributeString("name", "_xlnm._FilterDatabase");
            workbook.WriteAttributeString("localSheetId", "0");
            workbook.WriteAttributeString("hidden", "1");
            var range = FilterRange().Split(':');
            workbook.WriteString($"'{_sheetName.Replace("'", "''", StringComparison.Ordinal)}'!{Absolute(range[0])}:{Absolute(range[1])}");
            workbook.WriteEndElement();
            workbook.WriteEndElement();
        }

        workbook.WriteEndElement();
        workbook.WriteEndDocument();
    }

    private static string Absolute(string cell)
    {
        var letters = new string(cell.TakeWhile(char.IsLetter).ToArray());
        return $"${letters}${cell[letters.Length..]}";
    }

    private void WritePart(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = new UTF8Encoding(false).GetBytes(xml.Trim());
        stream.Write(bytes);
    }
}
