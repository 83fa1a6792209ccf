using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// Writes a CSV (as <see cref="ImportSampleFile"/> makes it) into a one-sheet XLSX workbook of shared strings, as Excel
/// saves a sheet: for timing and measuring the import of a workbook of realistic size.
/// </summary>
internal static class SampleWorkbook
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <param name="inline">Texts written in their cells (as some exporters do) instead of a shared-string table: a larger file.</param>
    public static void Write(string csvPath, string xlsxPath, bool inline = false)
    {
        var rows = new List<string[]>();
        using (var reader = new StreamReader(csvPath, Encoding.UTF8))
        using (var csv = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture))
        {
            while (csv.Read())
            {
                rows.Add(csv.Record!);
            }
        }

        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        int Index(string text)
        {
            if (!strings.TryGetValue(text, out var index))
            {
                strings[text] = index = order.Count;
                order.Add(text);
            }

            return index;
        }

        using var file = File.Create(xlsxPath);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Part(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
        Part(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Part(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Part(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
        using (var sheet = XmlWriter.Create(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open(), new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true }))
        {
            sheet.WriteStartElement("worksheet", Main);
            sheet.WriteStartElement("sheetData", Main);
            for (var r = 0; r < rows.Count; r++)
            {
                sheet.WriteStartElement("row", Main);
                sheet.WriteAttributeString("r", (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                for (var c = 0; c < rows[r].Length; c++)
                {
                    if (rows[r][c].Length == 0)
                    {
                        continue;
                    }

                    sheet.WriteStartElement("c", Main);
                    sheet.WriteAttributeString("r", $"{(char)('A' + c)}{r + 1}");
                    if (inline)
                    {
                        sheet.WriteAttributeString("t", "inlineStr");
                        sheet.WriteStartElement("is", Main);
                        sheet.WriteElementString("t", Main, rows[r][c]);
                        sheet.WriteEndElement();
                    }
                    else
                    {
                        sheet.WriteAttributeString("t", "s");
                        sheet.WriteElementString("v", Main, Index(rows[r][c]).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    sheet.WriteEndElement();
                }

                sheet.WriteEndElement();
            }

            sheet.WriteEndElement();
            sheet.WriteEndElement();
        }

        using var shared = XmlWriter.Create(zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open(), new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = true });
        shared.WriteStartElement("sst", Main);
        foreach (var text in order)
        {
            shared.WriteStartElement("si", Main);
            shared.WriteElementString("t", Main, text);
            shared.WriteEndElement();
        }

        shared.WriteEndElement();
    }

    private static void Part(ZipArchive zip, string path, string content)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
