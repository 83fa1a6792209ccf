namespace Dashboard.Domain.Security;

/// <summary>The named purposes of the key ring; each has its own keys, so one purpose's key never serves another.</summary>
public static class KeyPurposes
{
    /// <summary>HMAC keys that seal the audit trail's hash chain.</summary>
    public const string AuditChain = "audit-chain";

    /// <summary>AES-256-GCM keys that encrypt sensitive values (phones, e-mails, addresses and the records that copy them).</summary>
    public const string FieldEncryption = "field-encryption";

    /// <summary>HMAC keys of the keyed hashes that stand in for sensitive values in lookups and duplicate blocking.</summary>
    public const string FieldLookup = "field-lookup";
}
