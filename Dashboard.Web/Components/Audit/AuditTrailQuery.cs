namespace Dashboard.Web.Components.Audit;

/// <summary>The audit viewer's filters as kept in the URL: part of the actor's name, the action, the record id, and days in the display time zone.</summary>
public sealed record AuditTrailQuery(string? Actor = null, string? Action = null, string? Record = null, DateOnly? From = null, DateOnly? To = null);
