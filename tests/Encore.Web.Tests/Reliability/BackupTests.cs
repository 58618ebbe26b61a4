using System.Net;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// The documented backup of a live SQLite database (online backup API) while bookings are being written, and its
/// restore: the restored database passes its integrity check and holds what was there before the backup began.
/// SQLite only, by nature (PostgreSQL is backed up with pg_dump), so this class always runs on its own SQLite file.
/// </summary>
public sealed class BackupTests(BackupTests.SqliteVenue app) : IClassFixture<BackupTests.SqliteVenue>
{
    public sealed class SqliteVenue : SimulatedClockFactory
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("encore-backup-").FullName;
        public string DbPath => Path.Combine(Folder, "live.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Encore:Db", DbPath);
            builder.UseSetting("Encore:DataDir", Folder);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

    private static long Count(string path, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    [Fact]
    public async Task A_backup_taken_during_writes_restores_with_the_data()
    {
        var manager = await app.ClientFor("m01");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var before = await manager.BookAsync(now.AddHours(1), name: "备份前的客人");
        var beforeCount = Count(app.DbPath, "SELECT count(*) FROM bookings");

        // Keep writing while the backup runs.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested) { await manager.BookAsync(now.AddHours(2), name: $"备份中{n++}"); }
            return n;
        });
        await Task.Delay(200);
        var backupFile = Path.Combine(app.Folder, "backups", "encore.db");
        Assert.Equal("ok", Backup.BackupTo(app.DbPath, backupFile));
        stop.Cancel();
        Assert.True(await writer > 0);

        Assert.True(Count(backupFile, "SELECT count(*) FROM bookings") >= beforeCount);
        Assert.Equal(1, Count(backupFile, $"SELECT count(*) FROM bookings WHERE \"Id\" = '{before.Id().ToUpperInvariant()}'"));

        var restored = Path.Combine(app.Folder, "restored", "encore.db");
        Assert.Equal("ok", Backup.RestoreFrom(backupFile, restored));
        Assert.Equal(1, Count(restored, $"SELECT count(*) FROM bookings WHERE \"Id\" = '{before.Id().ToUpperInvariant()}'"));
        Assert.Equal(Count(backupFile, "SELECT count(*) FROM audit_entries"), Count(restored, "SELECT count(*) FROM audit_entries"));
        Assert.Throws<IOException>(() => Backup.BackupTo(app.DbPath, backupFile)); // never overwrites a backup
    }

    [Fact]
    public void A_damaged_backup_is_refused()
    {
        var broken = Path.Combine(app.Folder, "broken.db");
        File.WriteAllBytes(broken, "SQLite format 3\0 but not really a database"u8.ToArray());
        Assert.ThrowsAny<Exception>(() => Backup.RestoreFrom(broken, Path.Combine(app.Folder, "never.db")));
        Assert.False(File.Exists(Path.Combine(app.Folder, "never.db")));
    }
}
