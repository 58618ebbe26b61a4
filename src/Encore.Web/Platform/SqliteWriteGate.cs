using System.Collections.Concurrent;

namespace Encore.Web.Platform;

/// <summary>
/// One writer at a time per SQLite file, in this process, in arrival order (issue 15).
/// <para>
/// SQLite allows one write transaction at a time; every write here is <c>BEGIN IMMEDIATE</c>, so the others wait in
/// SQLite's busy handler, which sleeps and polls (1, 2, 5, 10 … 100 ms). When the writer commits, nobody is awake to
/// take the lock: with eight desks and managers writing at once the file sat idle between writes, and a write waited
/// up to a quarter of a second for a lock that had been free for most of it. The gate queues the writers of this
/// process on an async semaphore instead: the next one starts the moment the previous one ends, and no thread is
/// blocked while it waits. The database still decides: the gate only orders this process's writers; <c>BEGIN
/// IMMEDIATE</c>, the unique indexes and the busy timeout stay as they were for anything else that opens the file
/// (the backup command, another process). PostgreSQL has no gate: it runs writers side by side.
/// </para>
/// </summary>
public static class SqliteWriteGate
{
    /// <summary>As long as the busy timeout (Data/Database.cs): a writer never waits longer here than SQLite would have let it.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this file's write turn; null on PostgreSQL. Dispose the turn when the transaction has ended.</summary>
    public static async Task<IDisposable?> EnterAsync(Data.EncoreDb db, CancellationToken ct)
    {
        if (!db.IsSqlite) return null;
        var gate = gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(MaxWait, ct))
            throw new TimeoutException($"No SQLite write turn within {MaxWait.TotalSeconds:F0} s: a write transaction has been held that long.");
        return new Turn(gate);
    }

    /// <summary>Whether a writer of this process holds the file's turn now (the tests wait for a write to reach its transaction by it).</summary>
    internal static bool IsHeld(Data.EncoreDb db) =>
        gates.TryGetValue(db.Database.GetConnectionString() ?? "", out var gate) && gate.CurrentCount == 0;

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
