namespace Dashboard.Domain.Access;

/// <summary>
/// One signed-in session, named in the sign-in cookie. Every request checks that it has not ended, so signing out, or
/// an Admin ending it (after taking a person's role away in Entra ID), ends it on the server and not only in the browser.
/// </summary>
public sealed class SignInSession
{
    public const int RolesMaxLength = 200;
    public const int MethodMaxLength = 50;
    public const int AddressMaxLength = 64;
    public const int EndReasonMaxLength = 200;

    private SignInSession()
    {
        Roles = string.Empty;
        Method = string.Empty;
    }

    internal SignInSession(Guid staffId, string roles, string method, string? clientAddress, DateTime now)
    {
        Id = Guid.NewGuid();
        StaffId = staffId;
        Roles = roles.Length > RolesMaxLength ? roles[..RolesMaxLength] : roles;
        Method = method.Length > MethodMaxLength ? method[..MethodMaxLength] : method;
        ClientAddress = clientAddress is { Length: > AddressMaxLength } ? clientAddress[..AddressMaxLength] : clientAddress;
        StartedAt = now;
        LastSeenAt = now;
    }

    public Guid Id { get; private set; }

    public Guid StaffId { get; private set; }

    /// <summary>The roles the person signed in with, e.g. "Sales".</summary>
    public string Roles { get; private set; }

    public string Method { get; private set; }

    public string? ClientAddress { get; private set; }

    public DateTime StartedAt { get; private set; }

    /// <summary>The last request seen, to the minute.</summary>
    public DateTime LastSeenAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public Guid? EndedBy { get; private set; }

    /// <summary>"signed out", or why an Admin ended it.</summary>
    public string? EndReason { get; private set; }

    public bool IsActive => EndedAt is null;

    internal bool Touch(DateTime now)
    {
        if (now - LastSeenAt < TimeSpan.FromMinutes(1))
        {
            return false;
        }

        LastSeenAt = now;
        return true;
    }

    internal void End(Guid? endedBy, string reason, DateTime now)
    {
        if (EndedAt is not null)
        {
            return;
        }

        EndedAt = now;
        EndedBy = endedBy;
        EndReason = reason.Length > EndReasonMaxLength ? reason[..EndReasonMaxLength] : reason;
    }
}
