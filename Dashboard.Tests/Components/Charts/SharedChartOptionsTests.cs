using Dashboard.Web.Components.Charts;

namespace Dashboard.Tests.Components.Charts;

/// <summary>
/// A thousand open dashboards on one view draw equal charts after each save: their options are built once and shared,
/// and a chart that differs in anything drawn gets its own.
/// </summary>
public sealed class SharedChartOptionsTests
{
    [Fact]
    public void EqualCharts_OnDifferentScreens_ShareOneBuild_AndDifferentOnesDoNot()
    {
        var title = "Funnel " + Guid.NewGuid().ToString("N");
        ChartData Data(decimal won) => new(["New", "Active"], [new ChartSeries("Cards", [12m, won])]);
        var appearance = new ChartAppearance { Title = title, ValueFormat = ValueFormat.Count };

        Assert.False(ApexChart.IsShared(ChartKind.Bar, Data(5), appearance, "{0} days"));
        var first = ApexChart.OptionsFor(ChartKind.Bar, Data(5), appearance, "{0} days");
        Assert.True(ApexChart.IsShared(ChartKind.Bar, Data(5), new ChartAppearance { Title = title, ValueFormat = ValueFormat.Count }, "{0} days"));
        var again = ApexChart.OptionsFor(ChartKind.Bar, Data(5), appearance, "{0} days");
        var changed = ApexChart.OptionsFor(ChartKind.Bar, Data(6), appearance, "{0} days");

        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.NotEqual(first.GetRawText(), changed.GetRawText());
        Assert.Contains("6", changed.GetRawText(), StringComparison.Ordinal);
        Assert.False(ApexChart.IsShared(ChartKind.Bar, Data(5), appearance, "{0} 天"));
    }
}
