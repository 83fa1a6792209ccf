using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Tests.Audit;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Dashboards;

/// <summary>
/// Screens showing the same figures share one computation per burst of changes, and a change recomputes only the
/// views whose cards it touches.
/// </summary>
public sealed class PipelineSharingTests : IAsyncLifetime
{
    private AuditChainDatabase _app = null!;

    private PipelineQueries Pipeline => _app.Services.GetRequiredService<PipelineQueries>();

    private DashboardFilter Filter => new() { Period = ReportingPeriod.LastMonths(DateOnly.FromDateTime(_app.Clock.UtcNow), 12, TimeZoneInfo.Utc) };

    public async Task InitializeAsync() => _app = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FiftyScreensOnOneView_CauseOneComputation_AndOneMorePerBurstOfChanges()
    {
        var card = await _app.CreateCardAsync(_app.Actors.SalesEast, "王小明");
        var before = Pipeline.Computations;

        var first = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Pipeline.GetAsync(_app.Actors.SalesManager, Filter)));

        Assert.Equal(before + 1, Pipeline.Computations);
        Assert.All(first, r => Assert.Same(first[0].Value, r.Value));
        Assert.Equal(1, first[0].Value!.TotalCards);

        var told = new TaskCompletionSource<IReadOnlySet<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Pipeline.ViewsChanged += views => told.TrySetResult(views);
        for (var i = 0; i < 5; i++)
        {
            await _app.CreateCardAsync(_app.Actors.SalesEast, $"客户{i}");
        }

        var changed = await told.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _app.Services.GetRequiredService<PipelineStore>().SettledAsync();
        var again = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Pipeline.GetAsync(_app.Actors.SalesManager, Filter)));

        Assert.Contains(PipelineQueries.KeyOf(Pipeline.ViewOf(_app.Actors.SalesManager, Filter)), changed);
        Assert.InRange(Pipeline.Computations - before, 2, 3);
        Assert.Equal(6, again[^1].Value!.TotalCards);
        _ = card;
    }

    [Fact]
    public async Task AChangeToAnotherTeamsCard_LeavesARepsViewAlone_AndTellsTheManagersView()
    {
        await _app.CreateCardAsync(_app.Actors.SalesEast, "东区客户");
        var west = await _app.CreateCardAsync(_app.Actors.SalesWest, "西区客户");
        var rep = (await Pipeline.GetAsync(_app.Actors.SalesEast, Filter)).Value!;
        var manager = (await Pipeline.GetAsync(_app.Actors.SalesManager, Filter)).Value!;
        var told = new List<string>();
        Pipeline.ViewsChanged += views =>
        {
            lock (told)
            {
                told.AddRange(views);
            }
        };
        var computations = Pipeline.Computations;

        await _app.EditCardAsync(_app.Actors.SalesWest, west.Id, d => d.Title = "Buyer");
        await _app.Services.GetRequiredService<PipelineStore>().SettledAsync();

        lock (told)
        {
            Assert.Contains(PipelineQueries.KeyOf(Pipeline.ViewOf(_app.Actors.SalesManager, Filter)), told);
            Assert.DoesNotContain(PipelineQueries.KeyOf(Pipeline.ViewOf(_app.Actors.SalesEast, Filter)), told);
        }

        Assert.Same(rep, (await Pipeline.GetAsync(_app.Actors.SalesEast, Filter)).Value);
        Assert.NotSame(manager, (await Pipeline.GetAsync(_app.Actors.SalesManager, Filter)).Value);
        Assert.Equal(computations + 1, Pipeline.Computations);
    }
}
