using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Dashboard.Domain.Security;

/// <summary>One secret of the key ring: what it is for, its id (stored beside whatever it protects) and its bytes.</summary>
public sealed record RingKey(string Purpose, string Id, ReadOnlyMemory<byte> Material);

/// <summary>
/// Secrets kept outside the database, in a folder only the app's user may read: one sub-folder per purpose (the audit
/// chain, later field encryption), one file per key named by its id. The newest key of a purpose (ids sort by their
/// creation time) is the current one and signs or encrypts new data; older keys stay to check or decrypt what they
/// protected, so a key can be rotated by adding a new one. A purpose's first key is created on first use.
/// </summary>
public sealed partial class KeyRing
{
    private const string KeyFileExtension = ".key";
    private const int KeyBytes = 32;
    private static readonly Lazy<KeyRing> DefaultRing = new(() => new KeyRing(DefaultPath()));

    private readonly ConcurrentDictionary<string, PurposeKeys> _purposes = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public KeyRing(string folder, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The key ring at the default location, for contexts built without the application's settings.</summary>
    public static KeyRing Default => DefaultRing.Value;

    /// <summary>The folder holding the keys.</summary>
    public string Folder { get; }

    /// <summary><c>&lt;LocalApplicationData&gt;/CustomerCardDashboard/keys</c>, or the configured folder.</summary>
    public static string DefaultPath(string? configured = null) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "CustomerCardDashboard", "keys")
            : Path.GetFullPath(configured);

    /// <summary>The key new data of <paramref name="purpose"/> is protected with; created when the purpose has none.</summary>
    public RingKey Current(string purpose)
    {
        var keys = Keys(purpose);
        if (keys.Current is { } current)
        {
            return current;
        }

        lock (keys)
        {
            keys.Reload(PurposeFolder(purpose));
            return keys.Current ?? Create(purpose);
        }
    }

    /// <summary>The key with this id, current or older; null when the ring does not hold it (deleted, or another ring's).</summary>
    public RingKey? Find(string purpose, string keyId)
    {
        var keys = Keys(purpose);
        if (keys.ById.TryGetValue(keyId, out var key))
        {
            return key;
        }

        // Another process may have rotated the key since this one read the folder.
        lock (keys)
        {
            keys.Reload(PurposeFolder(purpose));
            return keys.ById.GetValueOrDefault(keyId);
        }
    }

    /// <summary>The first key of <paramref name="purpose"/> ever created; null when it has none yet.</summary>
    public RingKey? Oldest(string purpose)
    {
        var keys = Keys(purpose);
        lock (keys)
        {
            keys.Reload(PurposeFolder(purpose));
            return keys.ById.Count == 0 ? null : keys.ById[keys.ById.Keys.Min(StringComparer.Ordinal)!];
        }
    }

    /// <summary>Every key id of <paramref name="purpose"/> the ring holds, oldest first.</summary>
    public IReadOnlyList<string> KeyIds(string purpose)
    {
        var keys = Keys(purpose);
        lock (keys)
        {
            keys.Reload(PurposeFolder(purpose));
            return [.. keys.ById.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Adds a new key for <paramref name="purpose"/>, which becomes its current key (rotation).</summary>
    public RingKey Create(string purpose)
    {
        var folder = PurposeFolder(purpose);
        CreatePrivateDirectory(Folder);
        CreatePrivateDirectory(folder);
        var keys = Keys(purpose);
        lock (keys)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{_clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
            var material = RandomNumberGenerator.GetBytes(KeyBytes);
            WritePrivateFile(Path.Combine(folder, id + KeyFileExtension), Convert.ToBase64String(material));
            keys.Reload(folder);
            return keys.ById[id];
        }
    }

    private PurposeKeys Keys(string purpose)
    {
        if (!PurposeName().IsMatch(purpose))
        {
            throw new ArgumentException($"A key purpose is lower-case letters, digits and dashes, not '{purpose}'.", nameof(purpose));
        }

        return _purposes.GetOrAdd(purpose, p =>
        {
            var keys = new PurposeKeys(p);
            keys.Reload(PurposeFolder(p));
            return keys;
        });
    }

    private string PurposeFolder(string purpose) => Path.Combine(Folder, purpose);

    private static void CreatePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            // The default folder is under the user's profile, which Windows already keeps to that user.
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WritePrivateFile(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(content);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex PurposeName();

    [GeneratedRegex("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}$")]
    private static partial Regex KeyIdPattern();

    /// <summary>The keys of one purpose as last read from its folder; replaced whole, so readers need no lock.</summary>
    private sealed class PurposeKeys(string purpose)
    {
        public Dictionary<string, RingKey> ById { get; private set; } = new(StringComparer.Ordinal);

        public RingKey? Current { get; private set; }

        public void Reload(string folder)
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            var keys = new Dictionary<string, RingKey>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*" + KeyFileExtension))
            {
                var id = Path.GetFileNameWithoutExtension(file);
                if (!KeyIdPattern().IsMatch(id))
                {
                    continue;
                }

                var material = Convert.FromBase64String(File.ReadAllText(file).Trim());
                if (material.Length != KeyBytes)
                {
                    throw new InvalidDataException($"The key file {file} does not hold a {KeyBytes}-byte key.");
                }

                keys[id] = new RingKey(purpose, id, material);
            }

            ById = keys;
            Current = keys.Count == 0 ? null : keys[keys.Keys.Max(StringComparer.Ordinal)!];
        }
    }
}
