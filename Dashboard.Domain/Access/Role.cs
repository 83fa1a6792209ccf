namespace Dashboard.Domain.Access;

/// <summary>The application roles (Entra ID app roles or demo users carry these names).</summary>
public enum Role
{
    Admin,
    SalesManager,
    TeamLead,
    Sales,
    Finance,
    Auditor,
}
