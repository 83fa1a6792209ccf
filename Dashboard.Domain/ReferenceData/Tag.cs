namespace Dashboard.Domain.ReferenceData;

/// <summary>A label that can be put on cards; belongs to a tag group whose colour it shows.</summary>
public sealed class Tag
{
    public const int NameMaxLength = 50;

    private Tag()
    {
        Name = string.Empty;
    }

    public Tag(string name, int groupId)
    {
        Name = name;
        GroupId = groupId;
        IsActive = true;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public int GroupId { get; private set; }

    public ListItem? Group { get; private set; }

    public bool IsActive { get; private set; }

    internal void Rename(string name) => Name = name;

    internal void SetActive(bool active) => IsActive = active;
}
