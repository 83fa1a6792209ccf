using Dashboard.Web.Components.Charts;

namespace Dashboard.Tests.Components.Charts;

/// <summary>The options handed to ApexCharts carry the numbers and labels the dashboard aggregated.</summary>
public sealed class ApexOptionsBuilderTests
{
    private static readonly ChartData CardsByStage = new(
        ["Prospect", "Active", "At risk"],
        [new ChartSeries("East", [12m, 30m, 4m]), new ChartSeries("West", [8m, 25m, 6m])]);

    [Fact]
    public void Donut_HasPlainNumbersAsSeriesAndTheCategoriesAsLabels()
    {
        var data = ChartData.OneSeries("Cards", [("Phone", 40m), ("Web", 35m), ("Referral", 25m)]);

        var options = ApexOptionsBuilder.Build(ChartKind.Donut, data);

        Assert.Equal("donut", options.Chart.Type);
        Assert.Equal([40m, 35m, 25m], options.DonutSeries);
        Assert.Equal(["Phone", "Web", "Referral"], options.Labels);
        Assert.Null(options.Xaxis);
    }

    [Fact]
    public void Donut_IsWrittenAsANumberArrayWithLabels()
    {
        var data = ChartData.OneSeries("Cards", [("Phone", 40m), ("Web", 35m)]);

        var json = ApexOptionsBuilder.ToJson(ApexOptionsBuilder.Build(ChartKind.Donut, data));

        Assert.Equal("[40,35]", json.GetProperty("series").GetRawText());
        Assert.Equal("""["Phone","Web"]""", json.GetProperty("labels").GetRawText());
    }

    [Fact]
    public void Bar_HasTheCategoriesOnTheXAxisAndOneNamedSeriesPerRow()
    {
        var options = ApexOptionsBuilder.Build(ChartKind.Bar, CardsByStage);

        Assert.Equal("bar", options.Chart.Type);
        Assert.Equal(["Prospect", "Active", "At risk"], options.Xaxis!.Categories);
        Assert.Equal(["East", "West"], options.AxisSeries!.Select(s => s.Name));
        Assert.Equal([12m, 30m, 4m], options.AxisSeries![0].Data);
        Assert.Equal([8m, 25m, 6m], options.AxisSeries![1].Data);
        Assert.Null(options.DonutSeries);
        Assert.Null(options.Labels);
    }

    [Fact]
    public void Bar_IsWrittenCamelCaseAsNamedSeriesWithoutNulls()
    {
        var json = ApexOptionsBuilder.ToJson(ApexOptionsBuilder.Build(ChartKind.Bar, CardsByStage));

        Assert.Equal("East", json.GetProperty("series")[0].GetProperty("name").GetString());
        Assert.Equal(30m, json.GetProperty("series")[0].GetProperty("data")[1].GetDecimal());
        Assert.Equal("At risk", json.GetProperty("xaxis").GetProperty("categories")[2].GetString());
        Assert.True(json.GetProperty("plotOptions").GetProperty("bar").TryGetProperty("horizontal", out _));
        Assert.False(json.TryGetProperty("title", out _));
        Assert.False(json.TryGetProperty("labels", out _));
        Assert.DoesNotContain("null", json.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChartKind.StackedBar, true)]
    [InlineData(ChartKind.StackedHorizontalBar, true)]
    [InlineData(ChartKind.Bar, false)]
    [InlineData(ChartKind.HorizontalBar, false)]
    public void OnlyStackedKinds_StackTheSeries(ChartKind kind, bool stacked)
    {
        var options = ApexOptionsBuilder.Build(kind, CardsByStage);

        Assert.Equal(stacked, options.Chart.Stacked);
    }

    [Theory]
    [InlineData(ChartKind.HorizontalBar, true)]
    [InlineData(ChartKind.StackedHorizontalBar, true)]
    [InlineData(ChartKind.Bar, false)]
    [InlineData(ChartKind.StackedBar, false)]
    public void OnlyHorizontalKinds_LayTheBarsSideways(ChartKind kind, bool horizontal)
    {
        var options = ApexOptionsBuilder.Build(kind, CardsByStage);

        Assert.Equal(horizontal, options.PlotOptions!.Bar.Horizontal);
    }

    [Theory]
    [InlineData(ChartKind.Area)]
    [InlineData(ChartKind.Line)]
    [InlineData(ChartKind.Bar)]
    public void VerticalCharts_StartTheValueAxisAtZero(ChartKind kind)
    {
        var options = ApexOptionsBuilder.Build(kind, new ChartData(["2026-10", "2026-11", "2026-12"], [new ChartSeries("Value", [4_100_000m, 4_300_000m, 600_000m])]));

        Assert.Equal(0m, options.Yaxis!.Min);
        Assert.Equal(0, ApexOptionsBuilder.ToJson(options).GetProperty("yaxis").GetProperty("min").GetInt32());
    }

    [Fact]
    public void AYearOfWeeks_DrawsAtMostADozenLabels_TurnedAndNeverOverlapping()
    {
        var weeks = Enumerable.Range(0, 52).Select(i => new DateOnly(2026, 1, 5).AddDays(7 * i).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var options = ApexOptionsBuilder.Build(ChartKind.Bar, new ChartData(weeks, [new ChartSeries("New cards", weeks.Select(_ => 1m).ToList())]));

        Assert.Equal(ApexOptionsBuilder.MaxCategoryLabels, options.Xaxis!.TickAmount);
        Assert.True(options.Xaxis.Labels!.HideOverlappingLabels);
        Assert.Equal(52, options.Xaxis.Categories.Count); // every week is still a bar, with its label in the tooltip
        var phone = Assert.Single(options.Responsive!);
        Assert.Equal((ApexOptionsBuilder.PhoneWidth, ApexOptionsBuilder.MaxCategoryLabelsOnAPhone), (phone.Breakpoint, phone.Options.Xaxis.TickAmount));
    }

    [Fact]
    public void AFewCategories_AreAllLabelled()
    {
        var options = ApexOptionsBuilder.Build(ChartKind.Bar, CardsByStage);

        Assert.Null(options.Xaxis!.TickAmount);
    }

    [Fact]
    public void HorizontalBar_PutsTheValueAxisTitleOnTheXAxis()
    {
        var options = ApexOptionsBuilder.Build(ChartKind.HorizontalBar, CardsByStage, new ChartAppearance { YAxisTitle = "Cards" });

        Assert.Equal("Cards", options.Xaxis!.Title!.Text);
        Assert.Null(options.Yaxis);
    }

    [Fact]
    public void LineOverDates_UsesADateTimeAxisAndMarkersToClick()
    {
        var data = new ChartData(["2025-01-31", "2025-02-28"], [new ChartSeries("Revenue", [1200.5m, 980m])]);

        var options = ApexOptionsBuilder.Build(ChartKind.Line, data, new ChartAppearance { XAxisType = XAxisType.DateTime, ValueFormat = ValueFormat.Money });

        Assert.Equal("line", options.Chart.Type);
        Assert.Equal("datetime", options.Xaxis!.Type);
        Assert.Null(options.PlotOptions);
        Assert.True(options.Markers!.Size > 0);
        Assert.Equal("money", options.ValueFormat.Kind);
    }

    [Fact]
    public void Appearance_CarriesTitleHeightColoursAndTheDaysText()
    {
        var appearance = new ChartAppearance { Title = "Time to first purchase", Height = 240, Colors = ["#1e88e5"], ValueFormat = ValueFormat.Days };

        var options = ApexOptionsBuilder.Build(ChartKind.Area, CardsByStage, appearance, daysPattern: "{0} d");

        Assert.Equal("area", options.Chart.Type);
        Assert.Equal("Time to first purchase", options.Title!.Text);
        Assert.Equal(240, options.Chart.Height);
        Assert.Equal(["#1e88e5"], options.Colors);
        Assert.Equal(new ApexValueFormat("days", "{0} d"), options.ValueFormat);
    }

    [Fact]
    public void ChartData_WithEqualNumbersInNewLists_IsEqual()
    {
        var copy = new ChartData(
            ["Prospect", "Active", "At risk"],
            [new ChartSeries("East", [12m, 30m, 4m]), new ChartSeries("West", [8m, 25m, 6m])]);

        Assert.Equal(CardsByStage, copy);
        Assert.Equal(CardsByStage.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(CardsByStage, ChartData.OneSeries("East", [("Prospect", 12m)]));
    }

    [Fact]
    public void ChartData_WithASeriesShorterThanTheCategories_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChartData(["A", "B"], [new ChartSeries("S", [1m])]));

        Assert.Contains("\"S\" has 1 values for 2 categories", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StackedBar_IsWrittenWithTheStackedFlagAndTheValueFormat()
    {
        var json = ApexOptionsBuilder.ToJson(ApexOptionsBuilder.Build(ChartKind.StackedBar, CardsByStage));

        Assert.True(json.GetProperty("chart").GetProperty("stacked").GetBoolean());
        Assert.Equal("count", json.GetProperty("valueFormat").GetProperty("kind").GetString());
    }
}
