using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Domain.Integration.ApiKeys;

/// <summary>
/// The key format <c>ccd_{id}_{secret}</c>: a 12-character public id to look the key up and a 256-bit random secret,
/// both lower-case hex. Only SHA-256 of the secret is stored: the secret is random, so a salt or a slow hash adds nothing.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "ccd_";
    public const int KeyIdLength = 12;
    private const int SecretBytes = 32;
    private const int SecretLength = SecretBytes * 2;
    private const int KeyLength = 4 + KeyIdLength + 1 + SecretLength;

    public static string DisplayPrefix(string keyId) => Prefix + keyId;

    /// <summary>A new key: its public id, the whole key to hand out once, and the hash to store.</summary>
    internal static (string KeyId, string Key, byte[] Hash) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretBytes));
        return (keyId, $"{Prefix}{keyId}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key; false when it does not have the key format at all.</summary>
    public static bool TryParse(string? presented, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = null;
        secret = null;
        var key = presented?.Trim();
        if (key is not { Length: KeyLength } || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        keyId = key.Substring(Prefix.Length, KeyIdLength);
        secret = key[(Prefix.Length + KeyIdLength + 1)..];
        return IsLowerHex(keyId) && IsLowerHex(secret);
    }

    internal static byte[] Hash(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));

    /// <summary>Compares in constant time, so the response time tells nothing about how much of a guess was right.</summary>
    internal static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    private static bool IsLowerHex(string value) => value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
