using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Domain.Security;

/// <summary>
/// Encrypts sensitive values for storage and derives the keyed hashes that stand in for them where the database must
/// compare values (exact lookup, shared-contact counts, duplicate blocking). Keys come from the <see cref="KeyRing"/>,
/// outside the database: a copy of the database file alone reveals no phone, e-mail or address.
/// </summary>
/// <remarks>
/// <para>An encrypted value is stored as <c>enc1:&lt;key id&gt;:&lt;base64 of nonce (12 bytes) | ciphertext | tag (16 bytes)&gt;</c>,
/// AES-256-GCM with the current <see cref="KeyPurposes.FieldEncryption"/> key and, as associated data, the name of the
/// column it belongs to, so a value copied into another column does not decrypt. The key id lets older keys decrypt what
/// they encrypted after a rotation, until <see cref="FieldProtectionMaintenance"/> has encrypted it again.</para>
/// <para>A keyed hash is stored as <c>h1:&lt;base64url of HMAC-SHA256&gt;</c> with the first <see cref="KeyPurposes.FieldLookup"/>
/// key. It is deterministic, so equal values have equal hashes; without the key it cannot be recomputed from a guess.
/// The lookup key is not rotated: every stored hash would have to change at once.</para>
/// <para>A stored text without the <c>enc1:</c> prefix is a value written before encryption; it is read as it is, and
/// <see cref="FieldProtectionMaintenance"/> encrypts it.</para>
/// </remarks>
public sealed class FieldProtector
{
    public const string EncryptedPrefix = "enc1:";
    public const string HashPrefix = "h1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private static readonly ConcurrentDictionary<string, FieldProtector> ByFolder = new(StringComparer.Ordinal);

    private readonly Lazy<byte[]> _lookupKey;

    public FieldProtector(KeyRing keyRing)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        KeyRing = keyRing;
        _lookupKey = new Lazy<byte[]>(() => LookupKey(keyRing));
    }

    public KeyRing KeyRing { get; }

    /// <summary>One protector per key-ring folder, so every context over the same ring shares one EF model.</summary>
    public static FieldProtector For(KeyRing keyRing) => ByFolder.GetOrAdd(keyRing.Folder, _ => new FieldProtector(keyRing));

    /// <summary>Whether <paramref name="stored"/> is an encrypted value (of any key).</summary>
    public static bool IsEncrypted(string? stored) => stored is not null && stored.StartsWith(EncryptedPrefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="stored"/> is a keyed hash.</summary>
    public static bool IsHash(string? stored) => stored is not null && stored.StartsWith(HashPrefix, StringComparison.Ordinal);

    /// <summary>The id of the key <paramref name="stored"/> was encrypted with; null for a value stored in plain text.</summary>
    public static string? KeyIdOf(string? stored)
    {
        if (!IsEncrypted(stored))
        {
            return null;
        }

        var end = stored!.IndexOf(':', EncryptedPrefix.Length);
        return end < 0 ? null : stored[EncryptedPrefix.Length..end];
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => KeyRing.Current(KeyPurposes.FieldEncryption).Id;

    /// <summary>Encrypts <paramref name="plain"/> for the column <paramref name="column"/> (e.g. <c>ContactPoints.Value</c>).</summary>
    public string Encrypt(string plain, string column)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var key = KeyRing.Current(KeyPurposes.FieldEncryption);
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceBytes + plainBytes.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Material.Span, TagBytes))
        {
            aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceBytes, plainBytes.Length), sealedBytes.AsSpan(NonceBytes + plainBytes.Length), Encoding.UTF8.GetBytes(column));
        }

        return string.Concat(EncryptedPrefix, key.Id, ":", Convert.ToBase64String(sealedBytes));
    }

    /// <summary>The plain value of <paramref name="stored"/>; a value stored before encryption is returned as it is.</summary>
    /// <exception cref="FieldDecryptionException">The key is not in the ring, or the value was altered or belongs to another column.</exception>
    public string Decrypt(string stored, string column)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsEncrypted(stored))
        {
            return stored;
        }

        var keyId = KeyIdOf(stored) ?? throw new FieldDecryptionException($"A stored value of {column} is not in the encrypted format.");
        var key = KeyRing.Find(KeyPurposes.FieldEncryption, keyId)
            ?? throw new FieldDecryptionException(
                $"The key ring at {KeyRing.Folder} has no field-encryption key {keyId}, which encrypted values of {column}. " +
                "Point Dashboard:KeyRingPath at the key ring this database was encrypted with (restore its keys from your key backup).");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[(EncryptedPrefix.Length + keyId.Length + 1)..]);
        }
        catch (FormatException)
        {
            throw new FieldDecryptionException($"A stored value of {column} is not valid Base64; it was altered.");
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new FieldDecryptionException($"A stored value of {column} is too short to be encrypted data; it was altered.");
        }

        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plainBytes = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key.Material.Span, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength), sealedBytes.AsSpan(NonceBytes + cipherLength), plainBytes, Encoding.UTF8.GetBytes(column));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new FieldDecryptionException($"A stored value of {column} does not decrypt with key {keyId}: it was altered, or copied from another column.");
        }

        return Encoding.UTF8.GetString(plainBytes);
    }

    /// <summary>The keyed hash of <paramref name="plain"/> (a lookup key such as <c>P:+8613812345678</c>); a hash is returned as it is.</summary>
    public string Hash(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (IsHash(plain))
        {
            return plain;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_lookupKey.Value, Encoding.UTF8.GetBytes(plain), mac);
        return HashPrefix + Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static byte[] LookupKey(KeyRing keyRing)
    {
        // The first lookup key for good: hashes must stay comparable with every hash stored before.
        var first = keyRing.Oldest(KeyPurposes.FieldLookup) ?? keyRing.Current(KeyPurposes.FieldLookup);
        return first.Material.ToArray();
    }
}

/// <summary>A stored sensitive value could not be decrypted; the message says why and what to do.</summary>
public sealed class FieldDecryptionException(string message) : Exception(message);
