using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Components.Charts;

/// <summary>Turns chart data into ApexCharts options; pure, so tests can read the result without a browser.</summary>
public static class ApexOptionsBuilder
{
    /// <summary>The most category labels drawn along a horizontal axis.</summary>
    public const int MaxCategoryLabels = 12;

    /// <summary>The most category labels drawn on a screen narrower than <see cref="PhoneWidth"/>.</summary>
    public const int MaxCategoryLabelsOnAPhone = 6;

    public const int PhoneWidth = 600;

    /// <summary>camelCase, nulls left out: ApexCharts treats a null option differently from a missing one.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="daysPattern">Localised text for a number of days, with {0} for the number.</param>
    public static ApexOptions Build(ChartKind kind, ChartData data, ChartAppearance? appearance = null, string daysPattern = "{0} days")
    {
        ArgumentNullException.ThrowIfNull(data);
        appearance ??= new ChartAppearance();
        var title = string.IsNullOrWhiteSpace(appearance.Title) ? null : new ApexTitle(appearance.Title);
        var format = new ApexValueFormat(appearance.ValueFormat.ToString().ToLowerInvariant(), appearance.ValueFormat == ValueFormat.Days ? daysPattern : null);
        var colors = appearance.Colors is { Count: > 0 } ? appearance.Colors : null;

        if (kind == ChartKind.Donut)
        {
            return new ApexOptions
            {
                Chart = new ApexChartSettings("donut", appearance.Height, Stacked: null),
                DonutSeries = data.Series.Count > 0 ? data.Series[0].Data : [],
                Labels = data.Categories,
                Title = title,
                Colors = colors,
                DataLabels = new ApexDataLabels(Enabled: true),
                Legend = new ApexLegend("bottom", ShowForSingleSeries: true),
                ValueFormat = format,
            };
        }

        var horizontal = kind is ChartKind.HorizontalBar or ChartKind.StackedHorizontalBar;
        var stacked = kind is ChartKind.StackedBar or ChartKind.StackedHorizontalBar;
        var isBar = kind is ChartKind.Bar or ChartKind.HorizontalBar or ChartKind.StackedBar or ChartKind.StackedHorizontalBar;
        var valueAxisTitle = string.IsNullOrWhiteSpace(appearance.YAxisTitle) ? null : new ApexAxisTitle(appearance.YAxisTitle);
        var axisType = appearance.XAxisType == XAxisType.DateTime ? "datetime" : "category";

        return new ApexOptions
        {
            Chart = new ApexChartSettings(isBar ? "bar" : kind.ToString().ToLowerInvariant(), appearance.Height, stacked),
            AxisSeries = data.Series.Select(s => new ApexSeries(s.Name, s.Data)).ToList(),
            // On horizontal bars ApexCharts keeps the categories in xaxis but draws them vertically,
            // and the value axis is the x-axis.
            Xaxis = new ApexXAxis(axisType, data.Categories, horizontal ? valueAxisTitle : null)
            {
                // A year of weeks is 52 labels: draw at most a dozen, turned, none over another.
                TickAmount = !horizontal && data.Categories.Count > MaxCategoryLabels ? MaxCategoryLabels : null,
                Labels = horizontal ? null : new ApexXAxisLabels(Rotate: -45, HideOverlappingLabels: true),
            },
            // Every figure charted is a count or an amount: the value axis starts at zero, so a partial month is not a crash.
            Yaxis = horizontal ? null : new ApexYAxis(valueAxisTitle, Min: 0),
            PlotOptions = isBar ? new ApexPlotOptions(new ApexBarOptions(horizontal)) : null,
            Title = title,
            Colors = colors,
            DataLabels = new ApexDataLabels(Enabled: false),
            Legend = new ApexLegend("top", ShowForSingleSeries: false),
            // Clicks on lines land on the markers, so they are drawn and the tooltip follows them.
            Markers = isBar ? null : new ApexMarkers(Size: 4),
            Tooltip = isBar ? null : new ApexTooltip(Shared: false, Intersect: true),
            Stroke = isBar ? null : new ApexStroke("smooth", Width: 2),
            ValueFormat = format,
            // On a phone, half as many labels again.
            Responsive = !horizontal && data.Categories.Count > MaxCategoryLabelsOnAPhone
                ? [new ApexResponsive(PhoneWidth, new ApexResponsiveOptions(new ApexResponsiveXAxis(MaxCategoryLabelsOnAPhone)))]
                : null,
        };
    }

    /// <summary>The options as JSON, ready for JS interop (which would otherwise write the nulls).</summary>
    public static JsonElement ToJson(ApexOptions options) => JsonSerializer.SerializeToElement(options, SerializerOptions);
}
