namespace Dashboard.Domain.Duplicates;

/// <summary>The ids of the children a merge moved from the merged card to the surviving one.</summary>
public sealed record MovedChildren(
    IReadOnlyList<Guid> Interactions,
    IReadOnlyList<Guid> Purchases,
    IReadOnlyList<Guid> Remarks,
    IReadOnlyList<Guid> StageTransitions);

/// <summary>A contact point exactly as it was, for undoing a merge.</summary>
public sealed record ContactPointState(Guid Id, Customers.ContactKind Kind, string Label, string Value, bool IsPrimary, DateOnly? LastVerifiedOn);
