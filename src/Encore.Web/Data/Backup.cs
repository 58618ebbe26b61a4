using Microsoft.Data.Sqlite;

namespace Encore.Web.Data;

/// <summary>
/// Consistent backup and restore of a SQLite database, while Encore runs: SQLite's online backup API copies a
/// transaction-consistent snapshot page by page (writers are not stopped), and the copy is checked with
/// PRAGMA integrity_check before it is reported good.
/// <code>
/// dotnet run --project src/Encore.Web -- --backup backups/encore-2026-11-20.db     # the database of ENCORE_DB
/// dotnet run --project src/Encore.Web -- --restore backups/encore-2026-11-20.db    # Encore stopped: replaces ENCORE_DB
/// </code>
/// PostgreSQL has its own tools (pg_dump / pg_restore); these commands refuse a PostgreSQL ENCORE_DB.
/// </summary>
public static class Backup
{
    public static string BackupTo(string databasePath, string backupPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(backupPath))!);
        if (File.Exists(backupPath)) throw new IOException($"{backupPath} exists already; choose a new name.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Copy(databasePath, backupPath);
                return Check(backupPath);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is Busy or Locked && attempt < Attempts)
            {
                // A writer held a lock longer than the busy timeout (or WAL recovery ran): start again on a clean file.
                DeleteWithSidecars(backupPath);
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private const int Busy = 5, Locked = 6, Attempts = 5;

    /// <summary>
    /// One step of the online backup API over the whole database, on a connection that has SQLite's own busy
    /// handler (PRAGMA busy_timeout). Microsoft.Data.Sqlite retries a busy <em>command</em> by itself, but not
    /// sqlite3_backup_step: without a busy handler a backup taken while bookings are written fails with
    /// "SQLite Error 5: database is locked" as soon as a writer holds the WAL index for a moment.
    /// </summary>
    private static void Copy(string databasePath, string backupPath)
    {
        using var source = new SqliteConnection(Database.SqliteConnectionString(databasePath));
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath, Pooling = false, DefaultTimeout = 30 }.ToString());
        source.Open();
        target.Open();
        foreach (var connection in new[] { source, target })
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }
        source.BackupDatabase(target);
    }

    private static void DeleteWithSidecars(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
    }

    /// <summary>Replaces the database with a checked backup; the old file is kept beside it as .before-restore.</summary>
    public static string RestoreFrom(string backupPath, string databasePath)
    {
        if (!File.Exists(backupPath)) throw new FileNotFoundException("No such backup.", backupPath);
        var check = Check(backupPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        if (File.Exists(databasePath))
        {
            var aside = databasePath + ".before-restore";
            File.Copy(databasePath, aside, overwrite: true);
            foreach (var suffix in new[] { "-wal", "-shm" })
                if (File.Exists(databasePath + suffix)) File.Delete(databasePath + suffix);
        }
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString()))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        return check;
    }

    public static string Check(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = Convert.ToString(command.ExecuteScalar()) ?? "";
        if (result != "ok") throw new InvalidDataException($"{path} fails its integrity check: {result}");
        return result;
    }
}
