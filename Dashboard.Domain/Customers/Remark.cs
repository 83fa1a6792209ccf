namespace Dashboard.Domain.Customers;

/// <summary>An authored, timestamped note on a card. Editing keeps every earlier text as a version.</summary>
public sealed class Remark
{
    public const int TextMaxLength = 4000;

    private readonly List<RemarkVersion> _versions = [];

    private Remark()
    {
        Text = string.Empty;
    }

    internal Remark(Guid id, Guid authorId, DateTime createdAt, string text)
    {
        Id = id;
        AuthorId = authorId;
        CreatedAt = createdAt;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public Guid AuthorId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string Text { get; private set; }

    public DateTime? EditedAt { get; private set; }

    public Guid? EditedBy { get; private set; }

    /// <summary>Earlier texts, oldest first.</summary>
    public IReadOnlyList<RemarkVersion> Versions => _versions;

    internal void Edit(string text, Guid editorId, DateTime at)
    {
        _versions.Add(new RemarkVersion(Guid.CreateVersion7(), Text, EditedAt ?? CreatedAt, EditedBy ?? AuthorId, _versions.Count + 1));
        Text = text;
        EditedAt = at;
        EditedBy = editorId;
    }
}

/// <summary>A superseded text of a remark: what it said, written by whom and when.</summary>
public sealed class RemarkVersion
{
    private RemarkVersion()
    {
        Text = string.Empty;
    }

    internal RemarkVersion(Guid id, string text, DateTime writtenAt, Guid writtenBy, int number)
    {
        Id = id;
        Text = text;
        WrittenAt = writtenAt;
        WrittenBy = writtenBy;
        Number = number;
    }

    public Guid Id { get; private set; }

    public Guid RemarkId { get; private set; }

    public int Number { get; private set; }

    public string Text { get; private set; }

    public DateTime WrittenAt { get; private set; }

    public Guid WrittenBy { get; private set; }
}
