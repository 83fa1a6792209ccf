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
/// Version 1 serialises, after the tag <c>customer-card-dashboard/audit-entry/v1</c> and a zero byte, the columns
/// <see cref="Columns"/> in that order, each as one type byte (0 null, 1 integer, 2 real, 3 text, 4 blob) followed by the
/// value: an integer or real as 8 bytes big-endian, a text as its UTF-8 length (4 bytes big-endian) and bytes, a blob
/// as its length and bytes. Values are taken as stored (the trigger's NEW row, the verifier's reader), so no .NET
/// conversion can make the two sides disagree, and a value stored with another type is a changed value.
/// </remarks>
public static class AuditSeal
{
    public const int CurrentVersion = 1;

    /// <summary>Length of a hash as stored: lower-case hex of 32 bytes.</summary>
    public const int HashLength = 64;

    /// <summary>The sealed columns of version 1, in serialisation order (all but the entry's own hash).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Id", "At", "ActorId", "ActorName", "Action", "EntityType", "EntityId", "Summary", "ChangesJson",
        "SealVersion", "KeyId", "PreviousHash",
    ];

    private static readonly byte[] VersionTag = Encoding.ASCII.GetBytes("customer-card-dashboard/audit-entry/v1\0");

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    /// <summary>The hash of an entry whose column values (as stored, in <see cref="Columns"/> order) are <paramref name="values"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> key, int version, ReadOnlySpan<object?> values)
    {
        if (version != CurrentVersion)
        {
            throw new NotSupportedException($"Audit seal version {version} is not known to this version of the application.");
        }

        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"An audit seal covers {Columns.Count} columns, not {values.Length}.", nameof(values));
        }

        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        buffer.Write(VersionTag);
        foreach (var value in values)
        {
            Append(buffer, value);
        }

        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
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
                var length = Encoding.UTF8.GetByteCount(text);
                var span = buffer.GetSpan(5 + length);
                span[0] = 3;
                BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
                Encoding.UTF8.GetBytes(text, span[5..]);
                buffer.Advance(5 + length);
                break;
            case byte[] blob:
                var target = buffer.GetSpan(5 + blob.Length);
                target[0] = 4;
                BinaryPrimitives.WriteInt32BigEndian(target[1..], blob.Length);
                blob.CopyTo(target[5..]);
                buffer.Advance(5 + blob.Length);
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
