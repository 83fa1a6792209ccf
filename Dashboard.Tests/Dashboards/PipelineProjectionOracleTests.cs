using System.Globalization;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Import;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Audit;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Dashboards;

/// <summary>
/// The figures read from the projection equal the figures of the grouped SQL they replaced (kept as
/// <see cref="PipelineSqlQueries"/>, the oracle), on random histories with backdated purchases, owner, team and region
/// changes, merges and their undoing, imports and reactivation, for random periods, time zones, viewers and filters,
/// both when the projection is first loaded and after it followed further changes live.
/// </summary>
public sealed class PipelineProjectionOracleTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo[] Zones = [TimeZoneInfo.Utc, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")];
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private Random _random = null!;
    private readonly List<Guid> _cards = [];
    private List<int> _regions = [];
    private List<int> _industries = [];

    // A database file with a connection per context, as the application runs: the projection follows changes on
    // its own thread, which one shared in-memory connection would not allow.
    private AuditChainDatabase _app = null!;

    private AuditChainDatabase App => _app;

    private Actors Actors => _app.Actors;

    private CustomerCardService Cards => _app.Cards;

    private CustomerCardQueries Queries => _app.Services.GetRequiredService<CustomerCardQueries>();

    private PipelineQueries Projection => App.Services.GetRequiredService<PipelineQueries>();

    private PipelineSqlQueries Oracle => App.Services.GetRequiredService<PipelineSqlQueries>();

    private PipelineStore Store => App.Services.GetRequiredService<PipelineStore>();

    public async Task InitializeAsync() => _app = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(20261201)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task RandomHistories_GiveTheSameFiguresFromTheProjectionAsFromTheTables(int seed)
    {
        _random = new Random(seed);
        var lists = App.Services.GetRequiredService<ReferenceDataService>();
        _regions = [.. (await lists.GetListAsync(ListKind.Region)).Select(r => r.Id).Take(4)];
        _industries = [.. (await lists.GetListAsync(ListKind.Industry)).Select(r => r.Id).Take(3)];
        App.Clock.Advance(Start - App.Clock.UtcNow);

        await WriteHistoryAsync(operations: 200);
        var check = await PipelineProjectionMaintenance.CheckAsync(App.Factory);
        Assert.True(check.IsConsistent, check.Describe());
        await CompareManyViewsAsync(views: 30);

        // The projection is now loaded; what follows reaches it only through the change notifier.
        await WriteHistoryAsync(operations: 120);
        await Store.SettledAsync();
        check = await PipelineProjectionMaintenance.CheckAsync(App.Factory);
        Assert.True(check.IsConsistent, check.Describe());
        await CompareManyViewsAsync(views: 30);
    }

    private async Task WriteHistoryAsync(int operations)
    {
        for (var i = 0; i < operations; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(_random.Next(30, 60 * 60)));
            var roll = _random.Next(100);
            if (_cards.Count < 6 || roll < 14)
            {
                await CreateAsync();
            }
            else if (roll < 40)
            {
                await MoveAsync(Pick(_cards));
            }
            else if (roll < 58)
            {
                await BuyAsync(Pick(_cards));
            }
            else if (roll < 72)
            {
                await TalkAsync(Pick(_cards));
            }
            else if (roll < 82)
            {
                await ReassignAsync(Pick(_cards));
            }
            else if (roll < 90)
            {
                await MergeMaybeUndoAsync();
            }
            else if (roll < 94)
            {
                await ImportAsync();
            }
            else
            {
                await SetTierAsync(Pick(_cards));
            }
        }
    }

    private async Task CompareManyViewsAsync(int views)
    {
        var viewers = new[] { Actors.SalesManager, Actors.SalesEast, Actors.SalesWest, Actors.TeamLeadEast, Actors.Admin };
        var staff = new[] { Actors.SalesEast, Actors.SalesEastColleague, Actors.SalesWest, Actors.TeamLeadEast };
        for (var i = 0; i < views; i++)
        {
            var zone = Pick(Zones);
            var from = DateOnly.FromDateTime(Start).AddDays(_random.Next(-20, 300));
            var to = from.AddDays(_random.Next(0, 400));
            var filter = new DashboardFilter
            {
                Period = new ReportingPeriod(from, to, zone),
                OwnerId = _random.Next(5) == 0 ? Pick(staff).StaffId : null,
                TeamId = _random.Next(6) == 0 ? Pick(staff).TeamId : null,
                RegionId = _random.Next(4) == 0 ? Pick(_regions) : null,
                IndustryId = _random.Next(6) == 0 ? Pick(_industries) : null,
            };
            var grouping = _random.Next(2) == 0 ? TierGrouping.Owner : TierGrouping.Region;
            var viewer = Pick(viewers);

            var expected = await Oracle.GetAsync(viewer, filter, grouping);
            var actual = await Projection.GetAsync(viewer, filter, grouping);

            Assert.True(expected.Succeeded, TestDashboard.Describe(expected));
            Assert.True(actual.Succeeded, TestDashboard.Describe(actual));
            Assert.True(Describe(expected.Value!) == Describe(actual.Value!),
                $"view {i}: {viewer.DisplayName}, {from}..{to} {zone.Id}, owner {filter.OwnerId}, team {filter.TeamId}, region {filter.RegionId}, industry {filter.IndustryId}, {grouping}\n"
                + $"expected:\n{Describe(expected.Value!)}\nactual:\n{Describe(actual.Value!)}");
        }
    }

    private static string Describe(PipelineDashboard d)
    {
        var text = new StringBuilder();
        text.AppendLine("funnel " + string.Join(", ", d.Funnel.Select(f => $"{f.Stage}:{f.Cards}/{f.Value}")));
        text.AppendLine("conversions " + string.Join(", ", d.Conversions.Select(c => $"{c.From}>{c.To}:{c.Entered}/{c.Moved}")));
        text.AppendLine("stays " + string.Join(", ", d.TimeInStage.Select(t => $"{t.Stage}:{t.Stays}/{(t.MedianDays is { } m ? Math.Round(m, 6).ToString(CultureInfo.InvariantCulture) : "-")}")));
        text.AppendLine("tiers " + string.Join(", ", d.Tiers.Select(t => $"{t.Tier}:{t.Cards}")));
        text.AppendLine("groups " + string.Join(", ", d.TiersByGroup.Select(g => $"{g.GroupKey}/{g.GroupName}/{g.Tier}:{g.Cards}")));
        text.AppendLine("months " + string.Join(", ", d.ValueByMonth.Select(m => $"{m.Month:yyyy-MM}:{m.Value}/{m.Purchases}")) + $" other {d.PurchasesInOtherCurrencies}");
        text.AppendLine("weeks " + string.Join(", ", d.Weeks.Select(w => $"{w.WeekStart:MM-dd}:{w.NewCards}/{w.CardsContacted}/{w.Interactions}")));
        return text.ToString();
    }

    private async Task CreateAsync()
    {
        var owner = Pick([Actors.SalesEast, Actors.SalesEastColleague, Actors.SalesWest]);
        var draft = CardDraftBuilder.Individual($"客户{_cards.Count}").OwnedBy(owner)
            .InRegion(_random.Next(5) == 0 ? null : Pick(_regions)).InIndustry(_random.Next(4) == 0 ? null : Pick(_industries))
            .InStage(_random.Next(3) == 0 ? LifecycleStage.New : LifecycleStage.Prospect);
        var created = await Cards.CreateAsync(owner, draft.Build());
        Assert.True(created.Succeeded, TestDashboard.Describe(created));
        _cards.Add(created.Value!.Id);
    }

    private async Task MoveAsync(Guid card)
    {
        var (details, editor) = await OpenAsync(card);
        if (details is null)
        {
            return;
        }

        var next = LifecycleRules.NextStages(details.Stage).ToList();
        if (next.Count > 0)
        {
            var moved = await Cards.ChangeStageAsync(editor, card, details.Version, Pick(next));
            Assert.True(moved.Succeeded, TestDashboard.Describe(moved));
        }
    }

    private async Task BuyAsync(Guid card)
    {
        var (details, editor) = await OpenAsync(card);
        if (details is null)
        {
            return;
        }

        // Backdated up to four months, now and then in another currency.
        var on = DateOnly.FromDateTime(App.Clock.UtcNow).AddDays(-_random.Next(0, 120));
        _ = editor;
        var bought = await Cards.RecordPurchaseAsync(Actors.Finance, card, new PurchaseDraft
        {
            Product = "Printer", PurchasedOn = on, Amount = _random.Next(1, 5000), Currency = _random.Next(6) == 0 ? "USD" : "CNY",
        });
        Assert.True(bought.Succeeded, TestDashboard.Describe(bought));
    }

    private async Task TalkAsync(Guid card)
    {
        var (details, editor) = await OpenAsync(card);
        if (details is null)
        {
            return;
        }

        var logged = await Cards.LogInteractionAsync(editor, card, new InteractionDraft
        {
            Summary = "电话跟进", OccurredAt = App.Clock.UtcNow.AddHours(-_random.Next(0, 24 * 40)),
        });
        Assert.True(logged.Succeeded, TestDashboard.Describe(logged));
    }

    private async Task ReassignAsync(Guid card)
    {
        var (details, editor) = await OpenAsync(card);
        if (details is null)
        {
            return;
        }

        // A team lead may give the card to anyone of the team; the region and industry change too now and then.
        var lead = details.TeamName == Actors.EastTeam ? Actors.TeamLeadEast : Actors.TeamLeadWest;
        var draft = details.ToDraft();
        draft.OwnerId = Pick(lead == Actors.TeamLeadEast ? new[] { Actors.SalesEast, Actors.SalesEastColleague, Actors.TeamLeadEast } : [Actors.SalesWest, Actors.TeamLeadWest]).StaffId;
        draft.RegionId = _random.Next(3) == 0 ? Pick(_regions) : draft.RegionId;
        draft.IndustryId = _random.Next(4) == 0 ? null : draft.IndustryId;
        var saved = await Cards.UpdateAsync(lead, card, details.DetailsVersion, draft);
        Assert.True(saved.Succeeded, TestDashboard.Describe(saved));
        _ = editor;
    }

    private async Task MergeMaybeUndoAsync()
    {
        var east = new List<Guid>();
        foreach (var card in _cards)
        {
            if ((await Queries.GetAsync(Actors.TeamLeadEast, card)) is { Succeeded: true, Value: { MergedInto: null } details } && details.TeamName == Actors.EastTeam)
            {
                east.Add(card);
            }
        }

        if (east.Count < 2)
        {
            return;
        }

        var survivor = Pick(east);
        var other = Pick(east.Where(c => c != survivor).ToList());
        var merged = await App.Services.GetRequiredService<MergeService>().MergeAsync(Actors.TeamLeadEast, new MergeRequest { SurvivorId = survivor, OtherId = other });
        Assert.True(merged.Succeeded, TestDashboard.Describe(merged));
        if (_random.Next(3) == 0)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(5));
            var undone = await App.Services.GetRequiredService<MergeService>().UndoAsync(Actors.TeamLeadEast, merged.Value!.JournalId);
            Assert.True(undone.Succeeded, TestDashboard.Describe(undone));
        }
    }

    private async Task ImportAsync()
    {
        var rows = string.Join('\n', Enumerable.Range(0, _random.Next(1, 4)).Select(i => $"导入客户{_cards.Count}-{i},{(_random.Next(2) == 0 ? "New" : "Prospect")}"));
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("姓名,阶段\n" + rows + "\n"));
        var imported = await App.Services.GetRequiredService<ImportWorkflow>().ImportFileAsync(Actors.TeamLeadEast, file, "import.csv", new ImportRequest { DuplicateMode = DuplicateMode.Create });
        Assert.True(imported.Succeeded, TestDashboard.Describe(imported));
        var list = await Queries.ListAsync(Actors.TeamLeadEast, new CardListQuery { Search = "导入客户", PageSize = 500 });
        _cards.AddRange(list.Items.Select(c => c.Id).Where(id => !_cards.Contains(id)));
    }

    private async Task SetTierAsync(Guid card)
    {
        var (details, editor) = await OpenAsync(card);
        if (details is null)
        {
            return;
        }

        var set = await Cards.SetTierAsync(editor, card, details.Version, Pick(Enum.GetValues<Dashboard.Domain.Tiers.CustomerTier>()), "大客户");
        _ = set;
    }

    private async Task<(CardDetails? Details, Actor Editor)> OpenAsync(Guid card)
    {
        foreach (var editor in new[] { Actors.TeamLeadEast, Actors.TeamLeadWest })
        {
            if (await Queries.GetAsync(editor, card) is { Succeeded: true, Value: { MergedInto: null } details } && details.Permissions.CanEdit)
            {
                return (details, editor);
            }
        }

        return (null, Actors.TeamLeadEast);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
