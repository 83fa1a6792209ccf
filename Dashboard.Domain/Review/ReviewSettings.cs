namespace Dashboard.Domain.Review;

/// <summary>
/// Whether new cards and sensitive changes made by Sales wait for a TeamLead (maker–checker). A single row,
/// written the first time an Admin switches it; no row means switched off.
/// </summary>
public sealed class ReviewSettings
{
    public const int SingletonId = 1;

    private ReviewSettings()
    {
    }

    public int Id { get; private set; }

    public bool Enabled { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    internal static ReviewSettings Create() => new() { Id = SingletonId };

    internal void Switch(bool enabled, Guid actorId, DateTime now)
    {
        Enabled = enabled;
        UpdatedAt = now;
        UpdatedBy = actorId;
    }
}
