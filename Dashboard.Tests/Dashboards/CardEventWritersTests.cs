using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Import;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Review;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Audit;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Dashboards;

/// <summary>
/// Every writer of cards raises card events that reach the one dispatcher, and leaves the pipeline projection equal
/// to the card tables: the form's and API's service calls, import (small and bulk), merge and undo, tiers, quality,
/// verification, review approval and the demo generator. The projection commands rebuild and check it.
/// </summary>
public sealed class CardEventWritersTests : IAsyncLifetime
{
    /// <summary>Commands that write cards, as the list below names them; a new one fails the enumeration test until added.</summary>
    private static readonly string[] Writers =
    [
        "CustomerCardService.CreateAsync", "CustomerCardService.UpdateAsync", "CustomerCardService.ChangeStageAsync", "CustomerCardService.SetTierAsync",
        "CustomerCardService.ClearTierOverrideAsync", "CustomerCardService.LogInteractionAsync", "CustomerCardService.RecordPurchaseAsync",
        "CustomerCardService.AddRemarkAsync", "CustomerCardService.EditRemarkAsync", "VerificationService.VerifyAsync", "ReviewService.ApproveAsync",
        "MergeService.MergeAsync", "MergeService.UndoAsync", "ImportWorkflow.ImportFileAsync", "CardImportService.ImportAsync",
        "TierService.RecomputeAllAsync", "TierService.SavePolicyAsync", "QualityService.RecomputeAllAsync", "QualityService.SavePolicyAsync",
    ];

    /// <summary>Commands of the card services that write nothing of a card, with why.</summary>
    private static readonly Dictionary<string, string> NotWriters = new()
    {
        ["CustomerCardQueries.GetAsync"] = "a read",
        ["CardRevealService.RevealAsync"] = "writes only an audit entry of the reveal",
        ["ReviewService.RejectAsync"] = "applies nothing to the card",
        ["ReviewService.SetEnabledAsync"] = "a setting",
        ["DuplicateQueue.DismissAsync"] = "a duplicate suspicion, not the card",
        ["TierQueries.ExplainAsync"] = "a read",
        ["QualityQueries.ExplainAsync"] = "a read",
        ["QualityQueries.GetDashboardAsync"] = "a read",
    };

    private readonly ConcurrentBag<CardEvent> _dispatched = [];
    private AuditChainDatabase _app = null!;

    public async Task InitializeAsync()
    {
        _app = await AuditChainDatabase.CreateAsync();
        CardEventDispatcher.Dispatching += OnDispatching;
    }

    public async Task DisposeAsync()
    {
        CardEventDispatcher.Dispatching -= OnDispatching;
        await _app.DisposeAsync();
    }

    [Fact]
    public void EveryCommandOfTheCardServices_IsAWriterOrSaysWhyNot()
    {
        var services = new[] { typeof(CustomerCardService), typeof(CustomerCardQueries), typeof(CardRevealService), typeof(VerificationService), typeof(ReviewService),
            typeof(MergeService), typeof(DuplicateQueue), typeof(ImportWorkflow), typeof(CardImportService), typeof(TierService), typeof(TierQueries), typeof(QualityService), typeof(QualityQueries) };
        var commands = services.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) && typeof(CommandResult).IsAssignableFrom(m.ReturnType.GetGenericArguments()[0]))
                .Select(m => $"{t.Name}.{m.Name}"))
            .Distinct()
            .ToList();

        var unlisted = commands.Where(c => !Writers.Contains(c) && !NotWriters.ContainsKey(c)).ToList();

        Assert.True(unlisted.Count == 0, "Say whether these write cards (and test their events below): " + string.Join(", ", unlisted));
    }

    [Fact]
    public async Task EveryWriter_RaisesEventsForTheCardsItChanges_AndTheProjectionFollows()
    {
        var east = _app.Actors.SalesEast;
        var lead = _app.Actors.TeamLeadEast;
        var cards = _app.Cards;
        var missing = new List<string>();
        async Task Expect(string writer, Func<Task<Guid>> write)
        {
            _dispatched.Clear();
            _app.Clock.Tick();
            var card = await write();
            if (!_dispatched.Any(e => e.CardId == card))
            {
                missing.Add(writer);
            }
        }

        Guid id = default;
        await Expect("CustomerCardService.CreateAsync", async () => id = (await cards.CreateAsync(east, CardDraftBuilder.Individual("王小明").WithPhone("13812345678", primary: true).Build())).Value!.Id);
        await Expect("CustomerCardService.UpdateAsync", async () => { await _app.EditCardAsync(east, id, d => d.Title = "Buyer"); return id; });
        await Expect("CustomerCardService.ChangeStageAsync", async () => { await cards.ChangeStageAsync(east, id, await VersionAsync(id), Dashboard.Domain.Lifecycle.LifecycleStage.New); return id; });
        await Expect("CustomerCardService.SetTierAsync", async () => { await cards.SetTierAsync(east, id, await VersionAsync(id), CustomerTier.A, "大客户"); return id; });
        await Expect("CustomerCardService.ClearTierOverrideAsync", async () => { await cards.ClearTierOverrideAsync(east, id, await VersionAsync(id)); return id; });
        await Expect("CustomerCardService.LogInteractionAsync", async () => { await cards.LogInteractionAsync(east, id, new InteractionDraft { Summary = "电话" }); return id; });
        await Expect("CustomerCardService.RecordPurchaseAsync", async () => { await cards.RecordPurchaseAsync(east, id, new PurchaseDraft { Product = "Printer", PurchasedOn = DateOnly.FromDateTime(_app.Clock.UtcNow), Amount = 100 }); return id; });
        await Expect("CustomerCardService.AddRemarkAsync", async () => { await cards.AddRemarkAsync(east, id, "备注"); return id; });
        var remark = await ScalarAsync<string>($"SELECT Id FROM Remarks WHERE CardId = '{CardFactsBuilder.Text(id)}'");
        await Expect("CustomerCardService.EditRemarkAsync", async () => { await cards.EditRemarkAsync(east, id, Guid.Parse(remark), "备注二"); return id; });
        await Expect("VerificationService.VerifyAsync", async () =>
        {
            var details = await _app.Services.GetRequiredService<CustomerCardQueries>().GetAsync(east, id);
            await _app.Services.GetRequiredService<VerificationService>().VerifyAsync(east, id, details.Value!.DetailsVersion,
                [VerificationItem.ForField(QualityFields.Name, VerificationOutcome.Corrected, VerificationMethod.Phone, "王晓明")]);
            return id;
        });

        var review = _app.Services.GetRequiredService<ReviewService>();
        await review.SetEnabledAsync(_app.Actors.Admin, true);
        await _app.EditCardAsync(east, id, d => d.Phones[0].Value = "13987654321");
        var pending = (await review.ListPendingAsync(lead)).Single();
        await Expect("ReviewService.ApproveAsync", async () => { await review.ApproveAsync(lead, pending.Id); return id; });
        await review.SetEnabledAsync(_app.Actors.Admin, false);

        var other = (await cards.CreateAsync(east, CardDraftBuilder.Individual("王小明").Build())).Value!.Id;
        Guid journal = default;
        await Expect("MergeService.MergeAsync", async () => { journal = (await _app.Services.GetRequiredService<MergeService>().MergeAsync(lead, new MergeRequest { SurvivorId = id, OtherId = other })).Value!.JournalId; return other; });
        await Expect("MergeService.UndoAsync", async () => { await _app.Services.GetRequiredService<MergeService>().UndoAsync(lead, journal); return other; });

        await Expect("ImportWorkflow.ImportFileAsync (update)", async () =>
        {
            using var file = new MemoryStream(Encoding.UTF8.GetBytes("姓名,手机,职位\n王晓明,13987654321,采购总监\n"));
            await _app.Services.GetRequiredService<ImportWorkflow>().ImportFileAsync(lead, file, "update.csv", new ImportRequest { DuplicateMode = DuplicateMode.Update });
            return id;
        });
        var bulk = await _app.ImportInBulkAsync("姓名,手机\n" + string.Join('\n', Enumerable.Range(0, 12).Select(i => $"批量客户{i},1390000{i:D4}")));
        Assert.Equal(12, bulk.Created);
        var bulkCards = (await ScalarAsync<string>("SELECT group_concat(Id) FROM Cards WHERE Name LIKE '批量客户%'")).Split(',').Select(Guid.Parse).ToHashSet();
        Assert.Equal(12, _dispatched.OfType<CardCreated>().Select(e => e.CardId).Where(bulkCards.Contains).Distinct().Count());

        await Expect("TierService.RecomputeAllAsync", async () =>
        {
            await cards.RecordPurchaseAsync(_app.Actors.Finance, id, new PurchaseDraft { Product = "Server", PurchasedOn = DateOnly.FromDateTime(_app.Clock.UtcNow), Amount = 900_000 });
            await ExecuteAsync($"UPDATE Cards SET Tier = 'C', ComputedTier = 'C' WHERE Id = '{CardFactsBuilder.Text(id)}'");
            await _app.Services.GetRequiredService<TierService>().RecomputeAllAsync(_app.Actors.Admin);
            return id;
        });
        await Expect("QualityService.RecomputeAllAsync", async () =>
        {
            await ExecuteAsync($"UPDATE Cards SET QualityScore = 1 WHERE Id = '{CardFactsBuilder.Text(id)}'");
            await _app.Services.GetRequiredService<QualityService>().RecomputeAllAsync(_app.Actors.Admin);
            return id;
        });

        Assert.True(missing.Count == 0, "These writers raised no event for the card they changed: " + string.Join(", ", missing));
        var check = await PipelineProjectionMaintenance.CheckAsync(_app.Factory);
        Assert.True(check.IsConsistent, check.Describe());
    }

    [Fact]
    public async Task TheDemoGenerator_WritesEveryCardsProjectionRow_AndAnnouncesItsEvents()
    {
        await using var fresh = await AuditChainDatabase.CreateAsync();
        var announced = new ConcurrentBag<CardEvent>();
        void Collect(IReadOnlyList<CardEvent> events)
        {
            foreach (var change in events)
            {
                announced.Add(change);
            }
        }

        CardEventDispatcher.Dispatching += Collect;
        try
        {
            await fresh.Services.GetRequiredService<DemoDataGenerator>().GenerateAsync(150);
        }
        finally
        {
            CardEventDispatcher.Dispatching -= Collect;
        }

        var check = await PipelineProjectionMaintenance.CheckAsync(fresh.Factory);
        Assert.True(check.IsConsistent, check.Describe());
        // The dispatcher's event is process-wide and other tests run alongside: count only this database's cards.
        await using var db = await fresh.Factory.CreateDbContextAsync();
        var cards = (await db.Cards.Select(c => c.Id).ToListAsync()).ToHashSet();
        var created = announced.OfType<CardCreated>().Select(e => e.CardId).Where(cards.Contains).Distinct().Count();
        Assert.Equal(150, check.Cards);
        Assert.Equal(150, created);
    }

    [Fact]
    public async Task Drift_IsReportedByTheCheck_AndGoneAfterARebuild_AndAnUpgradeBuildsTheProjection()
    {
        for (var i = 0; i < 5; i++)
        {
            await _app.CreateCardAsync(_app.Actors.SalesEast, $"客户{i}");
        }

        await ExecuteAsync("UPDATE CardFacts SET RegionId = 99 WHERE rowid = (SELECT MIN(rowid) FROM CardFacts)");
        await ExecuteAsync("DELETE FROM CardFacts WHERE rowid = (SELECT MAX(rowid) FROM CardFacts)");
        using var output = new StringWriter();

        var drifted = await ProjectionCommands.CheckAsync(_app.Services, output);
        var rebuilt = await ProjectionCommands.RebuildAsync(_app.Services, output);
        var consistent = await ProjectionCommands.CheckAsync(_app.Services, output);
        // A database from before the projection: the table is there but empty; the next start builds it.
        await ExecuteAsync("DELETE FROM CardFacts");
        await _app.Services.GetRequiredService<Dashboard.Domain.Persistence.DatabaseInitializer>().InitializeAsync();
        var upgraded = await PipelineProjectionMaintenance.CheckAsync(_app.Factory);

        Assert.Equal(1, drifted);
        Assert.Contains("DRIFT in 2 of 5 cards", output.ToString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (rebuilt, consistent));
        Assert.Contains("pipeline projection consistent: 5 cards", output.ToString(), StringComparison.Ordinal);
        Assert.True(upgraded.IsConsistent, upgraded.Describe());
    }

    private void OnDispatching(IReadOnlyList<CardEvent> events)
    {
        foreach (var change in events)
        {
            _dispatched.Add(change);
        }
    }

    private async Task<int> VersionAsync(Guid id) => (await _app.Services.GetRequiredService<CustomerCardQueries>().GetAsync(_app.Actors.SalesEast, id)).Value!.Version;

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await _app.Factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
