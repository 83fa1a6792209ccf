namespace Dashboard.Web.Components.Charts;

/// <summary>The kinds of chart the dashboard draws.</summary>
public enum ChartKind
{
    /// <summary>Vertical bars, one group per category.</summary>
    Bar,

    /// <summary>Horizontal bars, for long category names such as regions or sources.</summary>
    HorizontalBar,

    /// <summary>Vertical bars with the series stacked on each other.</summary>
    StackedBar,

    /// <summary>Horizontal bars with the series stacked on each other.</summary>
    StackedHorizontalBar,

    /// <summary>Shares of a whole: the categories are the slices, the first series holds their values.</summary>
    Donut,

    /// <summary>Lines over a category or date axis.</summary>
    Line,

    /// <summary>Filled lines over a category or date axis.</summary>
    Area,
}

/// <summary>How the values of a chart read: counts, amounts of money, percentages or numbers of days.</summary>
public enum ValueFormat
{
    Count,
    Money,

    /// <summary>Values already in percent (42.5 means 42.5 %).</summary>
    Percent,
    Days,
}

/// <summary>What the categories of a line or bar chart are.</summary>
public enum XAxisType
{
    /// <summary>Labels, shown as they are.</summary>
    Category,

    /// <summary>ISO dates (yyyy-MM-dd), spaced by time.</summary>
    DateTime,
}
