using Encore.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// CI once answered 500 to one of 32 simultaneous room assigns on SQLite: Microsoft.Data.Sqlite's Open failed with
/// SQLITE_BUSY "unable to delete/modify user-function due to active statements", because the pooled handle it was
/// given still had an active statement when EF's functions were registered on it again. This is SQLite-only (the pool
/// and the functions are Microsoft.Data.Sqlite's), so it runs on a SQLite file, in the SQLite run only (TestDatabase.SqliteOnly).
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class SqlitePoolTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "encore-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_pooled_handle_left_with_an_active_statement_does_not_fail_the_next_open()
    {
        // EF opens and closes: the pooled handle now carries EF's functions (deactivated while it waits in the pool).
        var (path, options) = await NewDatabaseAsync("pool.db");

        // Something leaves a statement active on that handle as it goes back to the pool.
        sqlite3_stmt stmt;
        using (var other = new SqliteConnection(Database.SqliteConnectionString(path)))
        {
            other.Open();
            Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(other.Handle, "SELECT x FROM t", out stmt));
            Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(stmt));
        }

        try
        {
            // The next context is given that handle: it still opens, and reads.
            await using var db = new EncoreDb(options);
            Assert.Equal(2, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM t").SingleAsync());
            Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT MIN(x) AS \"Value\" FROM t").SingleAsync());
        }
        finally
        {
            stmt.Dispose();
        }
    }

    [Fact]
    public async Task A_leaked_connection_the_pool_takes_back_with_an_active_statement_does_not_fail_the_next_open()
    {
        var (_, options) = await NewDatabaseAsync("leak.db");

        // One connection is in use; another was dropped without being closed, mid-read, with EF's functions on it.
        await using var busy = new EncoreDb(options);
        await busy.Database.OpenConnectionAsync();
        var statement = LeakAConnectionMidRead(options);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        try
        {
            // With no idle handle, the pool takes the leaked one back (its functions still registered, its statement
            // still active) and gives it to the next open: this is the failure CI saw, in Open itself.
            await using var db = new EncoreDb(options);
            Assert.Equal(2, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM t").SingleAsync());
        }
        finally
        {
            statement.Dispose();
        }
    }

    /// <summary>A SQLite file opened as the app opens it, holding a table t of two rows.</summary>
    private async Task<(string Path, DbContextOptions<EncoreDb> Options)> NewDatabaseAsync(string name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        var builder = new DbContextOptionsBuilder<EncoreDb>();
        builder.UseEncoreDatabase(path, postgres: false);
        await using (var db = new EncoreDb(builder.Options))
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);");
        return (path, builder.Options);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static sqlite3_stmt LeakAConnectionMidRead(DbContextOptions<EncoreDb> options)
    {
        var db = new EncoreDb(options);
        db.Database.OpenConnection();
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(handle, "SELECT x FROM t", out var stmt));
        Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(stmt));
        return stmt; // db is neither closed nor disposed: it is left for the garbage collector
    }

    public void Dispose()
    {
        Encore.Web.Data.Database.ClearSqlitePools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
