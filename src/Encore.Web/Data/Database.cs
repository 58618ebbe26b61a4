using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Encore.Web.Data;

public static class Database
{
    /// <summary>
    /// Values a statement takes at most in a list (<c>ids.Contains(x.Id)</c>): EF 10 gives each its own parameter, and
    /// SQLite refuses a statement with more than 32,766 ("too many SQL variables"; PostgreSQL's limit is 65,535). Lists
    /// that grow with a venue (its VIPs, an import's names and phones, a leaver's book) are asked this many at a time.
    /// </summary>
    public const int ValuesPerStatement = 1000;

    /// <summary>
    /// The rows of <paramref name="query"/> for every value of <paramref name="values"/>, asked
    /// <see cref="ValuesPerStatement"/> values at a time (each part a statement of its own).
    /// </summary>
    public static async Task<List<TRow>> InPartsAsync<TValue, TRow>(this IEnumerable<TValue> values, Func<TValue[], IQueryable<TRow>> query, CancellationToken ct = default)
    {
        var rows = new List<TRow>();
        foreach (var part in values.Chunk(ValuesPerStatement))
            rows.AddRange(await query(part).ToListAsync(ct));
        return rows;
    }

    public static void AddEncoreDatabase(this WebApplicationBuilder builder, EncoreSettings settings)
    {
        if (!settings.IsPostgres)
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Db))!);

        builder.Services.AddSingleton<Audit.AuditInterceptor>();
        // Pooled contexts (issue 15): a request takes a context whose options, services and connection object are
        // already built, instead of building them again (the options lambda ran on every request before). EF resets
        // a context's state (change tracker, transaction, timeouts) when it goes back to the pool.
        var db = settings.IsPostgres ? Instances.NamedConnection(settings.Db, "encore " + Instances.Name) : settings.Db;
        builder.Services.AddDbContextPool<EncoreDb>((sp, options) =>
            options.UseEncoreDatabase(db, settings.IsPostgres)
                .AddInterceptors(Platform.Writes.FirstWriteInterceptor.Instance, sp.GetRequiredService<Audit.AuditInterceptor>()));
        DbContextOptions<EncoreDb>? replica = null;
        if (settings.DbRead is { } read)
        {
            var options = new DbContextOptionsBuilder<EncoreDb>().UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            options.UseEncoreDatabase(Instances.NamedConnection(read, "encore-read " + Instances.Name), postgres: true);
            replica = options.Options;
        }
        builder.Services.AddSingleton(new ReplicaOptions(replica));
        builder.Services.AddScoped<ReadDb>();
    }

    /// <summary>
    /// EF's PostgreSQL connections, unless the connection string says otherwise (issue 15):
    /// <list type="bullet">
    /// <item>skip Npgsql's reset when they go back to the pool. The reset is a <c>DISCARD ALL</c> before the next use:
    /// one statement of ten per booking (three bench runs without it: 2.26–2.86 ms of server CPU per booking, median
    /// 2.62, against 2.81–3.10 with it; README, Benchmarks, "2026-12-05, afternoon"). Nothing EF runs leaves session
    /// state to discard: no <c>SET</c>, no <c>LISTEN</c>, no temporary tables, and its advisory lock is
    /// transaction-scoped (SchemaMigrator). The session-level advisory locks (the sweepers', the bootstrap's) are taken
    /// on connections of their own, named apart (Platform/Instances.cs), whose pools keep the reset.</item>
    /// <item>prepare the statements they run often (<c>Max Auto Prepare</c>: Npgsql prepares a statement on a
    /// connection at its fifth use, and keeps up to that many a connection). EF sends its SQL unprepared, so the
    /// server parsed and planned every statement of every booking: a booking's statements took 1.19 ms, and 0.63 ms
    /// prepared (pg_stat_statements over 400 bookings, README, Benchmarks, "2026-12-05, late evening: PostgreSQL").
    /// Kept prepared statements survive because the reset above is skipped.</item>
    /// </list>
    /// </summary>
    public static string ForEntityFramework(string connectionString)
    {
        // The keywords the string names, in either of Npgsql's spellings ("No Reset On Close", "NoResetOnClose"): a
        // setting named there stays as given, even at its default (MaxAutoPrepare=0 turns preparation off).
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(keyword => keyword.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains(nameof(builder.NoResetOnClose))) builder.NoResetOnClose = true;
        if (!named.Contains(nameof(builder.MaxAutoPrepare))) builder.MaxAutoPrepare = PreparedStatementsPerConnection;
        return builder.ConnectionString;
    }

    /// <summary>A booking runs 5 or 6 distinct statements (its read and its inserts), the room actions and pages some dozens more.</summary>
    private const int PreparedStatementsPerConnection = 64;

    /// <summary>The provider and its settings, as the app uses them (tools and tests open the database the same way).</summary>
    public static DbContextOptionsBuilder UseEncoreDatabase(this DbContextOptionsBuilder options, string db, bool postgres, bool compiledModel = true)
    {
        // The model as code, written by tools/Encore.ModelGen/generate.sh from the entities' configurations (issue 15):
        // building it from them took ~650 ms of every start. A test (CompiledModelTests) fails when it no longer
        // matches the configurations; the design-time factory and that test build it the old way (compiledModel: false).
        if (compiledModel)
            options.UseModel(postgres ? CompiledModels.Postgres.EncoreDbModel.Instance : CompiledModels.Sqlite.EncoreDbModel.Instance);
        if (postgres)
            options.UseNpgsql(ForEntityFramework(db));
        else
#pragma warning disable EF1001 // see PoolSafeSqliteConnection
            options.UseSqlite(SqliteConnectionString(db)).AddInterceptors(SqlitePragmas.Instance)
                .ReplaceService<ISqliteRelationalConnection, PoolSafeSqliteConnection>();
#pragma warning restore EF1001
        // Every context, the app's and the tools' and tests' alike, tells the board projection about its writes.
        options.AddInterceptors(Rooms.BoardTables.Instance);
        // The schema comes from our own SQL migrations (Data/Migrations and each feature's Migrations folder, see
        // SchemaMigrator), not from EF's model snapshot.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Gives SQLite's query planner row statistics for the customer files. Without them it walks an index on
    /// VenueId — which every row of a one-venue file matches — and a search of 100,000 customers took ~115 ms
    /// instead of ~12 ms. A sampled ANALYZE (analysis_limit) misjudged that index just the same, so the one table
    /// whose searches scan is analysed in full, at start-up and once a business day. PostgreSQL's autovacuum keeps
    /// statistics too, but only after enough rows changed and on its own schedule: on a database just seeded,
    /// restored or imported into, the planner read a booking's phone lookup through the search index's 760 entries of
    /// the venue (0.41 ms of statement time a booking, 692 buffers) instead of the unique (venue, phone) index
    /// (pg_stat_statements, 400 bookings on a fresh demo, issue 15). So it is analysed there as well.
    /// </summary>
    public static async Task RefreshStatisticsAsync(this EncoreDb db, CancellationToken ct = default) =>
        await db.Database.ExecuteSqlRawAsync("ANALYZE customers;", ct);

    /// <summary>
    /// A statement run by hand on the context's connection, opened for it and closed after (EF counts the opens, so a
    /// connection already open stays open). For the start-up's reads, where a LINQ query (even <c>SqlQueryRaw</c>) has
    /// EF compile it first, before the first request can be answered (issue 15).
    /// </summary>
    public static async Task<T> ByHandAsync<T>(this EncoreDb db, string sql, Func<DbCommand, Task<T>> run, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Closes every pooled SQLite connection of the process, one at a time with EF's opens. Microsoft.Data.Sqlite's own
    /// <c>ClearAllPools</c> disposes idle pooled handles under no lock EF's opens take: a fresh-clone test run
    /// (2026-12-05) had a sign-in answer 500 "Cannot access a disposed object 'SQLitePCL.sqlite3'" from an open, most
    /// likely while another test class cleared the pools at its end. Tests clear the pools through this.
    /// </summary>
    public static void ClearSqlitePools() => PoolSafeSqliteConnection.ClearAllPools();

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        // Microsoft.Data.Sqlite uses the command timeout as SQLite's busy timeout.
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Durability and integrity settings for every SQLite connection.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        // busy_timeout: SQLite's own busy handler waits for the write lock in steps of a few milliseconds;
        // without it Microsoft.Data.Sqlite retries a busy BEGIN IMMEDIATE only every 150 ms, which makes a
        // Friday-rush burst of desk clicks queue for seconds.
        private const string Pragmas = "PRAGMA busy_timeout=30000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

        // The settings belong to the SQLite handle, which Microsoft.Data.Sqlite's pool keeps open between uses: they
        // are set once per handle, not at every open (issue 15: four pragmas ran before every request's first query).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (!FirstOpen(connection)) return;
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Pragmas;
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (!FirstOpen(connection)) return;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        private static bool FirstOpen(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || configured.TryAdd(handle, handle);
    }

    /// <summary>
    /// EF's SQLite connection, with one recovery: a pooled SQLite handle on which a statement is still active cannot
    /// take EF's functions and collation again, and Microsoft.Data.Sqlite's Open then fails with SQLITE_BUSY "unable
    /// to delete/modify user-function (or collation sequence) due to active statements" (dotnet/efcore#36591);
    /// busy_timeout does not apply to that guard. It was seen once in CI, as a 500 in a burst of 32 simultaneous room
    /// assigns. That handle is discarded (<see cref="DiscardHandle"/>) and the open is tried once more.
    /// Opens are also taken one at a time (<see cref="OneOpenAtATime"/>).
    /// </summary>
#pragma warning disable EF1001 // SqliteRelationalConnection is EF's own provider type; the override only wraps its open.
    private sealed class PoolSafeSqliteConnection(
        RelationalConnectionDependencies dependencies,
        IRawSqlCommandBuilder rawSqlCommandBuilder,
        IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
        : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger)
    {
        /// <summary>
        /// Microsoft.Data.Sqlite's pool can lend one handle to two connections opened at the same moment
        /// (dotnet/efcore#39008, open in 10.0: a pooled handle is marked active before its new owner is named, outside
        /// the pool's lock, and a concurrent open can take it back as leaked and lend it again). Two owners of one
        /// handle would explain what bursts of simultaneous requests showed here: a 500 "Cannot access a disposed object
        /// 'SQLitePCL.sqlite3'" from an open during 32 simultaneous sign-ins (web tests, 2026-12-04), a test host crash
        /// in SQLite's rollback hook, and statements left active on a pooled handle. So the process's opens through
        /// EF go one at a time. A pooled open holds the lock for microseconds; the database's own locking is unchanged.
        /// </summary>
        private static readonly SemaphoreSlim OneOpenAtATime = new(1, 1);

        /// <summary>Microsoft.Data.Sqlite's <c>ClearAllPools</c>, in turn with EF's opens (<see cref="ClearSqlitePools"/>).</summary>
        public static void ClearAllPools()
        {
            OneOpenAtATime.Wait();
            try
            {
                SqliteConnection.ClearAllPools();
            }
            finally
            {
                OneOpenAtATime.Release();
            }
        }

        protected override void OpenDbConnection(bool errorsExpected)
        {
            OneOpenAtATime.Wait();
            try
            {
                base.OpenDbConnection(errorsExpected);
            }
            catch (SqliteException e) when (IsBusyAtOpen(e))
            {
                DiscardHandle();
                base.OpenDbConnection(errorsExpected);
            }
            finally
            {
                OneOpenAtATime.Release();
            }
        }

        protected override async Task OpenDbConnectionAsync(bool errorsExpected, CancellationToken cancellationToken)
        {
            await OneOpenAtATime.WaitAsync(cancellationToken);
            try
            {
                await base.OpenDbConnectionAsync(errorsExpected, cancellationToken);
            }
            catch (SqliteException e) when (IsBusyAtOpen(e))
            {
                DiscardHandle();
                await base.OpenDbConnectionAsync(errorsExpected, cancellationToken);
            }
            finally
            {
                OneOpenAtATime.Release();
            }
        }

        // Closing gives the handle back to the pool, which un-registers EF's functions and collation: the same guard
        // fails it when a statement nobody owns is still active on the handle (the connection's own commands are
        // disposed by then). Left as it is, the handle would never be pooled nor closed.
        protected override void CloseDbConnection()
        {
            try
            {
                base.CloseDbConnection();
            }
            catch (SqliteException e) when (IsBusyHandle(e))
            {
                DiscardHandle();
            }
        }

        protected override async Task CloseDbConnectionAsync()
        {
            try
            {
                await base.CloseDbConnectionAsync();
            }
            catch (SqliteException e) when (IsBusyHandle(e))
            {
                DiscardHandle();
            }
        }

        /// <summary>
        /// After a failed open or close, Microsoft.Data.Sqlite either gave the handle back to the pool or left this
        /// connection open on it. Either way the handle's orphaned statements are reset (the connection's own commands
        /// are disposed before the handle is given back, so an active statement left on it belongs to nobody), it is
        /// closed, and the pool is cleared so that the next open gets a fresh handle.
        /// </summary>
        private void DiscardHandle()
        {
            var connection = (SqliteConnection)DbConnection;
            if (connection.State == System.Data.ConnectionState.Open && connection.Handle is { } handle)
            {
                // Native calls on the handle's pointer: SQLitePCL's own sqlite3_next_stmt only knows the statements
                // prepared through its wrappers, and refuses the others.
                var db = handle.DangerousGetHandle();
                for (var statement = NativeSqlite.sqlite3_next_stmt(db, IntPtr.Zero); statement != IntPtr.Zero;
                     statement = NativeSqlite.sqlite3_next_stmt(db, statement))
                    if (NativeSqlite.sqlite3_stmt_busy(statement) != 0)
                    {
                        // Named in the log, so that whoever left it can be found (the cause is not known yet).
                        Dependencies.ConnectionLogger.Logger.LogWarning("Reset a statement left active on a pooled SQLite handle: {Sql}",
                            System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeSqlite.sqlite3_sql(statement)));
                        NativeSqlite.sqlite3_reset(statement);
                    }
                connection.Close();
            }
            SqliteConnection.ClearPool(connection);
        }

        /// <summary>
        /// Any SQLITE_BUSY from Open: the guard's refusal does not always carry its own message, and one more attempt on a
        /// fresh handle costs nothing when the cause was something else (it then fails the same way). The same failure came back as the code's generic text, "database is locked", from a
        /// reused handle (a browser test's GET /api/handover, 2026-12-04), and was answered with a 500.
        /// </summary>
        private static bool IsBusyAtOpen(SqliteException e) => e.SqliteErrorCode == 5 /* SQLITE_BUSY */;

        private static bool IsBusyHandle(SqliteException e) =>
            e.SqliteErrorCode == 5 /* SQLITE_BUSY */ && e.Message.Contains("active statements", StringComparison.Ordinal);
    }
#pragma warning restore EF1001

    /// <summary>The calls of SQLite's C API that SQLitePCL does not offer on raw statement pointers.</summary>
    private static class NativeSqlite
    {
        private const string Library = "e_sqlite3"; // the SQLite that Microsoft.Data.Sqlite's bundle ships and loads
        [System.Runtime.InteropServices.DllImport(Library)] internal static extern IntPtr sqlite3_next_stmt(IntPtr db, IntPtr statement);
        [System.Runtime.InteropServices.DllImport(Library)] internal static extern int sqlite3_stmt_busy(IntPtr statement);
        [System.Runtime.InteropServices.DllImport(Library)] internal static extern int sqlite3_reset(IntPtr statement);
        [System.Runtime.InteropServices.DllImport(Library)] internal static extern IntPtr sqlite3_sql(IntPtr statement);
    }
}

/// <summary>The read replica's context options (ENCORE_DB_READ), or null when there is none.</summary>
public sealed record ReplicaOptions(DbContextOptions<EncoreDb>? Options);

/// <summary>
/// Where long reads go (issue 21): a context on the read replica (ENCORE_DB_READ) when one is configured, read-only and
/// untracked, else the request's own context. Only for reads that write nothing back: the replica refuses writes.
/// </summary>
public sealed class ReadDb(ReplicaOptions replica, EncoreDb primary) : IDisposable
{
    private EncoreDb? onReplica;

    public EncoreDb Db => replica.Options is { } options ? onReplica ??= new EncoreDb(options) : primary;

    public void Dispose() => onReplica?.Dispose();
}

