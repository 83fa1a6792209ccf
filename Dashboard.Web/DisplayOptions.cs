namespace Dashboard.Web;

/// <summary>How times are shown. Times are stored in UTC and shown in this zone (IANA id, e.g. Asia/Shanghai).</summary>
public sealed class DisplayOptions
{
    public const string SectionName = "Display";

    public string? TimeZone { get; set; }

    public TimeZoneInfo Zone => string.IsNullOrWhiteSpace(TimeZone) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Turns a time typed in the display zone into UTC.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);
}
