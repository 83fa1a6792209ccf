using System.Text.Json;
using Bunit;
using Dashboard.Web.Components.Charts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Components.Charts;

/// <summary>
/// The chart component draws through apex-chart.js once, updates in place, reports clicks by name and
/// shows its numbers in a table for screen readers. No database: charts receive aggregated records.
/// </summary>
public sealed class ApexChartTests : IAsyncLifetime
{
    private const string TestId = "cards-by-stage";

    private static readonly ChartData CardsByStage = new(
        ["Prospect", "Active", "At risk"],
        [new ChartSeries("East", [12m, 30m, 4m]), new ChartSeries("West", [8m, 1250.5m, 6m])]);

    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        _module = Context.JSInterop.SetupModule(ApexChart.ModulePath);
    }

    private BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-only disposables, so the context is disposed asynchronously.
    public async Task DisposeAsync() => await Context.DisposeAsync();

    [Fact]
    public void TheHiddenTable_ListsEveryCategoryWithEachSeriesValue()
    {
        var cut = RenderChart(CardsByStage);

        var table = cut.Find($"[data-testid='{TestId}-table']");
        var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim());
        var rows = table.QuerySelectorAll("tbody tr")
            .Select(tr => tr.QuerySelectorAll("th, td").Select(cell => cell.TextContent.Trim()).ToList())
            .ToList();

        Assert.Equal(["Category", "East", "West"], headers);
        Assert.Equal(["Prospect", "12", "8"], rows[0]);
        Assert.Equal(["Active", "30", "1,250.5"], rows[1]);
        Assert.Equal(["At risk", "4", "6"], rows[2]);
        Assert.Equal("Cards by stage", table.QuerySelector("caption")!.TextContent);
    }

    [Fact]
    public void TheHiddenTable_ShowsHtmlInNamesAsText_AndCreatesNoElement()
    {
        var data = new ChartData(["<img src=x onerror=alert(1)>"], [new ChartSeries("<b id=owned>Bold</b>", [2m])]);

        var cut = RenderChart(data);

        var table = cut.Find($"[data-testid='{TestId}-table']");
        Assert.Equal("<b id=owned>Bold</b>", table.QuerySelectorAll("thead th")[1].TextContent.Trim());
        Assert.Equal("<img src=x onerror=alert(1)>", table.QuerySelector("tbody th")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("img, b#owned"));
    }

    [Fact]
    public void TheChartElement_CarriesTheTestIdAndTheAccessibleName()
    {
        var cut = RenderChart(CardsByStage);

        var chart = cut.Find($"[data-testid='{TestId}']");

        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal("Cards by stage", chart.GetAttribute("aria-label"));
        Assert.False(chart.HasAttribute("hidden"));
    }

    [Fact]
    public void FirstRender_CreatesTheChartWithTheOptions()
    {
        RenderChart(CardsByStage);

        var create = _module.VerifyInvoke("create");
        var options = Assert.IsType<JsonElement>(create.Arguments[1]);
        Assert.Equal("bar", options.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal("Active", options.GetProperty("xaxis").GetProperty("categories")[1].GetString());
        Assert.NotNull(create.Arguments[2]);
    }

    [Fact]
    public void NewData_UpdatesTheChartInsteadOfCreatingItAgain()
    {
        var cut = RenderChart(CardsByStage);
        var nextMonth = new ChartData(["Prospect", "Active"], [new ChartSeries("East", [3m, 7m])]);

        cut.Render(p => p.Add(c => c.Data, nextMonth));

        _module.VerifyInvoke("create", calledTimes: 1);
        var update = Assert.Single(_module.VerifyInvoke("update", calledTimes: 1));
        var options = Assert.IsType<JsonElement>(update.Arguments[1]);
        Assert.Equal(2, options.GetProperty("xaxis").GetProperty("categories").GetArrayLength());
        Assert.Equal(7m, options.GetProperty("series")[0].GetProperty("data")[1].GetDecimal());
    }

    [Fact]
    public void EqualDataInNewLists_DoesNotTouchTheChart()
    {
        var cut = RenderChart(CardsByStage);
        var sameNumbers = new ChartData(
            ["Prospect", "Active", "At risk"],
            [new ChartSeries("East", [12m, 30m, 4m]), new ChartSeries("West", [8m, 1250.5m, 6m])]);

        cut.Render(p => p.Add(c => c.Data, sameNumbers));

        _module.VerifyInvoke("create", calledTimes: 1);
        _module.VerifyNotInvoke("update");
    }

    [Fact]
    public async Task ClickingABar_ReportsItsCategoryAndSeries()
    {
        ChartPoint? selected = null;
        var cut = RenderChart(CardsByStage, onPointSelected: point => selected = point);

        await cut.InvokeAsync(() => cut.Instance.SelectPointAsync(seriesIndex: 1, dataPointIndex: 2));

        Assert.Equal(new ChartPoint(1, 2, "At risk", "West"), selected);
    }

    [Fact]
    public async Task ClickingADonutSlice_ReportsTheSliceAsTheCategory()
    {
        ChartPoint? selected = null;
        var sources = ChartData.OneSeries("Cards", [("Phone", 40m), ("Web", 35m), ("Referral", 25m)]);
        var cut = RenderChart(sources, ChartKind.Donut, point => selected = point);

        await cut.InvokeAsync(() => cut.Instance.SelectPointAsync(seriesIndex: 0, dataPointIndex: 1));

        Assert.Equal(new ChartPoint(0, 1, "Web", "Cards"), selected);
    }

    [Fact]
    public async Task AClickOutsideTheData_IsIgnored()
    {
        ChartPoint? selected = null;
        var cut = RenderChart(CardsByStage, onPointSelected: point => selected = point);

        await cut.InvokeAsync(() => cut.Instance.SelectPointAsync(seriesIndex: 5, dataPointIndex: 0));

        Assert.Null(selected);
    }

    [Fact]
    public void OnlyZeros_ShowTheNoDataMessageAndDrawNothing()
    {
        var zeros = new ChartData(["Prospect", "Active"], [new ChartSeries("East", [0m, 0m])]);

        var cut = RenderChart(zeros);

        Assert.Equal("No data for these filters", cut.Find($"[data-testid='{TestId}-empty']").TextContent.Trim());
        Assert.Empty(cut.FindAll($"[data-testid='{TestId}-table']"));
        Assert.True(cut.Find($"[data-testid='{TestId}']").HasAttribute("hidden"));
        _module.VerifyNotInvoke("create");
    }

    [Fact]
    public void DataThatEmptiesOut_RemovesTheChart()
    {
        var cut = RenderChart(CardsByStage);

        cut.Render(p => p.Add(c => c.Data, ChartData.Empty));

        _module.VerifyInvoke("destroy");
        Assert.NotNull(cut.Find($"[data-testid='{TestId}-empty']"));
    }

    private IRenderedComponent<ApexChart> RenderChart(ChartData data, ChartKind kind = ChartKind.Bar, Action<ChartPoint>? onPointSelected = null) =>
        Context.Render<ApexChart>(p => p
            .Add(c => c.Kind, kind)
            .Add(c => c.Data, data)
            .Add(c => c.TestId, TestId)
            .Add(c => c.AriaLabel, "Cards by stage")
            .Add(c => c.OnPointSelected, onPointSelected ?? (_ => { })));
}
