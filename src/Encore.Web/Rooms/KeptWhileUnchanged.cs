using System.Collections.Concurrent;
using System.Diagnostics;

namespace Encore.Web.Rooms;

/// <summary>
/// Values read from the database and kept in memory while the tables they come from are unchanged (issue 15): the
/// room board (<see cref="BoardProjection"/>) and each venue's largest room (<see cref="LargestRooms"/>). A value is
/// kept while the tables' generation (<see cref="BoardTables"/>) stands and it is younger than the owner's maximum
/// age (a write this process did not see), and a value read while a write committed is not kept.
/// </summary>
internal sealed class KeptWhileUnchanged<TKey, TValue>(Func<string, long> generationOf) where TKey : notnull
{
    private sealed record Entry(long Generation, long ReadAt, TValue Value);

    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    /// <summary>
    /// The value kept for <paramref name="key"/> if it still <paramref name="fits"/> and nothing changed since, else a
    /// new <paramref name="read"/>.
    /// </summary>
    public async Task<TValue> GetAsync(string database, TKey key, TimeSpan maxAge, Func<TValue, bool> fits, Func<Task<TValue>> read)
    {
        var generation = generationOf(database);
        if (entries.TryGetValue(key, out var entry) && entry.Generation == generation && fits(entry.Value)
            && Stopwatch.GetElapsedTime(entry.ReadAt) < maxAge)
            return entry.Value;
        var value = await read();
        // Kept only when no write committed while it was read; otherwise the next request reads it again.
        if (generationOf(database) == generation) entries[key] = new(generation, Stopwatch.GetTimestamp(), value);
        return value;
    }
}
