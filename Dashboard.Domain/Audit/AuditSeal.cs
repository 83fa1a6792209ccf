using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Domain.Audit;

/// <summary>
/// The seal of one audit entry: HMAC-SHA256, keyed with a key-ring key, over a canonical serialisation of every column
/// of the entry as SQLite stores it, including the previous entry's hash. Versioned, so that a later format can seal new
/// entries while the old ones still verify.
/// </summary>
/// <remarks>
/// <para>
/// Version 2 (current) serialises, after the tag <c>customer-card-dashboard/audit-entry/v2</c> and a zero byte, the
/// columns <see cref="Columns"/> in that order, each as SQLite hands them over as <c>typeof(column)</c> and
/// <c>CAST(column AS BLOB)</c>: one type byte (0 null, 1 integer, 2 real, 3 text, 4 blob) and, unless null, the stored
/// bytes' length (4 bytes big-endian) and the bytes. No text is decoded on either side, so every value the database can
/// hold (a NUL, invalid UTF-8) seals and verifies as stored, and a value stored with another type is a changed value.
/// </para>
/// <para>
/// Version 1 serialised decoded values (an integer or real as 8 bytes big-endian, a text as its UTF-8 length and bytes).
/// Its sealing function received text only up to a first NUL character, so version 1 is verified the same way: the
/// part of a text after a NUL is not covered by a version 1 seal. Entries keep the version they were sealed with.
/// </para>
/// </remarks>
public static class AuditSeal
{
    public const int CurrentVersion = 2;

    /// <summary>Length of a hash as stored: lower-case hex of 32 bytes.</summary>
    public const int HashLength = 64;

    /// <summary>The sealed columns, in serialisation order (all but the entry's own hash); the same in both versions.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Id", "At", "ActorId", "ActorName", "Action", "EntityType", "EntityId", "Summary", "ChangesJson",
        "SealVersion", "KeyId", "PreviousHash",
    ];

    private static readonly byte[] VersionTag1 = Encoding.ASCII.GetBytes("customer-card-dashboard/audit-entry/v1\0");
    private static readonly byte[] VersionTag2 = Encoding.ASCII.GetBytes("customer-card-dashboard/audit-entry/v2\0");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>
    /// The version 2 hash of an entry given, for each column in <see cref="Columns"/> order, SQLite's <c>typeof</c>
    /// name and the column cast to a blob (two arguments a column).
    /// </summary>
    public static string ComputeStored(ReadOnlySpan<byte> key, ReadOnlySpan<object?> typedBytes)
    {
        if (typedBytes.Length != Columns.Count * 2)
        {
            throw new ArgumentException($"An audit seal covers {Columns.Count} columns, each as its type and bytes, not {typedBytes.Length} values.", nameof(typedBytes));
        }

        var buffer = Start(VersionTag2);
        for (var i = 0; i < typedBytes.Length; i += 2)
        {
            var type = typedBytes[i] switch
            {
                "null" => (byte)0,
                "integer" => (byte)1,
                "real" => (byte)2,
                "text" => (byte)3,
                "blob" => (byte)4,
                var other => throw new NotSupportedException($"SQLite has no storage class {other}."),
            };
            buffer.GetSpan(1)[0] = type;
            buffer.Advance(1);
            if (type != 0)
            {
                WriteBytes(buffer, typedBytes[i + 1] as byte[] ?? []);
            }
        }

        return Finish(key, buffer);
    }

    /// <summary>The version 1 hash of an entry whose column values (decoded, in <see cref="Columns"/> order) are <paramref name="values"/>.</summary>
    public static string ComputeV1(ReadOnlySpan<byte> key, ReadOnlySpan<object?> values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"An audit seal covers {Columns.Count} columns, not {values.Length}.", nameof(values));
        }

        var buffer = Start(VersionTag1);
        foreach (var value in values)
        {
            Append(buffer, value);
        }

        return Finish(key, buffer);
    }

    private static ArrayBufferWriter<byte> Start(byte[] tag)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        buffer.Write(tag);
        return buffer;
    }

    private static string Finish(ReadOnlySpan<byte> key, ArrayBufferWriter<byte> buffer)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        var span = buffer.GetSpan(4 + bytes.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, bytes.Length);
        bytes.CopyTo(span[4..]);
        buffer.Advance(4 + bytes.Length);
    }

    private static void Append(ArrayBufferWriter<byte> buffer, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                buffer.GetSpan(1)[0] = 0;
                buffer.Advance(1);
                break;
            case long number:
                WriteNumber(buffer, 1, number);
                break;
            case int number:
                WriteNumber(buffer, 1, number);
                break;
            case double number:
                WriteNumber(buffer, 2, BitConverter.DoubleToInt64Bits(number));
                break;
            case string text:
                // What the version 1 sealing function was given: the text up to its first NUL.
                var seen = text.AsSpan();
                if (seen.IndexOf('\0') is var nul and >= 0)
                {
                    seen = seen[..nul];
                }

                var length = Encoding.UTF8.GetByteCount(seen);
                var span = buffer.GetSpan(5 + length);
                span[0] = 3;
                BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
                Encoding.UTF8.GetBytes(seen, span[5..]);
                buffer.Advance(5 + length);
                break;
            case byte[] blob:
                buffer.GetSpan(1)[0] = 4;
                buffer.Advance(1);
                WriteBytes(buffer, blob);
                break;
            default:
                throw new NotSupportedException($"SQLite does not store a {value.GetType().Name}.");
        }
    }

    private static void WriteNumber(ArrayBufferWriter<byte> buffer, byte type, long number)
    {
        var span = buffer.GetSpan(9);
        span[0] = type;
        BinaryPrimitives.WriteInt64BigEndian(span[1..], number);
        buffer.Advance(9);
    }
}
