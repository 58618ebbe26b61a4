using Encore.Web.Data;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 15: row ids come from a buffer of random bytes (Data/Ids.cs) instead of Guid.CreateVersion7's read of
/// /dev/urandom per id. They must still be UUID version 7: the millisecond in front (time-ordered indexes, on
/// PostgreSQL's uuid and SQLite's text alike), the version and variant bits set, the rest random, never repeated.
/// </summary>
public sealed class IdsTests
{
    [Fact]
    public void An_id_is_a_version_7_uuid_that_carries_its_millisecond()
    {
        var at = new DateTimeOffset(2026, 12, 6, 7, 30, 15, 123, TimeSpan.Zero);
        var id = Ids.New(at);
        Assert.Equal(7, id.Version);
        Assert.Equal(0b1000, id.Variant & 0b1100); // RFC 9562's variant: 10xx
        var text = id.ToString("N");
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(text[..12], 16));
        // The same layout as the framework's own version 7 ids, whose first 12 digits are their millisecond too.
        Assert.Equal(Guid.CreateVersion7(at).ToString("N")[..13], text[..13]);
    }

    [Fact]
    public void Ids_sort_by_their_millisecond_as_text_and_as_uuid()
    {
        var start = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 600).Select(i => Ids.New(start.AddMilliseconds(i))).ToList();
        Assert.Equal(ids, ids.OrderBy(i => i.ToString(), StringComparer.Ordinal)); // SQLite keeps a Guid as its text
        Assert.Equal(ids, ids.OrderBy(i => i.ToByteArray(bigEndian: true), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))));
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_on_many_threads_never_repeat()
    {
        var at = DateTimeOffset.UtcNow;
        var perThread = 5_000; // more than one refill of each thread's buffer
        var ids = new Guid[8][];
        Parallel.For(0, ids.Length, new ParallelOptions { MaxDegreeOfParallelism = ids.Length },
            t => ids[t] = Enumerable.Range(0, perThread).Select(_ => Ids.New(at)).ToArray());
        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        // 74 random bits each: no byte of the random part is stuck (each of its positions takes many values).
        var randomPart = all.Select(i => i.ToByteArray(bigEndian: true)).ToList();
        foreach (var position in new[] { 7, 9, 12, 15 })
            Assert.True(randomPart.Select(b => b[position]).Distinct().Count() > 200, $"byte {position} of the ids hardly varies");
    }
}
