using Dashboard.Tests.EndToEnd;
using Dashboard.Web.Components.Charts;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Components.Charts;

/// <summary>
/// apex-chart.js in the browser, without a signed-in page: names reach ApexCharts unchanged (its axis labels are SVG
/// text, which shows them literally), and every formatter whose output ApexCharts writes as HTML escapes it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApexChartScriptTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Category = "<img src=x onerror=alert(1)>";
    private const string SeriesName = "<b id=series>East</b>";
    private const string EscapedCategory = "&lt;img src=x onerror=alert(1)&gt;";
    private const string EscapedSeriesName = "&lt;b id=series&gt;East&lt;/b&gt;";

    private static readonly ChartData HtmlNames = new([Category, "Feb"], [new ChartSeries(SeriesName, [3m, 4m]), new ChartSeries("West", [1m, 2m])]);

    private BrowserSession _session = null!;

    public async Task InitializeAsync()
    {
        _session = await browser.OpenAsync(output);
        // Any page loads ApexCharts; the sign-in page needs nobody signed in.
        await _session.Page.GotoAsync("account/login");
        await _session.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("Tom & \"Jerry\" O'Neil", "Tom &amp; &quot;Jerry&quot; O&#39;Neil")]
    [InlineData("&lt; already", "&amp;lt; already")]
    [InlineData("王小明 🙂", "王小明 🙂")]
    [InlineData("", "")]
    public async Task EscapeHtml_EscapesTheFiveMarkupCharacters_AndNothingElse(string text, string expected)
    {
        var escaped = await _session.Page.EvaluateAsync<string>("async text => (await import('/js/apex-chart.js')).escapeHtml(text)", text);

        Assert.Equal(expected, escaped);
    }

    [Theory]
    [InlineData(ChartKind.StackedHorizontalBar)]
    [InlineData(ChartKind.Bar)]
    [InlineData(ChartKind.Area)]
    [InlineData(ChartKind.Donut)]
    public async Task EveryFormatterWritingHtml_EscapesNames_WhileTheSvgLabelsKeepThem(ChartKind kind)
    {
        var options = ApexOptionsBuilder.ToJson(ApexOptionsBuilder.Build(kind, HtmlNames)).GetRawText();

        var result = await _session.Page.EvaluateAsync<Dictionary<string, string?>>(
            """
            async json => {
                const o = (await import('/js/apex-chart.js')).prepare(JSON.parse(json), null);
                return {
                    tooltipTitle: o.tooltip.x ? o.tooltip.x.formatter(1, { dataPointIndex: 0 }) : null,
                    seriesLabel: o.tooltip.y.title.formatter(o.series[0].name ?? o.labels[0]),
                    value: o.tooltip.y.formatter('<i>n/a</i>'),
                    legend: o.legend.formatter(o.series[0].name ?? o.labels[0]),
                    svgLabel: (o.xaxis?.categories ?? o.labels)[0],
                };
            }
            """, options);

        // A donut's slices are its categories; the other charts name their series.
        var escapedName = kind == ChartKind.Donut ? EscapedCategory : EscapedSeriesName;
        if (kind != ChartKind.Donut)
        {
            // On area charts ApexCharts passes the formatter the point's position (1), not its category.
            Assert.Equal(EscapedCategory, result["tooltipTitle"]);
        }

        Assert.Equal(escapedName + ": ", result["seriesLabel"]);
        Assert.Equal("&lt;i&gt;n/a&lt;/i&gt;", result["value"]);
        Assert.Equal(escapedName, result["legend"]);
        Assert.Equal(Category, result["svgLabel"]);
    }

    [Fact]
    public async Task AnAreaChartWithHtmlNames_ShowsThemAsTextInLegendAndTooltip_AndCreatesNoElement()
    {
        var options = ApexOptionsBuilder.ToJson(ApexOptionsBuilder.Build(ChartKind.Area, HtmlNames)).GetRawText();
        var page = _session.Page;

        await page.EvaluateAsync(
            """
            async json => {
                const element = document.createElement('div');
                element.id = 'script-test-chart';
                element.style.width = '600px';
                document.body.prepend(element);
                await (await import('/js/apex-chart.js')).create(element, JSON.parse(json), null);
            }
            """, options);
        var chart = page.Locator("#script-test-chart");
        await Expect(chart.Locator(".apexcharts-legend-text").First).ToHaveTextAsync(SeriesName);

        var marker = chart.Locator(".apexcharts-series[data\\:realIndex='0'] .apexcharts-marker").First;
        var box = await marker.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("The first point has no marker.");
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);

        var tooltip = chart.Locator(".apexcharts-tooltip.apexcharts-active");
        await Expect(tooltip.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(Category);
        await Expect(tooltip.Locator(".apexcharts-tooltip-text-y-label").First).ToHaveTextAsync(SeriesName + ": ");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img[src=\"x\"], b#series').length"));
    }
}
