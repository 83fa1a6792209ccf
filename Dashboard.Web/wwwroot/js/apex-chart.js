// Draws ApexCharts for the ApexChart Blazor component (Components/Charts/ApexChart.razor).
// ApexCharts itself is loaded as a classic script from lib/apexcharts (see App.razor).

const charts = new WeakMap();

function reducedMotion() {
    return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

function numberFormat(options) {
    return new Intl.NumberFormat(document.documentElement.lang || undefined, options);
}

// The C# side says what the numbers are; the text around them is formatted here, because
// ApexCharts calls the formatters for axis ticks it picks itself.
function formatter(valueFormat, compact) {
    const kind = valueFormat?.kind ?? 'count';
    const notation = compact ? 'compact' : 'standard';
    switch (kind) {
        case 'money': {
            const f = numberFormat({ notation, minimumFractionDigits: compact ? 0 : 2, maximumFractionDigits: 2 });
            return value => f.format(value);
        }
        case 'percent': {
            const f = numberFormat({ style: 'percent', maximumFractionDigits: 1 });
            return value => f.format(value / 100);
        }
        case 'days': {
            const f = numberFormat({ maximumFractionDigits: 1 });
            const pattern = valueFormat.daysPattern ?? '{0}';
            return value => pattern.replace('{0}', f.format(value));
        }
        default: {
            const f = numberFormat({ notation, maximumFractionDigits: compact ? 1 : 0 });
            return value => f.format(value);
        }
    }
}

function isNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
}

const htmlEscapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// ApexCharts writes tooltips and the legend with innerHTML, but draws axis labels, data labels and a donut's
// centre as SVG text (textContent). So names go to it as they are, for the SVG to show them literally, and
// every formatter whose result ApexCharts puts into HTML escapes it: a name can never become an element.
export function escapeHtml(value) {
    const text = Array.isArray(value) ? value.join(' ') : String(value ?? '');
    return text.replace(/[&<>"']/g, c => htmlEscapes[c]);
}

// Adds what JSON cannot carry (functions, the user's motion preference) to the options from C#.
// Exported for the tests (ApexChartScriptTests), which call the formatters it installs.
export function prepare(options, dotNetRef) {
    const { valueFormat, ...apex } = options;
    const full = formatter(valueFormat, false);
    const compact = formatter(valueFormat, true);
    const horizontal = apex.plotOptions?.bar?.horizontal === true;
    const onValues = value => (isNumber(value) ? compact(value) : value);
    // The tooltip's title is looked up here by index: on line and area charts ApexCharts hands its formatter a position.
    const categories = apex.xaxis?.categories ?? apex.labels ?? [];

    apex.chart = {
        ...apex.chart,
        animations: { enabled: !reducedMotion() },
        events: {
            dataPointSelection: (_event, _context, config) => {
                if (dotNetRef && config.dataPointIndex >= 0) {
                    dotNetRef.invokeMethodAsync('OnPointSelected', Math.max(config.seriesIndex, 0), config.dataPointIndex);
                }
            },
        },
    };
    apex.tooltip = {
        ...apex.tooltip,
        y: {
            formatter: value => escapeHtml(isNumber(value) ? full(value) : value),
            title: { formatter: name => (name ? `${escapeHtml(name)}: ` : '') },
        },
    };
    // ApexCharts formats dates itself (no names in them), and keeps its date format only without this formatter.
    if (apex.xaxis?.type !== 'datetime') {
        apex.tooltip.x = { formatter: (value, context) => escapeHtml(categories[context?.dataPointIndex] ?? value) };
    }
    apex.legend = { ...apex.legend, formatter: name => escapeHtml(name) };

    if (apex.chart.type === 'donut') {
        apex.dataLabels = { ...apex.dataLabels, formatter: percent => numberFormat({ maximumFractionDigits: 0 }).format(percent) + '%' };
        apex.plotOptions = { pie: { donut: { labels: { show: true, value: { formatter: value => full(Number(value)) } } } } };
        return apex;
    }

    // The value axis is x for horizontal bars and y otherwise.
    if (horizontal) {
        apex.xaxis = { ...apex.xaxis, labels: { formatter: onValues } };
    } else {
        apex.yaxis = { ...apex.yaxis, labels: { formatter: onValues } };
    }

    return apex;
}

export function create(element, options, dotNetRef) {
    destroy(element);
    const chart = new window.ApexCharts(element, prepare(options, dotNetRef));
    charts.set(element, { chart, dotNetRef });
    return chart.render();
}

// New numbers and labels for the chart already drawn, so it animates between them instead of flashing.
export async function update(element, options) {
    const entry = charts.get(element);
    if (!entry) {
        return;
    }

    const { series, ...rest } = prepare(options, entry.dotNetRef);
    const animate = !reducedMotion();
    await entry.chart.updateOptions(rest, false, animate);
    await entry.chart.updateSeries(series, animate);
}

export function destroy(element) {
    const entry = charts.get(element);
    if (entry) {
        charts.delete(element);
        entry.chart.destroy();
    }
}
