namespace Dashboard.Domain.Common;

/// <summary>A problem with one input field: a stable code for localisation and an English message.</summary>
public sealed record FieldError(string Field, string Code, string Message);
