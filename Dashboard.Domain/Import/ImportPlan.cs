using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;

namespace Dashboard.Domain.Import;

/// <summary>What the import decided for one row, and the card it concerns.</summary>
internal sealed class RowPlan(ImportRow row)
{
    public ImportRow Row { get; } = row;

    public ImportRowAction Action { get; set; } = ImportRowAction.Invalid;

    public MatchFeatures? Features { get; set; }

    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>The card the row creates or updates, or the one it matched (skip, flag).</summary>
    public CardTarget? Target { get; set; }

    public MatchResult? Match { get; set; }

    public int? DuplicateOfRow { get; set; }

    /// <summary>The row asks for a stage a new card cannot start in; refused only if the row would create a card.</summary>
    public bool NonInitialStage { get; set; }

    public bool IsValid => Row.Values is not null;
}

/// <summary>
/// A card an import touches: an existing card (matched, skipped or updated) or a card the import creates from its
/// <see cref="Creator"/> row, with the later rows of the file that update it.
/// </summary>
internal sealed class CardTarget
{
    private CardTarget()
    {
    }

    public Guid? ExistingId { get; private init; }

    /// <summary>The id a new card will have; given before the cards are built, so that a later row can be flagged against it.</summary>
    public Guid NewId { get; } = Guid.CreateVersion7();

    /// <summary>The card's id: the existing card's, or the one a new card gets.</summary>
    public Guid Id => ExistingId ?? NewId;

    public string? Code { get; set; }

    public long Number { get; private init; }

    public MatchFeatures? Features { get; private init; }

    public RowPlan? Creator { get; private init; }

    /// <summary>Rows of the file whose values go onto this card ("update" mode).</summary>
    public List<RowPlan> Updates { get; } = [];

    /// <summary>For a new card in "flag for review" mode: the card it resembles and how much.</summary>
    public (CardTarget Other, MatchResult Match)? FlagWith { get; set; }

    /// <summary>The tracked existing card, loaded when rows update it.</summary>
    public CustomerCard? Entity { get; set; }

    /// <summary>The values to save: a new card's, or an existing card's after its updates.</summary>
    public CardValues? Values { get; set; }

    public bool Changed { get; set; }

    public bool IsNew => ExistingId is null;

    public static CardTarget Existing(Guid id, long number, MatchFeatures features) =>
        new() { ExistingId = id, Number = number, Code = CardCode.Format(number), Features = features };

    public static CardTarget New(RowPlan creator) => new() { Creator = creator };
}
