using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Import;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain.Import;

/// <summary>What an import does with a file: validation per cell, dry run, the duplicate modes, access, audit and the one transaction.</summary>
public sealed class ImportWorkflowTests : ImportTest
{
    private const string ThreeRows =
        """
        Name,Phone,Email,Company
        王小明,138 1234 5678,xiaoming@example.com,
        Li Lei,12345,lilei@example,
        ,,,
        Ann Smith,+86 139-0000-1111,,星辰贸易
        """;

    [Fact]
    public async Task Committing_CreatesTheValidRows_AndReportsEachBadCellWithItsRowColumnAndValue()
    {
        var report = await ImportAsync(ThreeRows);

        Assert.True(report.Committed, Describe(report));
        Assert.Equal((3, 2, 1, 2), (report.RowsRead, report.Valid, report.Invalid, report.Created));
        Assert.Equal(["王小明", "Ann Smith"], (await CardsAsync()).Select(c => c.DisplayName));
        var phone = Assert.Single(report.Errors, e => e.Column == "Phone");
        Assert.Equal((3, "12345", "phone.invalid"), (phone.Row, phone.Value, phone.Code));
        var email = Assert.Single(report.Errors, e => e.Column == "Email");
        Assert.Equal((3, "lilei@example"), (email.Row, email.Value));
        Assert.Contains("1 blank rows were left out.", report.Warnings);
        Assert.Equal(["Name", "Phone", "Email", "Company"], report.Columns.Select(c => c.Field));
    }

    [Fact]
    public async Task DryRun_ReportsExactlyWhatTheCommitThenDoes_AndWritesNothing()
    {
        var auditBefore = (await App.AuditTrailAsync()).Count;

        var dryRun = await ImportAsync(ThreeRows, new ImportRequest { DryRun = true });

        Assert.False(dryRun.Committed);
        Assert.Equal(0, await CardCountAsync());
        Assert.Equal(auditBefore, (await App.AuditTrailAsync()).Count);
        var commit = await ImportAsync(ThreeRows);
        Assert.Equal((dryRun.RowsRead, dryRun.Valid, dryRun.Invalid, dryRun.Created), (commit.RowsRead, commit.Valid, commit.Invalid, commit.Created));
        Assert.Equal(dryRun.Errors, commit.Errors);
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("SalesManager")]
    [InlineData("Finance")]
    [InlineData("Auditor")]
    public async Task RolesWithoutImport_AreRefused_AndNothingIsWritten(string role)
    {
        var actor = role switch
        {
            "Sales" => Actors.SalesEast,
            "SalesManager" => Actors.SalesManager,
            "Finance" => Actors.Finance,
            _ => Actors.Auditor,
        };

        var result = await TryImportAsync(actor, ThreeRows);

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Equal(0, await CardCountAsync());
    }

    [Fact]
    public async Task AnAdmin_ImportsCardsForAnyTeamsOwner()
    {
        var report = await ImportAsync("Name,Phone,Owner\n王小明,13812345678,Chen Jie\n", actor: Actors.Admin);

        Assert.Equal(1, report.Created);
        Assert.Equal("Chen Jie", Assert.Single(await CardsAsync()).Owner!.DisplayName);
    }

    [Fact]
    public async Task ATeamLead_CannotGiveACardToAnotherTeam_TheOwnerCellSaysWhy()
    {
        var report = await ImportAsync("Name,Phone,Owner\n王小明,13812345678,Chen Jie\n李雷,13912345678,Zhang Wei\n");

        Assert.Equal((1, 1), (report.Created, report.Invalid));
        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "Owner", "Chen Jie", "owner.forbidden"), (error.Row, error.Column, error.Value, error.Code));
        Assert.Equal("Zhang Wei", Assert.Single(await CardsAsync()).Owner!.DisplayName);
    }

    [Fact]
    public async Task SkipMode_LeavesTheExistingCardAlone_AndNamesIt()
    {
        var existing = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("13812345678"));

        var report = await ImportAsync("姓名,手机,职位\n王小明,138-1234-5678,经理\n", new ImportRequest { DuplicateMode = DuplicateMode.Skip });

        Assert.Equal((0, 1), (report.Created, report.Skipped));
        Assert.Equal(existing.Code, Assert.Single(report.Preview).CardCode);
        Assert.Null((await App.GetCardAsync(SalesEast, existing.Id)).Title);
    }

    [Fact]
    public async Task CreateMode_CreatesASecondCard_EvenForTheSameCustomer()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("13812345678"));

        var report = await ImportAsync("姓名,手机\n王小明,13812345678\n", new ImportRequest { DuplicateMode = DuplicateMode.Create });

        Assert.Equal(1, report.Created);
        Assert.Equal(2, await CardCountAsync());
    }

    [Fact]
    public async Task FlagForReview_CreatesTheCard_AndPutsThePairInTheDuplicateQueue()
    {
        var existing = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("13812345678"));

        var report = await ImportAsync("姓名,手机\n王小明,+86 138 1234 5678\n", new ImportRequest { DuplicateMode = DuplicateMode.FlagForReview });

        Assert.Equal((1, 1), (report.Created, report.Flagged));
        await using var db = App.Database.CreateContext();
        var pair = Assert.Single(await db.DuplicateCandidates.ToListAsync());
        Assert.Equal(existing.Id, pair.CardAId);
        Assert.Equal(DuplicateStatus.Open, pair.Status);
        Assert.True(pair.Reasons.HasFlag(MatchReasons.SamePhone));
    }

    [Fact]
    public async Task UpdateMode_WritesTheRowsValuesOntoTheMatchedCard_WithFieldLevelAudit_AndBlanksEraseNothing()
    {
        var existing = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("13812345678").WithAddress("上海市浦东新区"));

        var report = await ImportAsync("姓名,手机,邮箱,职位,地址\n王小明,138 1234 5678,xm@example.com,采购经理,\n", new ImportRequest { DuplicateMode = DuplicateMode.Update });

        Assert.Equal((0, 1), (report.Created, report.Updated));
        var card = await App.GetCardAsync(SalesEast, existing.Id);
        Assert.Equal(("采购经理", "上海市浦东新区", "xm@example.com"), (card.Title, card.Address, Assert.Single(card.Emails).Display));
        Assert.Equal("+8613812345678", Assert.Single(card.Phones).Display.Replace(" ", string.Empty, StringComparison.Ordinal));
        var audit = Assert.Single(await App.AuditTrailAsync(existing.Code), e => e.Action == "card.updated");
        Assert.Contains(audit.Changes, c => c is { Field: "Title", Before: null, After: "采购经理" });
    }

    [Fact]
    public async Task ReimportingAFileWithUpdate_ChangesNothingTheSecondTime()
    {
        const string File = "Name,Phone,Email,Title\n王小明,13812345678,xm@example.com,Buyer\n王小明,13812345678,wang@example.com,Head buyer\nAnn Smith,13900001111,,\n";
        var update = new ImportRequest { DuplicateMode = DuplicateMode.Update };
        var first = await ImportAsync(File, update);
        var versions = (await CardsAsync()).Select(c => (c.Code, c.Version)).ToList();
        var auditCount = (await App.AuditTrailAsync()).Count;

        var second = await ImportAsync(File, update);

        Assert.Equal((2, 1), (first.Created, first.Updated));
        Assert.Equal((0, 0, 3), (second.Created, second.Updated, second.Unchanged));
        Assert.Equal(versions, (await CardsAsync()).Select(c => (c.Code, c.Version)).ToList());
        Assert.Equal(auditCount + 1, (await App.AuditTrailAsync()).Count);
        Assert.Equal(2, (await CardsAsync())[0].ContactPoints.Count(p => p.Kind == ContactKind.Email));
    }

    [Fact]
    public async Task ARowRepeatingAnEarlierRow_IsSkippedAsItsDuplicate()
    {
        var report = await ImportAsync("Name,Phone\n王小明,13812345678\n王小明,+86 138-1234-5678\n");

        Assert.Equal((1, 1), (report.Created, report.Skipped));
        Assert.Equal(2, report.Preview[1].DuplicateOfRow);
        Assert.Equal(report.Preview[0].CardCode, report.Preview[1].CardCode);
    }

    [Fact]
    public async Task ATeamLead_IsNotMatchedWithAnotherTeamsCards_AndCannotChangeThem()
    {
        var west = await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("王小明").WithPhone("13812345678"));

        var report = await ImportAsync("Name,Phone,Title\n王小明,13812345678,Boss\n", new ImportRequest { DuplicateMode = DuplicateMode.Update });

        Assert.Equal((1, 0), (report.Created, report.Updated));
        Assert.Null((await App.GetCardAsync(Actors.SalesWest, west.Id)).Title);
    }

    [Fact]
    public async Task AnEditFormOpenedBeforeAnImportUpdatedTheCard_GetsAConflictInsteadOfOverwriting()
    {
        var existing = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("13812345678"));
        var opened = await App.GetCardAsync(SalesEast, existing.Id);
        await ImportAsync("Name,Phone,Title\n王小明,13812345678,Head buyer\n", new ImportRequest { DuplicateMode = DuplicateMode.Update });
        var draft = opened.ToDraft();
        draft.Title = "Buyer";

        var save = await App.Cards.UpdateAsync(SalesEast, existing.Id, opened.DetailsVersion, draft);

        Assert.Equal(CommandStatus.Conflict, save.Status);
        Assert.Equal("Head buyer", (await App.GetCardAsync(SalesEast, existing.Id)).Title);
    }

    [Fact]
    public async Task TheImport_IsAuditedOnce_AndEachCreatedCardWithItsValues()
    {
        var report = await ImportAsync(ThreeRows);

        var trail = await App.AuditTrailAsync();
        var import = Assert.Single(trail, e => e.Action == ImportWorkflow.ImportedAction);
        Assert.Equal(report.ImportId.ToString(), import.EntityId);
        Assert.Contains("customers.csv", import.Summary, StringComparison.Ordinal);
        Assert.Equal(2, trail.Count(e => e.Action == "card.created"));
        Assert.Contains(trail, e => e.Action == "card.created" && e.Changes.Any(c => c is { Field: "Name", After: "王小明" }));
    }

    [Fact]
    public async Task CancellingWhileSaving_LeavesNoImportedCard()
    {
        var rows = string.Join("\n", Enumerable.Range(0, 1_200).Select(i => $"客户{i:D4},139{i:D8}"));
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == ImportPhases.Saving && p.Done >= ImportRun.BatchSize)
            {
                cancel.Cancel();
            }
        });
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("Name,Phone\n" + rows));
        var auditBefore = (await App.AuditTrailAsync()).Count;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Workflow.ImportFileAsync(TeamLead, stream, "big.csv", new ImportRequest(), progress, cancel.Token));

        Assert.Equal(0, await CardCountAsync());
        Assert.Equal(0, await App.CountAsync(db => db.CardMatchKeys));
        Assert.Equal(auditBefore, (await App.AuditTrailAsync()).Count);
    }

    [Fact]
    public async Task AFileLargerThanTheLimit_IsRefusedWithTheLimitInTheMessage()
    {
        var workflow = new ImportWorkflow(App.Database.Factory, App.Clock, App.Notifier,
            Microsoft.Extensions.Options.Options.Create(new Dashboard.Domain.DashboardOptions()),
            Microsoft.Extensions.Options.Options.Create(new ImportOptions { MaxBytes = 1024 }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ImportWorkflow>.Instance);
        using var stream = new MemoryStream(new byte[4096]);

        var result = await workflow.ImportFileAsync(TeamLead, stream, "big.csv", new ImportRequest());

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(("File", "import.too-large"), (result.Errors[0].Field, result.Errors[0].Code));
        Assert.Contains("larger than 1 KB", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheErrorReport_ListsRowColumnValueAndMessage_ReadablyByExcel()
    {
        var report = await ImportAsync("Name,Phone\n王小明,=1+2\n", new ImportRequest { DryRun = true });

        var csv = ImportErrorReport.ToCsv(report);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,column,value,code,message", lines[0]);
        Assert.StartsWith("2,Phone,'=1+2,phone.invalid,", lines[1], StringComparison.Ordinal);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
