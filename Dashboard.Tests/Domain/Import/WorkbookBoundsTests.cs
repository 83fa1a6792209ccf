using System.Text;
using Dashboard.Domain.Common;
using Dashboard.Domain.Import;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Dashboard.Tests.Support.XlsxFiles;

namespace Dashboard.Tests.Domain.Import;

/// <summary>
/// Workbooks made to exhaust the server: every kind of work a file can cause is bounded while it is read, and a file
/// over a bound is refused with a message that says which, before the work is done.
/// </summary>
public sealed class WorkbookBoundsTests : ImportTest
{
    private ImportOptions Limits => App.Services.GetRequiredService<IOptions<ImportOptions>>().Value;

    [Fact]
    public async Task TheDimensionBomb_CellsAtA1XFD1AndA1200_IsRefusedNamingTheColumns_WithoutAllocatingTheSheet()
    {
        // The probe's 1.6 KB file: a used range of 16,384 × 1,200 cells that a whole-sheet reader fills in.
        var bomb = Workbook(Row(1, "Name") + "<row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>" + Row(1200, "张伟"), dimension: "A1:XFD1200");
        Assert.True(bomb.Length < 2_000, $"the file is {bomb.Length} bytes");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(bomb, "bomb.xlsx", new ImportRequest(), Limits));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal("import.too-many-columns", refusal.Code);
        Assert.Contains("columns A to XFD", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("at most 256 columns", refusal.Message, StringComparison.Ordinal);
        Assert.True(allocated < 4_000_000, $"reading the bomb allocated {allocated:N0} bytes");

        var result = await TryImportAsync(TeamLead, bomb, new ImportRequest { DryRun = true }, "bomb.xlsx");
        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(("File", "import.too-many-columns"), (result.Errors[0].Field, result.Errors[0].Code));
    }

    [Fact]
    public async Task RowsFarApart_AreReadWithoutTheBlankRowsBetween()
    {
        var file = Workbook(Row(1, "Name", "Phone") + Row(1_000_000, "张伟", "13812345678"), dimension: "A1:B1048576");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var table = ImportTableReader.Read(file, "far.xlsx", new ImportRequest(), Limits);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        var row = Assert.Single(table.Rows);
        Assert.Equal((1_000_000, "张伟"), (row.Row, row.Fields[0]));
        Assert.Equal(999_998, table.BlankRows);
        Assert.True(allocated < 4_000_000, $"reading allocated {allocated:N0} bytes");
        var report = await ImportAsync(file, "far.xlsx");
        Assert.Equal(1, report.Created);
    }

    [Fact]
    public void CellsWithoutAValue_DoNotWidenTheSheet()
    {
        // Formatting reaching column XFD (a styled but empty cell) is not data.
        var file = Workbook(Row(1, "Name") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张伟</t></is></c><c r=\"XFD2\" s=\"0\"/></row>");

        var table = ImportTableReader.Read(file, "styled.xlsx", new ImportRequest(), Limits);

        Assert.Equal(["Name"], table.Headers);
        Assert.Equal("张伟", Assert.Single(table.Rows).Fields.Single());
    }

    [Fact]
    public void ManyRowsOfAWideSheet_AreRefusedByCellCount_BeforeTheRowsAreKept()
    {
        Limits.MaxCells = 1_000;
        var data = new StringBuilder(Row(1, [.. Enumerable.Range(1, 100).Select(i => $"H{i}")]));
        for (var row = 2; row <= 20; row++)
        {
            data.Append($"<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"CV{row}\"><v>1</v></c></row>");
        }

        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(Workbook(data.ToString()), "wide.xlsx", new ImportRequest(), Limits));

        Assert.Equal("import.too-many-cells", refusal.Code);
        Assert.Contains("1,000 cells", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreRowsThanAllowed_AreRefused()
    {
        Limits.MaxRows = 3;
        var data = string.Concat(Enumerable.Range(1, 5).Select(r => Row(r, $"v{r}")));

        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(Workbook(data), "rows.xlsx", new ImportRequest(), Limits));

        Assert.Equal("import.too-many-rows", refusal.Code);
    }

    [Fact]
    public void AZipBomb_IsRefusedOnceItsUnpackedBytesPassTheBound()
    {
        Limits.MaxUnzippedBytes = 1024 * 1024;
        // 4 MB of whitespace between rows compresses to a few kilobytes.
        var padding = new string(' ', 4 * 1024 * 1024);
        var file = Workbook(Row(1, "Name") + padding.Replace("    ", "<!---->", StringComparison.Ordinal) + Row(2, "张伟"));
        Assert.True(file.Length < 100_000, $"the file is {file.Length} bytes");

        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(file, "zip.xlsx", new ImportRequest(), Limits));

        Assert.Equal("import.xlsx-too-large", refusal.Code);
        Assert.Contains("unpacks to more than 1 MB", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATokenLongerThanAMegabyte_IsRefusedBeforeTheXmlReaderBuffersIt()
    {
        var file = Workbook(Row(1, "Name") + $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{new string('x', 3 * 1024 * 1024)}</t></is></c></row>");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(file, "long.xlsx", new ImportRequest(), Limits));
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal("import.xlsx-unreadable", refusal.Code);
        Assert.Contains("longer than a megabyte", refusal.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16_000_000, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void TooManySharedStrings_OrTooMuchText_IsRefused()
    {
        Limits.MaxCells = 50;
        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(
            Workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: Enumerable.Range(0, 51).Select(i => $"s{i}")),
            "strings.xlsx", new ImportRequest(), Limits));
        Assert.Equal("import.too-many-cells", refusal.Code);

        Limits.MaxCells = 4_000_000;
        Limits.MaxTextChars = 10_000;
        refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(
            Workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: Enumerable.Range(0, 20).Select(_ => new string('长', 1_000))),
            "text.xlsx", new ImportRequest(), Limits));
        Assert.Equal("import.too-much-text", refusal.Code);
    }

    [Fact]
    public void AWorkbookOfManyParts_IsRefusedBeforeItsDirectoryIsRead()
    {
        Limits.MaxZipEntries = 20;
        var parts = Enumerable.Range(0, 30).Select(i => ($"xl/media/pad{i}.xml", "<x/>"));

        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(
            Workbook(Row(1, "Name"), extraParts: parts), "parts.xlsx", new ImportRequest(), Limits));

        Assert.Equal("import.xlsx-too-complex", refusal.Code);
    }

    [Fact]
    public void ADocumentTypeDeclaration_IsRefused()
    {
        var file = Zip([("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><workbook>&lol2;</workbook>")]);

        var refusal = Assert.Throws<ImportFileException>(() => ImportTableReader.Read(file, "dtd.xlsx", new ImportRequest(), Limits));

        Assert.Equal("import.xlsx-unreadable", refusal.Code);
    }

    [Fact]
    public async Task ACsvHeaderOfMoreColumnsThanAllowed_IsRefused()
    {
        var csv = string.Join(',', Enumerable.Range(1, 300).Select(i => $"C{i}")) + "\n" + string.Join(',', Enumerable.Range(1, 300)) + "\n";

        var result = await TryImportAsync(TeamLead, csv, new ImportRequest { DryRun = true });

        Assert.Equal("import.too-many-columns", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void ACsvRowOfMillionsOfDelimiters_KeepsOnlyOneFieldMoreThanTheLimit()
    {
        var csv = "Name,Phone\n张伟,13812345678\n李娜" + new string(',', 2_000_000) + "\n";

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var table = ImportTableReader.Read(Encoding.UTF8.GetBytes(csv), "commas.csv", new ImportRequest(), Limits);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal("csv.extra-fields", Assert.Single(table.Malformed).Code);
        Assert.True(allocated < 40_000_000, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void SharedStrings_RichTextRuns_AndPhoneticGuides_ReadAsTheCellShowsThem()
    {
        var file = Workbook(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" s=\"1\"><v>31149</v></c><c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\"><f>1+1</f><v>13812345678</v></c></row>",
            sharedStrings: ["姓名", "出生日期", "启用", "手机", "<r><t>张</t></r>\n  <r><rPr><b/></rPr><t>伟</t></r><rPh sb=\"0\" eb=\"2\"><t>zhang wei</t></rPh>"],
            styles: "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs>");

        var table = ImportTableReader.Read(file, "rich.xlsx", new ImportRequest(), Limits);

        Assert.Equal(["姓名", "出生日期", "启用", "手机"], table.Headers);
        Assert.Equal(["张伟", "1985-04-12", "TRUE", "13812345678"], Assert.Single(table.Rows).Fields.Select(f => f ?? string.Empty));
    }

    [Theory]
    [InlineData(14, null, true)]
    [InlineData(31, null, true)]
    [InlineData(0, null, false)]
    [InlineData(49, null, false)]
    [InlineData(164, "yyyy/mm/dd", true)]
    [InlineData(165, "[$-804]yyyy\"年\"m\"月\"", true)]
    [InlineData(166, "#,##0.00 \"m²\"", false)]
    [InlineData(167, "[Red]#,##0;-#,##0", false)]
    [InlineData(168, "[h]:mm", true)]
    [InlineData(169, "0.00E+00", false)]
    public void DateFormats_AreKnownByIdAndByCode(int id, string? code, bool isDate) =>
        Assert.Equal(isDate, XlsxSheetReader.IsDateFormat(id, code));

    [Fact]
    public void A1904Workbook_ReadsDatesFromItsOwnEpoch()
    {
        var file = Workbook(Row(1, "Date") + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>29687</v></c></row>",
            styles: "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>", date1904: true);

        var table = ImportTableReader.Read(file, "mac.xlsx", new ImportRequest(), Limits);

        Assert.Equal("1985-04-12", Assert.Single(table.Rows).Fields[0]);
    }
}
