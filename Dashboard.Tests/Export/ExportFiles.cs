using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace Dashboard.Tests.Export;

/// <summary>Reads exported files back the way a spreadsheet user would see them: a header row and data rows.</summary>
public static class ExportFiles
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static bool StartsWithUtf8Bom(byte[] file) => file.AsSpan().StartsWith(Utf8Bom);

    public static List<string[]> ReadCsv(byte[] file)
    {
        using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? string.Empty).ToArray());
        }

        return rows;
    }

    /// <summary>The first sheet's used range as text, as ClosedXML (and so Excel) reads it.</summary>
    public static List<string[]> ReadXlsx(byte[] file, out IXLWorksheet sheet, out XLWorkbook workbook)
    {
        workbook = new XLWorkbook(new MemoryStream(file));
        sheet = workbook.Worksheet(1);
        var used = sheet.RangeUsed();
        var columns = used?.ColumnCount() ?? 0;
        var ws = sheet;
        return used is null
            ? []
            : used.Rows().Select(r => Enumerable.Range(1, columns).Select(c => ws.Cell(r.RowNumber(), c).GetString()).ToArray()).ToList();
    }

    /// <summary>The column of one header name.</summary>
    public static string[] Column(List<string[]> rows, string header)
    {
        var index = Array.IndexOf(rows[0], header);
        Assert.True(index >= 0, $"No column {header} in: {string.Join(", ", rows[0])}");
        return rows.Skip(1).Select(r => r[index]).ToArray();
    }
}
