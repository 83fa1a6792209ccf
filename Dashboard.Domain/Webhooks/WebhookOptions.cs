namespace Dashboard.Domain.Webhooks;

/// <summary>Settings from the "Dashboard:Webhooks" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Dashboard:Webhooks";

    /// <summary>Wait after the first failure; each further failure doubles it.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts in a row before a delivery is marked failed (an Admin can still retry it).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long the receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the outbox is checked when no save woke the sender.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries taken per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// On-premises receivers that may be called although their addresses are internal: IP addresses, CIDR ranges
    /// (10.20.0.0/16) and host names (any address such a name resolves to is allowed). Empty: public addresses only.
    /// Cloud metadata, unspecified, multicast and broadcast addresses stay refused. See <see cref="WebhookDestinationPolicy"/>.
    /// </summary>
    public IList<string> AllowedInternalHosts { get; set; } = [];

    /// <summary>How long a taken delivery stays claimed: after that another round (or the next start) takes it again.</summary>
    public TimeSpan ClaimDuration => Timeout + TimeSpan.FromSeconds(30);

    /// <summary>30 s, 1 min, 2 min, 4 min, ... up to <see cref="BackoffMax"/>, after the n-th failure in a row.</summary>
    public TimeSpan BackoffAfter(int failuresInARow)
    {
        var factor = Math.Pow(2, Math.Clamp(failuresInARow - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(BackoffBase.Ticks * factor, BackoffMax.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>The reasons these settings cannot work, empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        if (BackoffBase <= TimeSpan.Zero || BackoffMax < BackoffBase)
        {
            yield return "Dashboard:Webhooks:BackoffBase must be positive and not above BackoffMax.";
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return "Dashboard:Webhooks:MaxAttempts must be between 1 and 100.";
        }

        if (Timeout <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero || BatchSize < 1)
        {
            yield return "Dashboard:Webhooks:Timeout and PollInterval must be positive and BatchSize at least 1.";
        }

        foreach (var entry in WebhookDestinationPolicy.InvalidEntries(AllowedInternalHosts))
        {
            yield return $"{WebhookDestinationPolicy.AllowListSetting}: \"{entry}\" is not an IP address, a CIDR range (10.20.0.0/16) or a host name.";
        }
    }
}
