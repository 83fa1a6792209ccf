using System.Text.Json.Serialization;

namespace Dashboard.Web.Components.Charts;

// The subset of ApexCharts' options (https://apexcharts.com/docs/options/) the dashboard uses,
// serialised camelCase with nulls left out, so ApexCharts keeps its own defaults for them.

/// <summary>The options object handed to ApexCharts, as <see cref="ApexOptionsBuilder"/> makes it.</summary>
public sealed record ApexOptions
{
    public required ApexChartSettings Chart { get; init; }

    /// <summary>Named series of a bar, line or area chart; null for a donut.</summary>
    [JsonIgnore]
    public IReadOnlyList<ApexSeries>? AxisSeries { get; init; }

    /// <summary>The slice values of a donut; null for the other kinds.</summary>
    [JsonIgnore]
    public IReadOnlyList<decimal>? DonutSeries { get; init; }

    /// <summary>ApexCharts wants plain numbers for a donut and {name, data} objects otherwise.</summary>
    [JsonPropertyName("series")]
    public object Series => (object?)DonutSeries ?? AxisSeries ?? [];

    /// <summary>Slice labels of a donut.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    public ApexXAxis? Xaxis { get; init; }

    public ApexYAxis? Yaxis { get; init; }

    public ApexPlotOptions? PlotOptions { get; init; }

    public ApexTitle? Title { get; init; }

    public IReadOnlyList<string>? Colors { get; init; }

    public required ApexDataLabels DataLabels { get; init; }

    public required ApexLegend Legend { get; init; }

    public ApexMarkers? Markers { get; init; }

    public ApexTooltip? Tooltip { get; init; }

    public ApexStroke? Stroke { get; init; }

    /// <summary>Read by apex-chart.js to install the value formatters; ApexCharts never sees it.</summary>
    public required ApexValueFormat ValueFormat { get; init; }

    /// <summary>Overrides for narrow screens (ApexCharts compares them with the window's width).</summary>
    public IReadOnlyList<ApexResponsive>? Responsive { get; init; }
}

public sealed record ApexChartSettings(string Type, int Height, bool? Stacked)
{
    public string FontFamily { get; init; } = "inherit";

    public ApexToolbar Toolbar { get; init; } = new(Show: false);

    public ApexZoom Zoom { get; init; } = new(Enabled: false);
}

public sealed record ApexToolbar(bool Show);

public sealed record ApexZoom(bool Enabled);

public sealed record ApexSeries(string Name, IReadOnlyList<decimal> Data);

public sealed record ApexXAxis(string Type, IReadOnlyList<string> Categories, ApexAxisTitle? Title)
{
    /// <summary>How many category labels to draw at most; ApexCharts leaves out those between (null: every one).</summary>
    public int? TickAmount { get; init; }

    public ApexXAxisLabels? Labels { get; init; }
}

/// <summary>Category labels turned to fit, and never drawn over one another.</summary>
public sealed record ApexXAxisLabels(int Rotate, bool HideOverlappingLabels);

/// <param name="Min">The lowest value on the axis; 0 so that counts and money are never drawn from a raised floor.</param>
public sealed record ApexYAxis(ApexAxisTitle? Title, decimal? Min);

public sealed record ApexAxisTitle(string Text);

public sealed record ApexPlotOptions(ApexBarOptions Bar);

public sealed record ApexBarOptions(bool Horizontal);

public sealed record ApexTitle(string Text);

public sealed record ApexDataLabels(bool Enabled);

public sealed record ApexLegend(string Position, bool ShowForSingleSeries);

public sealed record ApexMarkers(int Size);

public sealed record ApexTooltip(bool Shared, bool Intersect);

public sealed record ApexStroke(string Curve, int Width);

/// <summary>How apex-chart.js formats values: kind is count, money, percent or days; daysPattern holds "{0}".</summary>
public sealed record ApexValueFormat(string Kind, string? DaysPattern);

public sealed record ApexResponsive(int Breakpoint, ApexResponsiveOptions Options);

public sealed record ApexResponsiveOptions(ApexResponsiveXAxis Xaxis);

public sealed record ApexResponsiveXAxis(int TickAmount);
