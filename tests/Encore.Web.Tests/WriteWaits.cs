using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests;

/// <summary>For race tests that hold a write open while a request runs into it.</summary>
public static class WriteWaits
{
    /// <summary>
    /// Returns once <paramref name="request"/> waits for its write behind the test's open transaction on
    /// <paramref name="db"/>. SQLite: the request holds the process's write turn and waits for the file's lock.
    /// PostgreSQL: a backend waits on a lock (the request's insert, on the index entry the test's row holds).
    /// </summary>
    public static async Task UntilWaitingForItsWriteAsync(this EncoreFactory app, EncoreDb db, Task<HttpResponseMessage> request, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        // SQLite: a sweeper's pass also takes the write turn, for a few milliseconds; the request waiting behind the
        // test's transaction holds it until that commits. So the turn must be held at 5 checks in a row (about 100 ms):
        // once, a single check was not enough (ImportRaceTests' import checked its phones after the test had committed,
        // and answered 400), most likely because a sweeper held the turn at that moment.
        var heldInARow = 0;
        while (DateTime.UtcNow < until)
        {
            Assert.False(request.IsCompleted, $"{what} answered before it reached its write: {(request.IsCompleted ? await request.Result.Content.ReadAsStringAsync() : "")}");
            var waiting = app.IsPostgres
                ? await app.WithAsync(other => other.Database.SqlQueryRaw<int>(
                    "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").SingleAsync()) > 0
                : (heldInARow = SqliteWriteGate.IsHeld(db) ? heldInARow + 1 : 0) >= 5;
            if (waiting) return;
            await Task.Delay(20);
        }
        Assert.Fail($"{what} did not reach its write within 30 s");
    }
}
