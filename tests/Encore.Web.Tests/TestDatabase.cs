using Encore.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Encore.Web.Tests;

/// <summary>
/// A real, empty database for one test class: a SQLite file in a temporary folder, or, when
/// ENCORE_TEST_POSTGRES names a server, a new database on it. Removed again on dispose.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>
    /// The trait of tests that run on a SQLite file whatever the run's database (a started Encore process on its own file,
    /// SQLite's own pool): test.sh runs them in the SQLite run only, as the PostgreSQL run would repeat them unchanged.
    /// </summary>
    public const string Trait = "Database", SqliteOnly = "SqliteOnly";

    public static string? PostgresServer => Environment.GetEnvironmentVariable("ENCORE_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "encore-tests", Guid.NewGuid().ToString("N"));
    public string ConnectionString { get; }
    public bool IsPostgres => postgresDatabase is not null;
    private readonly string? postgresDatabase;

    public TestDatabase() : this(template: null) { }

    /// <summary>
    /// A new database holding what <paramref name="template"/> holds (or nothing): a copy of its SQLite file, or a
    /// PostgreSQL database created from it as its template. The template must have no open connection.
    /// </summary>
    private TestDatabase(TestDatabase? template)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (PostgresServer is { } server)
        {
            postgresDatabase = "encore_t_" + Guid.NewGuid().ToString("N")[..12];
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            var from = template is null ? "" : $" TEMPLATE {template.postgresDatabase}";
            using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}{from}", admin);
            create.ExecuteNonQuery();
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ToString();
        }
        else
        {
            ConnectionString = Path.Combine(Directory, "encore.db");
            if (template is not null) File.Copy(template.ConnectionString, ConnectionString);
        }
    }

    /// <summary>A new database with a copy of this one's rows (see <see cref="TestDatabase(TestDatabase?)"/>).</summary>
    public TestDatabase Copy() => new(this);

    /// <summary>
    /// Closes every pooled connection and, on SQLite, folds the write-ahead log into the database file, so that the
    /// file alone (or, on PostgreSQL, the database as a template) holds everything written so far.
    /// </summary>
    public void Quiesce()
    {
        Encore.Web.Data.Database.ClearSqlitePools();
        NpgsqlConnection.ClearAllPools();
        if (IsPostgres) return;
        using (var connection = new SqliteConnection($"Data Source={ConnectionString};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
            checkpoint.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// A context on this database, configured as the app configures its own (provider, SQLite pragmas: WAL, busy
    /// timeout, synchronous=FULL, foreign keys), without the audit interceptor that needs a request to name the actor.
    /// </summary>
    public EncoreDb Open()
    {
        var options = new DbContextOptionsBuilder<EncoreDb>();
        options.UseEncoreDatabase(ConnectionString, IsPostgres);
        return new EncoreDb(options.Options);
    }

    public void Dispose()
    {
        Encore.Web.Data.Database.ClearSqlitePools();
        NpgsqlConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            using var admin = new NpgsqlConnection(PostgresServer);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
