using System.Security.Cryptography;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// A receiver an Admin registered: where card events are posted, which ones, and the secret they are signed with.
/// The secret is kept so that every delivery can be signed; it is shown to the Admin only when created or rotated.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 200;
    public const int SecretMaxLength = 100;
    private const string SecretPrefix = "whsec_";

    private WebhookEndpoint()
    {
        Url = string.Empty;
        Secret = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Absolute http or https URL the events are posted to.</summary>
    public string Url { get; private set; }

    public string? Description { get; private set; }

    public WebhookEvents Events { get; private set; }

    /// <summary>The HMAC-SHA256 key (its UTF-8 bytes) of the <c>X-Dashboard-Signature</c> header.</summary>
    public string Secret { get; private set; }

    /// <summary>Paused endpoints get no new events; deliveries already queued wait until it is resumed.</summary>
    public bool IsActive { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime? SecretRotatedAt { get; private set; }

    /// <summary>Set when the Admin deleted the endpoint; kept so that the delivery log still names it.</summary>
    public DateTime? DeletedAt { get; private set; }

    internal static WebhookEndpoint Create(Guid id, string url, WebhookEvents events, string? description, Guid actorId, DateTime now) => new()
    {
        Id = id,
        Url = url,
        Events = events,
        Description = description,
        Secret = NewSecret(),
        IsActive = true,
        CreatedAt = now,
        CreatedBy = actorId,
    };

    public bool Receives(WebhookEvents oneEvent) => IsActive && DeletedAt is null && Events.HasFlag(oneEvent);

    internal void SetActive(bool active) => IsActive = active;

    internal void RotateSecret(DateTime now)
    {
        Secret = NewSecret();
        SecretRotatedAt = now;
    }

    internal void Delete(DateTime now)
    {
        IsActive = false;
        DeletedAt = now;
    }

    /// <summary>32 random bytes as hex, prefixed so that the secret is recognisable where it is pasted.</summary>
    private static string NewSecret() => SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
