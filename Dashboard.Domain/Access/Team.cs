namespace Dashboard.Domain.Access;

/// <summary>A sales team; cards belong to the team of their owner.</summary>
public sealed class Team
{
    public const int NameMaxLength = 100;

    private Team()
    {
        Name = string.Empty;
    }

    public Team(Guid id, string name)
    {
        Id = id;
        Name = name;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }
}
