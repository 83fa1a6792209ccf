namespace Dashboard.Domain.Security;

/// <summary>The named purposes of the key ring; each has its own keys, so one purpose's key never serves another.</summary>
public static class KeyPurposes
{
    /// <summary>HMAC keys that seal the audit trail's hash chain.</summary>
    public const string AuditChain = "audit-chain";
}
