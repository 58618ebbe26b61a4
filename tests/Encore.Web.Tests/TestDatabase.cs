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
    public static string? PostgresServer => Environment.GetEnvironmentVariable("ENCORE_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "encore-tests", Guid.NewGuid().ToString("N"));
    public string ConnectionString { get; }
    public bool IsPostgres => postgresDatabase is not null;
    private readonly string? postgresDatabase;

    public TestDatabase()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (PostgresServer is { } server)
        {
            postgresDatabase = "encore_t_" + Guid.NewGuid().ToString("N")[..12];
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", admin);
            create.ExecuteNonQuery();
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ToString();
        }
        else ConnectionString = Path.Combine(Directory, "encore.db");
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
        SqliteConnection.ClearAllPools();
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
