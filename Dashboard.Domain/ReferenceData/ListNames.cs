namespace Dashboard.Domain.ReferenceData;

/// <summary>English names of the list kinds, for messages.</summary>
public static class ListNames
{
    public static string Singular(ListKind kind) => kind switch
    {
        ListKind.Industry => "industry",
        ListKind.Region => "region",
        ListKind.SourceChannel => "source channel",
        ListKind.Interest => "interest",
        ListKind.TagGroup => "tag group",
        _ => kind.ToString(),
    };
}
