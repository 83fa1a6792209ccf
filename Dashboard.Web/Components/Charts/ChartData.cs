namespace Dashboard.Web.Components.Charts;

/// <summary>One named row of values, one value per category of its <see cref="ChartData"/>.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Data)
{
    // Records compare lists by reference; a chart redraws only when the numbers really change.
    public bool Equals(ChartSeries? other) =>
        other is not null && Name == other.Name && Data.SequenceEqual(other.Data);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        foreach (var value in Data)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// What a chart shows, already aggregated: the categories (x-axis labels, or the slices of a donut)
/// and the series, each with one value per category. Compared by value.
/// </summary>
public sealed record ChartData
{
    public ChartData(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var misfit = series.FirstOrDefault(s => s.Data.Count != categories.Count);
        if (misfit is not null)
        {
            throw new ArgumentException(
                $"Series \"{misfit.Name}\" has {misfit.Data.Count} values for {categories.Count} categories.", nameof(series));
        }

        Categories = categories;
        Series = series;
    }

    /// <summary>No categories and no series.</summary>
    public static ChartData Empty { get; } = new([], []);

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<ChartSeries> Series { get; }

    /// <summary>True when there is nothing to draw: no categories, no series, or only zeros.</summary>
    public bool IsEmpty => Categories.Count == 0 || Series.All(s => s.Data.All(v => v == 0));

    /// <summary>One series from (category, value) pairs, as a donut or a single-series bar chart wants.</summary>
    public static ChartData OneSeries(string seriesName, IEnumerable<(string Category, decimal Value)> points)
    {
        var list = points.ToList();
        return new ChartData(list.ConvertAll(p => p.Category), [new ChartSeries(seriesName, list.ConvertAll(p => p.Value))]);
    }

    public bool Equals(ChartData? other) =>
        other is not null && Categories.SequenceEqual(other.Categories) && Series.SequenceEqual(other.Series);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var category in Categories)
        {
            hash.Add(category);
        }

        foreach (var series in Series)
        {
            hash.Add(series);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A data point the user clicked: which series and category, by index and by name.</summary>
public sealed record ChartPoint(int SeriesIndex, int DataPointIndex, string Category, string SeriesName);

/// <summary>How a chart looks, apart from its data. Compared by value.</summary>
public sealed record ChartAppearance
{
    public const int DefaultHeight = 320;

    /// <summary>Shown above the chart; leave empty when the page already has a heading for it.</summary>
    public string? Title { get; init; }

    /// <summary>Height of the drawing in CSS pixels.</summary>
    public int Height { get; init; } = DefaultHeight;

    /// <summary>CSS colours, one per series (or per slice of a donut); ApexCharts' palette when null.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>Title of the value axis (the horizontal one for horizontal bars).</summary>
    public string? YAxisTitle { get; init; }

    public ValueFormat ValueFormat { get; init; } = ValueFormat.Count;

    /// <summary>What the categories are; dates only make sense for line and area charts.</summary>
    public XAxisType XAxisType { get; init; } = XAxisType.Category;

    public bool Equals(ChartAppearance? other) =>
        other is not null
        && Title == other.Title
        && Height == other.Height
        && YAxisTitle == other.YAxisTitle
        && ValueFormat == other.ValueFormat
        && XAxisType == other.XAxisType
        && (Colors ?? []).SequenceEqual(other.Colors ?? []);

    public override int GetHashCode() => HashCode.Combine(Title, Height, YAxisTitle, ValueFormat, XAxisType, Colors?.Count ?? 0);
}
