namespace Dashboard.Domain.Export;

/// <summary>One cell of an exported row: text, or a number or date that a spreadsheet keeps as such.</summary>
internal readonly record struct ExportValue(object? Value)
{
    public static ExportValue Text(string? text) => new(text);

    public static ExportValue Number(decimal? number) => new(number);

    public static ExportValue Date(DateOnly? date) => new(date);

    /// <summary>A UTC time.</summary>
    public static ExportValue Time(DateTime? utc) => new(utc);
}
