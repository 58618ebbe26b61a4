using Microsoft.Data.Sqlite;

namespace Encore.Bench;

/// <summary>SQLite connections with the app's settings (src/Encore.Web/Data/Database.cs).</summary>
public static class Sqlite
{
    /// <summary>What Encore runs on every connection it opens: WAL, synchronous=FULL, foreign keys, a busy handler.</summary>
    public const string AppPragmas = "PRAGMA busy_timeout=30000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static SqliteConnection Open(string path, string? extraPragmas = null)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        Execute(connection, AppPragmas + (extraPragmas ?? ""));
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd.ExecuteScalar();
    }

    public static string Version(string path)
    {
        using var connection = Open(path);
        var journal = Scalar(connection, "PRAGMA journal_mode");
        var sync = Convert.ToInt64(Scalar(connection, "PRAGMA synchronous"), System.Globalization.CultureInfo.InvariantCulture);
        return $"SQLite {Scalar(connection, "SELECT sqlite_version()")}, journal_mode={journal}, synchronous={(sync == 2 ? "FULL" : sync.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }
}
