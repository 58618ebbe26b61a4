using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Encore.Web.Platform;

/// <summary>
/// One transaction per write request, and the database as the judge of conflicts (DESIGN.md).
/// </summary>
public static class Writes
{
    /// <summary>
    /// Begins the request's write transaction. On SQLite it is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's
    /// non-deferred default), so the write lock is held before the reads that decide (is the room free?) and
    /// two desks cannot both see the room free. On PostgreSQL it is READ COMMITTED, and the unique index and
    /// exclusion constraint on room_claims refuse the loser at insert time.
    /// </summary>
    public static Task<IDbContextTransaction> BeginWriteAsync(this Data.EncoreDb db, CancellationToken ct = default) =>
        db.Database.BeginTransactionAsync(ct);

    /// <summary>True when the database refused a write because another one won the race (→ 409).</summary>
    public static bool IsConflict(this DbUpdateException e) =>
        e is DbUpdateConcurrencyException
        || e.InnerException is SqliteException { SqliteErrorCode: 19 } // SQLITE_CONSTRAINT
        || e.InnerException is PostgresException { SqlState: "23505" or "23P01" or "40001" or "40P01" };
}
