using System.Text;
using ClosedXML.Excel;
using Dashboard.Domain.Common;
using Dashboard.Domain.Import;

namespace Dashboard.Tests.Domain.Import;

/// <summary>Files as people save them: encodings, delimiters, quoting, malformed rows and Excel workbooks.</summary>
public sealed class ImportFileReadingTests : ImportTest
{
    static ImportFileReadingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task AGb18030File_AsChineseExcelSavesIt_RoundTripsEveryCharacter()
    {
        // 𠮷 (U+20BB7) is outside GBK: only real GB18030 (four bytes) holds it, so GBK-only decoding would fail here.
        const string Text = "姓名,公司,地址\r\n王𠮷,上海星辰贸易有限公司,上海市浦东新区世纪大道100号\r\n欧阳娜娜,北京鑫源科技有限公司,北京市朝阳区\r\n";
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var report = await ImportAsync(bytes, "客户.csv");

        Assert.Equal(("gb18030", ",", 2), (report.Encoding, report.Delimiter, report.Created));
        var cards = await CardsAsync();
        Assert.Equal(["王𠮷", "欧阳娜娜"], cards.Select(c => c.Name));
        Assert.Equal(["上海星辰贸易有限公司", "北京鑫源科技有限公司"], cards.Select(c => c.Company));
        Assert.Equal("上海市浦东新区世纪大道100号", cards[0].Address);
    }

    [Theory]
    [InlineData(true, "utf-8-bom")]
    [InlineData(false, "utf-8")]
    public async Task Utf8_WithOrWithoutAByteOrderMark_IsReadAsUtf8(bool bom, string expected)
    {
        byte[] text = [.. Encoding.UTF8.GetBytes("姓名,手机\n张伟,13812345678\n")];
        var bytes = bom ? [.. Encoding.UTF8.GetPreamble(), .. text] : text;

        var report = await ImportAsync(bytes, "utf8.csv");

        Assert.Equal(expected, report.Encoding);
        Assert.Equal("Name", report.Columns[0].Field);
        Assert.Equal("张伟", Assert.Single(await CardsAsync()).Name);
    }

    [Theory]
    [InlineData(";", "姓名;手机;地址\n张伟;13812345678;上海市, 浦东新区\n")]
    [InlineData("\t", "姓名\t手机\t地址\n张伟\t13812345678\t上海市, 浦东新区\n")]
    [InlineData("|", "姓名|手机|地址\n张伟|13812345678|上海市, 浦东新区\n")]
    [InlineData(",", "姓名,手机,地址\n张伟,13812345678,\"上海市, 浦东新区\"\n")]
    public async Task TheDelimiter_IsDetected(string delimiter, string csv)
    {
        var report = await ImportAsync(csv);

        Assert.Equal(delimiter, report.Delimiter);
        Assert.Equal("上海市, 浦东新区", Assert.Single(await CardsAsync()).Address);
    }

    [Fact]
    public async Task ARowWithAnExtraField_IsReported_AndNoValueShiftsIntoAnotherColumn()
    {
        var report = await ImportAsync("Name,Phone,Title\n张伟,13812345678,Buyer\n李娜,13912345678,Sales, Asia,extra\n王芳,13712345678,Manager\n");

        Assert.Equal((3, 2, 1), (report.RowsRead, report.Created, report.Invalid));
        var error = Assert.Single(report.Errors);
        Assert.Equal((3, null, "csv.extra-fields"), (error.Row, error.Column, error.Code));
        Assert.Contains("5 fields but the header has 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(["Buyer", "Manager"], (await CardsAsync()).Select(c => c.Title));
    }

    [Fact]
    public async Task ARowWithTooFewFields_IsReported()
    {
        var report = await ImportAsync("Name,Phone,Title\n张伟,13812345678\n王芳,13712345678,Manager\n");

        Assert.Equal("csv.missing-fields", Assert.Single(report.Errors).Code);
        Assert.Equal(1, report.Created);
    }

    [Fact]
    public async Task AnUnclosedQuote_CostsOnlyItsOwnRow()
    {
        var report = await ImportAsync("Name,Phone,Title\n张伟,13812345678,\"Buyer\n李娜,13912345678,Sales\n王芳,13712345678,Manager\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "csv.unclosed-quote"), (error.Row, error.Code));
        Assert.Equal(["李娜", "王芳"], (await CardsAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task AQuoteClosedOnALaterRow_IsReported_AndTheRowsInBetweenAreNotSwallowed()
    {
        var report = await ImportAsync("Name,Phone,Title\n张伟,13812345678,\"Buyer\n李娜,13912345678,Sales\n王芳,13712345678,\"Manager\"\n");

        Assert.Equal("csv.unclosed-quote", Assert.Single(report.Errors, e => e.Row == 2).Code);
        Assert.Contains("李娜", (await CardsAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task TextAfterAClosingQuote_IsReported()
    {
        var report = await ImportAsync("Name,Phone,Title\n张伟,13812345678,\"Buyer\" in chief\n李娜,13912345678,Sales\n");

        Assert.Equal("csv.text-after-quote", Assert.Single(report.Errors).Code);
        Assert.Equal("李娜", Assert.Single(await CardsAsync()).Name);
    }

    [Fact]
    public async Task QuotedFields_KeepDelimitersLineBreaksAndDoubledQuotes()
    {
        var report = await ImportAsync("Name,Phone,Address,Title\n张伟,13812345678,\"上海市\n浦东新区, 世纪大道\",\"The \"\"big\"\" buyer\"\n李娜,13912345678,,Sales\n");

        Assert.Equal(2, report.Created);
        var card = (await CardsAsync())[0];
        Assert.Equal(("上海市\n浦东新区, 世纪大道", "The \"big\" buyer"), (card.Address, card.Title));
        Assert.Equal([2, 4], report.Preview.Select(p => p.Row));
    }

    [Fact]
    public async Task AnExcelWorkbook_IsRead_WithDateCellsAndNumbersAsTheyLook()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("客户");
        sheet.Cell(1, 1).Value = "姓名";
        sheet.Cell(1, 2).Value = "手机号码";
        sheet.Cell(1, 3).Value = "出生日期";
        sheet.Cell(1, 4).Value = "邮箱";
        sheet.Cell(2, 1).Value = "张伟";
        sheet.Cell(2, 2).Value = 13812345678d;
        sheet.Cell(2, 3).Value = new DateTime(1985, 4, 12);
        sheet.Cell(2, 4).Value = "zhangwei@example.com";
        sheet.Cell(4, 1).Value = "李娜";
        sheet.Cell(4, 2).Value = "139-1234-5678";
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var report = await ImportAsync(stream.ToArray(), "客户.xlsx");

        Assert.Equal((ImportFormat.Xlsx, null, 2), (report.Format, report.Encoding, report.Created));
        Assert.Equal([2, 4], report.Preview.Select(p => p.Row));
        var card = (await CardsAsync())[0];
        Assert.Equal((new DateOnly(1985, 4, 12), "+8613812345678"), (card.DateOfBirth, card.ContactPoints.Single(p => p.Kind == Dashboard.Domain.Customers.ContactKind.Phone).Value));
    }

    [Theory]
    [InlineData("customers.xls", new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "import.xls")]
    [InlineData("customers.xlsx", new byte[] { 0x41, 0x42, 0x43 }, "import.xlsx-unreadable")]
    [InlineData("customers.csv", new byte[0], "import.empty")]
    [InlineData("customers.xlsx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, "import.xlsx-unreadable")]
    public async Task AFileThatCannotBeRead_IsRefusedWithAReason(string fileName, byte[] content, string code)
    {
        var result = await TryImportAsync(TeamLead, content, fileName: fileName);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(code, Assert.Single(result.Errors).Code);
        Assert.Equal(0, await CardCountAsync());
    }
}
