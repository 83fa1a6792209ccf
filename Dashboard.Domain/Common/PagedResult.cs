namespace Dashboard.Domain.Common;

/// <summary>One page of a longer list and the total number of matching items.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount)
{
    /// <summary>
    /// Counting stopped at <see cref="TotalCount"/>: more items match ("10,000+"). Paging reaches that far; narrow
    /// the filters to see the rest.
    /// </summary>
    public bool MoreThanTotal { get; init; }
}
