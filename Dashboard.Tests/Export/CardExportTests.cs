using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Export;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Export;

/// <summary>Exports hold what the user sees in the list, all of it, masked as on screen, readable by Excel, and audited.</summary>
public sealed class CardExportTests : ServiceTest
{
    private CardExportService Exports => App.Services.GetRequiredService<CardExportService>();

    [Fact]
    public async Task ASalesManagersExport_HasPhonesAndEmailsMaskedExactlyAsTheListShowsThem()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true).WithEmail("wang.xiaoming@example.com", primary: true));
        await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Company().WithPhone("+1 415 555 0100", primary: true).WithEmail("sales@example.org", primary: true));
        var query = new CardListQuery();

        var rows = ExportFiles.ReadCsv(await ExportAsync(Actors.SalesManager, query));

        var list = (await App.Queries.ListAsync(Actors.SalesManager, query)).Items;
        Assert.Equal(list.Select(c => c.Code), ExportFiles.Column(rows, "Code"));
        Assert.Equal(list.Select(c => c.PrimaryPhone), ExportFiles.Column(rows, "Phone"));
        Assert.Equal(list.Select(c => c.PrimaryEmail), ExportFiles.Column(rows, "E-mail"));
        var file = string.Join('\n', rows.Select(r => string.Join(',', r)));
        Assert.DoesNotContain("1234 5678", file, StringComparison.Ordinal);
        Assert.DoesNotContain("wang.xiaoming@", file, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Any(v => v.Contains("****", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheOwningTeamsExport_HasContactsInFull()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true));

        var rows = ExportFiles.ReadCsv(await ExportAsync(Actors.TeamLeadEast, new CardListQuery()));

        Assert.Equal(["+86 138 1234 5678"], ExportFiles.Column(rows, "Phone"));
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("Auditor")]
    [InlineData("Finance")]
    public async Task RolesThatMayNotExportCards_AreRefused_AndNothingIsWrittenOrAudited(string role)
    {
        await App.CreateCardAsync(SalesEast);
        var actor = role switch { "Sales" => SalesEast, "Auditor" => Actors.Auditor, _ => Actors.Finance };
        using var output = new MemoryStream();

        var result = await Exports.ExportCardsAsync(actor, new CardListQuery(), ExportFormat.Csv, output);

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Equal(0, output.Length);
        Assert.DoesNotContain(await App.AuditTrailAsync(), e => e.Action == CardExportService.CardsExportedAction);
    }

    [Fact]
    public async Task ATeamLeadsExport_HoldsOnlyTheTeamsCards_AsManyAsTheListCountsWithTheSameFilter()
    {
        for (var i = 0; i < 3; i++)
        {
            await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual($"East {i}").InStage(i == 0 ? LifecycleStage.Prospect : LifecycleStage.New));
            await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual($"West {i}").InStage(LifecycleStage.New));
        }

        var query = new CardListQuery { Stage = LifecycleStage.New };

        var rows = ExportFiles.ReadCsv(await ExportAsync(Actors.TeamLeadEast, query));

        var list = await App.Queries.ListAsync(Actors.TeamLeadEast, query);
        Assert.Equal(2, list.TotalCount);
        Assert.Equal(list.TotalCount, rows.Count - 1);
        Assert.All(ExportFiles.Column(rows, "Name"), name => Assert.StartsWith("East", name, StringComparison.Ordinal));
        Assert.All(ExportFiles.Column(rows, "Stage"), stage => Assert.Equal("New", stage));
    }

    [Theory]
    [InlineData(CardSort.UpdatedAt, true)]
    [InlineData(CardSort.Code, false)]
    public async Task AnExport_HoldsEveryMatchingCard_NotOnlyOnePage(CardSort sort, bool descending)
    {
        var count = CardListQuery.MaxPageSize + 5;
        for (var i = 0; i < count; i++)
        {
            await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual($"Customer {i:000}"));
        }

        var rows = ExportFiles.ReadCsv(await ExportAsync(Actors.TeamLeadEast, new CardListQuery { PageSize = 25, Page = 3, SortBy = sort, Descending = descending }));

        Assert.Equal(count, rows.Count - 1);
        if (sort == CardSort.Code)
        {
            Assert.Equal(ExportFiles.Column(rows, "Code").Order(StringComparer.Ordinal), ExportFiles.Column(rows, "Code"));
        }

        Assert.Equal(count, ExportFiles.Column(rows, "Code").Distinct().Count());
        var audited = Assert.Single(await App.AuditTrailAsync(), e => e.Action == CardExportService.CardsExportedAction);
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), audited.Changes.Single(c => c.Field == "Rows").After);
    }

    [Fact]
    public async Task AnXlsxExport_OpensWithClosedXml_WithTheHeaderAndOneRowPerCard()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司").WithPhone("138 1234 5678", primary: true).FollowUpOn(new DateOnly(2026, 4, 1)));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("=HYPERLINK(\"http://evil.example\",\"click\")"));

        var rows = ExportFiles.ReadXlsx(await ExportAsync(Actors.Admin, new CardListQuery { SortBy = CardSort.Code, Descending = false }, ExportFormat.Xlsx), out var sheet, out var workbook);
        using var _ = workbook;

        Assert.Equal(CardExportService.CardColumns, rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal((card.Code, "上海星辰贸易有限公司"), (ExportFiles.Column(rows, "Code")[0], ExportFiles.Column(rows, "Name")[0]));
        var shown = (await App.Queries.ListAsync(Actors.Admin, new CardListQuery())).Items.Single(c => c.Code == card.Code).PrimaryPhone;
        Assert.Contains("****", shown, StringComparison.Ordinal);
        Assert.Equal(shown, ExportFiles.Column(rows, "Phone")[0]);
        var followUp = sheet.Cell(2, Array.IndexOf(rows[0], "Next follow-up") + 1);
        Assert.Equal((XLDataType.DateTime, new DateTime(2026, 4, 1)), (followUp.DataType, followUp.GetDateTime()));
        var formula = sheet.Cell(3, Array.IndexOf(rows[0], "Name") + 1);
        Assert.False(formula.HasFormula);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"click\")", formula.GetString());
    }

    [Fact]
    public async Task AnXlsxExport_IsAValidSpreadsheetPackage_WithAFrozenFilterableHeader()
    {
        var legacy = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true).FollowUpOn(new DateOnly(2026, 4, 1)));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司"));
        // A name stored before control characters were refused at input: XML cannot hold U+0001, the export must cope.
        await using (var db = App.Database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE Cards SET Name = {" 王小明\u0001 "} WHERE Id = {legacy.Id}");
        }

        var file = await ExportAsync(Actors.TeamLeadEast, new CardListQuery(), ExportFormat.Xlsx);

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(file), isEditable: false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        var rows = ExportFiles.ReadXlsx(file, out var sheet, out var workbook);
        using var _ = workbook;
        Assert.Equal(3, rows.Count);
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
    }

    [Fact]
    public async Task ChineseText_RoundTripsThroughCsv_WhichStartsWithAByteOrderMarkForExcel()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司"));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithCompany("北京\"东方\"科技, 有限公司"));

        var file = await ExportAsync(Actors.TeamLeadEast, new CardListQuery { SortBy = CardSort.Code, Descending = false });

        Assert.True(ExportFiles.StartsWithUtf8Bom(file));
        var rows = ExportFiles.ReadCsv(file);
        Assert.Equal(["上海星辰贸易有限公司", "王小明"], ExportFiles.Column(rows, "Name"));
        Assert.Equal("北京\"东方\"科技, 有限公司", ExportFiles.Column(rows, "Company")[1]);
        Assert.Contains("上海星辰贸易有限公司", Encoding.UTF8.GetString(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextThatASpreadsheetWouldRunAsAFormula_IsDefusedInCsv_ButPhonesAreLeftAlone()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("=1+2").WithPhone("138 1234 5678", primary: true));

        var rows = ExportFiles.ReadCsv(await ExportAsync(Actors.TeamLeadEast, new CardListQuery()));

        Assert.Equal("'=1+2", ExportFiles.Column(rows, "Name")[0]);
        Assert.Equal("+86 138 1234 5678", ExportFiles.Column(rows, "Phone")[0]);
    }

    [Fact]
    public async Task AnExport_IsAuditedOnce_WithItsFilterAndRowCount()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.New));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.Prospect));

        await ExportAsync(Actors.TeamLeadEast, new CardListQuery { Stage = LifecycleStage.New, Search = "王" }, ExportFormat.Xlsx);

        var entry = Assert.Single(await App.AuditTrailAsync(), e => e.Action == CardExportService.CardsExportedAction);
        Assert.Equal(Actors.TeamLeadEast.DisplayName, entry.ActorName);
        Assert.Equal("1", entry.Changes.Single(c => c.Field == "Rows").After);
        Assert.Equal("XLSX", entry.Changes.Single(c => c.Field == "Format").After);
        var filter = entry.Changes.Single(c => c.Field == "Filter").After;
        Assert.Contains("stage=New", filter, StringComparison.Ordinal);
        Assert.Contains("search=\"王\"", filter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinancesPurchasesExport_HoldsEveryPurchase_AndIsAudited()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明"));
        var recorded = await App.Cards.RecordPurchaseAsync(SalesEast, card.Id, new PurchaseDraft { Product = "茶具套装", PurchasedOn = App.Clock.Today, Quantity = 2, Amount = 399.50m, Currency = "CNY" });
        Assert.True(recorded.Succeeded, TestDashboard.Describe(recorded));
        using var output = new MemoryStream();

        var result = await Exports.ExportPurchasesAsync(Actors.Finance, ExportFormat.Xlsx, output);

        Assert.True(result.Succeeded);
        var rows = ExportFiles.ReadXlsx(output.ToArray(), out var sheet, out var workbook);
        using var _ = workbook;
        Assert.Equal(CardExportService.PurchaseColumns, rows[0]);
        Assert.Equal([card.Code, "王小明", "茶具套装"], rows[1][..3]);
        Assert.Equal(399.50, sheet.Cell(2, 6).GetDouble());
        using var csv = new MemoryStream();
        Assert.True((await Exports.ExportPurchasesAsync(Actors.Finance, ExportFormat.Csv, csv)).Succeeded);
        Assert.Equal([card.Code, "王小明", "茶具套装", App.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "2", "399.5", "CNY"], ExportFiles.ReadCsv(csv.ToArray())[1]);
        Assert.Equal(2, (await App.AuditTrailAsync()).Count(e => e.Action == CardExportService.PurchasesExportedAction));
        Assert.Equal(CommandStatus.Forbidden, (await Exports.ExportPurchasesAsync(Actors.TeamLeadEast, ExportFormat.Csv, new MemoryStream())).Status);
    }

    private async Task<byte[]> ExportAsync(Dashboard.Domain.Access.Actor actor, CardListQuery query, ExportFormat format = ExportFormat.Csv)
    {
        using var output = new MemoryStream();
        var result = await Exports.ExportCardsAsync(actor, query, format, output);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return output.ToArray();
    }
}
