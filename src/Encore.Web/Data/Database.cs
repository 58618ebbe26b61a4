using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Encore.Web.Data;

public static class Database
{
    public static void AddEncoreDatabase(this WebApplicationBuilder builder, EncoreSettings settings)
    {
        if (!settings.IsPostgres)
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.Db))!);

        builder.Services.AddSingleton<Audit.AuditInterceptor>();
        builder.Services.AddDbContext<EncoreDb>((sp, options) =>
            options.UseEncoreDatabase(settings.Db, settings.IsPostgres).AddInterceptors(sp.GetRequiredService<Audit.AuditInterceptor>()));
    }

    /// <summary>The provider and its settings, as the app uses them (tools and tests open the database the same way).</summary>
    public static DbContextOptionsBuilder UseEncoreDatabase(this DbContextOptionsBuilder options, string db, bool postgres)
    {
        if (postgres)
            options.UseNpgsql(db);
        else
            options.UseSqlite(SqliteConnectionString(db)).AddInterceptors(SqlitePragmas.Instance);
        // The schema comes from our own SQL migrations (Data/Migrations and each feature's Migrations folder, see
        // SchemaMigrator), not from EF's model snapshot.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Gives SQLite's query planner row statistics for the customer files. Without them it walks an index on
    /// VenueId — which every row of a one-venue file matches — and a search of 100,000 customers took ~115 ms
    /// instead of ~12 ms. A sampled ANALYZE (analysis_limit) misjudged that index just the same, so the one table
    /// whose searches scan is analysed in full, at start-up and once a business day. PostgreSQL's autovacuum keeps
    /// its own statistics.
    /// </summary>
    public static async Task RefreshStatisticsAsync(this EncoreDb db, CancellationToken ct = default)
    {
        if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("ANALYZE customers;", ct);
    }

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

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Pragmas;
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
