using System.Security.Cryptography;

namespace Encore.Web.Data;

/// <summary>
/// New row ids: UUID version 7 (RFC 9562: the Unix time in milliseconds, then 74 random bits), as Guid.CreateVersion7
/// makes them, time-ordered for the indexes. The random bits come from a per-thread buffer of cryptographically secure
/// bytes refilled every <see cref="IdsPerFill"/> ids (issue 15): .NET's Linux build reads /dev/urandom once per
/// Guid.CreateVersion7, and an entity's id initializer also runs each time EF materialises a row of it, so a booking
/// made ~16 such reads, 1.4 µs each on this 2-core machine against 0.02 µs from the buffer (README Benchmarks,
/// "2026-12-06, morning (2)").
/// </summary>
public static class Ids
{
    private const int RandomBytesPerId = 10;
    private const int IdsPerFill = 256;

    [ThreadStatic] private static byte[]? random;
    [ThreadStatic] private static int used;

    /// <summary>A new id stamped with the present moment (the wall clock, not a venue's simulated one, as Guid.CreateVersion7).</summary>
    public static Guid New() => New(DateTimeOffset.UtcNow);

    public static Guid New(DateTimeOffset at)
    {
        var milliseconds = at.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(at));
        var bytes = random ??= new byte[RandomBytesPerId * IdsPerFill];
        if (used == 0 || used == bytes.Length)
        {
            RandomNumberGenerator.Fill(bytes);
            used = 0;
        }
        var r = bytes.AsSpan(used, RandomBytesPerId);
        used += RandomBytesPerId;
        // RFC 9562 byte order: 48 bits of time, 4 of version (7) and 12 random, 2 of variant (10) and 62 random.
        Span<byte> id = stackalloc byte[16];
        for (var i = 0; i < 6; i++) id[i] = (byte)(milliseconds >> (40 - 8 * i));
        id[6] = (byte)(0x70 | (r[0] & 0x0F));
        id[7] = r[1];
        id[8] = (byte)(0x80 | (r[2] & 0x3F));
        r[3..].CopyTo(id[9..]);
        return new Guid(id, bigEndian: true);
    }
}
