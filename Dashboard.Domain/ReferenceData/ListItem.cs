namespace Dashboard.Domain.ReferenceData;

/// <summary>The admin-editable lists that feed dropdowns and checkboxes on the card.</summary>
public enum ListKind
{
    Industry,
    Region,
    SourceChannel,
    Interest,
    TagGroup,
}

/// <summary>One entry of a controlled list. Retired entries stay for old cards but are not offered.</summary>
public sealed class ListItem
{
    public const int NameMaxLength = 100;
    public const int ColourMaxLength = 9;

    private ListItem()
    {
        Name = string.Empty;
    }

    public ListItem(ListKind kind, string name, int sortOrder, string? colour = null)
    {
        Kind = kind;
        Name = name;
        SortOrder = sortOrder;
        Colour = colour;
        IsActive = true;
    }

    public int Id { get; private set; }

    public ListKind Kind { get; private set; }

    public string Name { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>Hex colour (#RRGGBB), used for tag groups.</summary>
    public string? Colour { get; private set; }

    public bool IsActive { get; private set; }

    internal void Rename(string name) => Name = name;

    internal void SetActive(bool active) => IsActive = active;
}
