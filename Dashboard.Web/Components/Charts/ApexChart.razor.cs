using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Web.Components.Charts;

/// <summary>
/// An ApexCharts chart of already aggregated data, with the same numbers in a visually hidden table.
/// Draws once on the first interactive render, then updates in place when the data changes by value.
/// </summary>
public sealed partial class ApexChart : ComponentBase, IAsyncDisposable
{
    /// <summary>The module the component imports; tests set up bUnit's JS interop for this path.</summary>
    public const string ModulePath = "./js/apex-chart.js";

    /// <summary>
    /// Every screen on the same dashboard view draws the same charts: their options are built and serialized once and
    /// shared (immutable), instead of once per open screen after each save. Bounded: cleared when it grows past this.
    /// </summary>
    internal const int MaxSharedOptions = 256;

    private static readonly ConcurrentDictionary<(DrawnChart Chart, string DaysPattern), JsonElement> SharedOptions = new();

    private ElementReference _chartElement;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ApexChart>? _selfReference;

    // What the browser currently shows, so a re-render with equal data costs no interop call.
    private DrawnChart? _drawn;
    private bool _syncing;
    private bool _syncAgain;
    private bool _disposed;

    [Parameter, EditorRequired]
    public ChartKind Kind { get; set; }

    [Parameter, EditorRequired]
    public ChartData Data { get; set; } = ChartData.Empty;

    /// <summary>data-testid of the chart element; the table gets "{TestId}-table", the empty message "{TestId}-empty".</summary>
    [Parameter, EditorRequired]
    public string TestId { get; set; } = string.Empty;

    [Parameter]
    public int Height { get; set; } = ChartAppearance.DefaultHeight;

    /// <summary>Raised when the user clicks a bar, slice or point.</summary>
    [Parameter]
    public EventCallback<ChartPoint> OnPointSelected { get; set; }

    /// <summary>What the chart shows, for screen readers; also the caption of the hidden table. Defaults to <see cref="Title"/>.</summary>
    [Parameter]
    public string? AriaLabel { get; set; }

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public IReadOnlyList<string>? Colors { get; set; }

    [Parameter]
    public string? YAxisTitle { get; set; }

    [Parameter]
    public ValueFormat ValueFormat { get; set; } = ValueFormat.Count;

    [Parameter]
    public XAxisType XAxisType { get; set; } = XAxisType.Category;

    /// <summary>Header of the categories column in the hidden table; "Category" when not set.</summary>
    [Parameter]
    public string? CategoryHeader { get; set; }

    private bool IsEmpty => Data.IsEmpty;

    private string? Label => string.IsNullOrWhiteSpace(AriaLabel) ? Title : AriaLabel;

    private string DaysPattern => L["{0} days"].Value;

    /// <summary>Called from apex-chart.js when a data point is clicked.</summary>
    [JSInvokable("OnPointSelected")]
    public async Task SelectPointAsync(int seriesIndex, int dataPointIndex)
    {
        // Indices refer to what the browser drew, which may lag behind the latest parameters.
        var data = _drawn?.Data ?? Data;
        if (seriesIndex < 0 || seriesIndex >= data.Series.Count || dataPointIndex < 0 || dataPointIndex >= data.Categories.Count)
        {
            return;
        }

        var point = new ChartPoint(seriesIndex, dataPointIndex, data.Categories[dataPointIndex], data.Series[seriesIndex].Name);
        await OnPointSelected.InvokeAsync(point);
    }

    // Only runs in an interactive circuit (never while prerendering), so JS interop is safe here.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_syncing)
        {
            _syncAgain = true;
            return;
        }

        _syncing = true;
        try
        {
            do
            {
                _syncAgain = false;
                await SyncChartAsync();
            }
            while (_syncAgain && !_disposed);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away while drawing; there is nothing left to draw on.
        }
        finally
        {
            _syncing = false;
        }
    }

    private async Task SyncChartAsync()
    {
        var wanted = IsEmpty ? null : new DrawnChart(Kind, Data, Appearance());
        if (_disposed || wanted == _drawn)
        {
            return;
        }

        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        if (wanted is null)
        {
            await _module.InvokeVoidAsync("destroy", _chartElement);
            _drawn = null;
            return;
        }

        var options = OptionsFor(wanted, DaysPattern);
        if (_drawn is null || _drawn.Kind != wanted.Kind)
        {
            // A new kind of chart is a new drawing; create() replaces any chart on the element.
            _selfReference ??= DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("create", _chartElement, options, _selfReference);
        }
        else
        {
            await _module.InvokeVoidAsync("update", _chartElement, options);
        }

        _drawn = wanted;
    }

    /// <summary>The chart's ApexCharts options as JSON, built once for all screens that draw an equal chart.</summary>
    internal static JsonElement OptionsFor(ChartKind kind, ChartData data, ChartAppearance appearance, string daysPattern) =>
        OptionsFor(new DrawnChart(kind, data, appearance), daysPattern);

    /// <summary>Whether options for an equal chart are already shared (for tests).</summary>
    internal static bool IsShared(ChartKind kind, ChartData data, ChartAppearance appearance, string daysPattern) =>
        SharedOptions.ContainsKey((new DrawnChart(kind, data, appearance), daysPattern));

    private static JsonElement OptionsFor(DrawnChart chart, string daysPattern)
    {
        if (SharedOptions.TryGetValue((chart, daysPattern), out var shared))
        {
            return shared;
        }

        var options = ApexOptionsBuilder.ToJson(ApexOptionsBuilder.Build(chart.Kind, chart.Data, chart.Appearance, daysPattern));
        if (SharedOptions.Count >= MaxSharedOptions)
        {
            SharedOptions.Clear();
        }

        SharedOptions[(chart, daysPattern)] = options;
        return options;
    }

    private ChartAppearance Appearance() => new()
    {
        Title = Title,
        Height = Height,
        Colors = Colors,
        YAxisTitle = YAxisTitle,
        ValueFormat = ValueFormat,
        XAxisType = XAxisType,
    };

    private string FormatValue(decimal value) => ValueFormat switch
    {
        ValueFormat.Money => value.ToString("N2", CultureInfo.CurrentCulture),
        ValueFormat.Percent => (value / 100).ToString("P1", CultureInfo.CurrentCulture),
        ValueFormat.Days => string.Format(CultureInfo.CurrentCulture, DaysPattern, value.ToString("0.#", CultureInfo.CurrentCulture)),
        _ => value.ToString("#,0.##", CultureInfo.CurrentCulture),
    };

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_module is not null)
            {
                if (_drawn is not null)
                {
                    await _module.InvokeVoidAsync("destroy", _chartElement);
                }

                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone, and the chart with it.
        }
        finally
        {
            _selfReference?.Dispose();
        }
    }

    private sealed record DrawnChart(ChartKind Kind, ChartData Data, ChartAppearance Appearance);
}
