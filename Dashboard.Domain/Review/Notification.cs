using System.Text.Json;

namespace Dashboard.Domain.Review;

/// <summary>
/// An in-app message for one staff member, e.g. that a checker decided their change. The text is an English
/// resource key with arguments, so each reader sees it in their own language.
/// </summary>
public sealed class Notification
{
    public const int TextMaxLength = 200;
    public const int LinkMaxLength = 200;

    private Notification()
    {
        TextKey = string.Empty;
        ArgsJson = "[]";
    }

    public Guid Id { get; private set; }

    public Guid RecipientId { get; private set; }

    /// <summary>The English text with {0}-style placeholders; also the resource key.</summary>
    public string TextKey { get; private set; }

    /// <summary>The placeholders' values as a JSON array of strings.</summary>
    public string ArgsJson { get; private set; }

    /// <summary>Where the notification leads, relative to the app's base address.</summary>
    public string? Link { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public IReadOnlyList<string> Args => JsonSerializer.Deserialize<List<string>>(ArgsJson) ?? [];

    internal static Notification Create(Guid recipientId, string textKey, IReadOnlyList<string> args, string? link, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        RecipientId = recipientId,
        TextKey = textKey,
        ArgsJson = JsonSerializer.Serialize(args),
        Link = link,
        CreatedAt = now,
    };

    internal void MarkRead(DateTime now) => ReadAt ??= now;
}
