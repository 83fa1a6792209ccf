namespace Dashboard.Domain.Common;

/// <summary>One page of a longer list and the total number of matching items.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
