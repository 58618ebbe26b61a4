using Encore.Web.Platform;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 15: on SQLite a writer waiting for another's transaction waits on the in-process gate (Platform/SqliteWriteGate.cs),
/// without holding a thread in SQLite's busy handler, and takes its turn as soon as the first transaction ends —
/// committed or not. PostgreSQL writers do not queue.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly TestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_second_writer_waits_for_the_first_to_end_and_then_begins()
    {
        await using var first = database.Open();
        await using var second = database.Open();
        var firstTx = await first.BeginWriteAsync();
        // The call returns at once with a waiting task (before the gate, SQLite's busy handler blocked this thread
        // inside BEGIN IMMEDIATE for as long as the first transaction lasted).
        var secondTx = second.BeginWriteAsync();
        if (database.IsPostgres)
        {
            await (await secondTx.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
            await firstTx.DisposeAsync();
            return;
        }
        await Task.Delay(300);
        Assert.False(secondTx.IsCompleted, "the second writer began while the first held the write lock");
        await firstTx.DisposeAsync(); // rolled back: the turn passes all the same
        await using var began = await secondTx.WaitAsync(TimeSpan.FromSeconds(10));
        await began.CommitAsync();
    }

    [Fact]
    public async Task A_committed_transaction_gives_the_turn_back_before_it_is_disposed()
    {
        await using var db = database.Open();
        await using var other = database.Open();
        // Committed, not yet disposed (a sweeper going on to its next write): the next writer begins.
        await using var first = await db.BeginWriteAsync();
        await first.CommitAsync();
        await using var second = await other.BeginWriteAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await second.RollbackAsync();
        // The same context's next transaction after its commit.
        await using var third = await db.BeginWriteAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await third.CommitAsync();
    }
}
