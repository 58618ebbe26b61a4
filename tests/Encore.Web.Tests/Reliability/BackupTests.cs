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
public sealed class BackupTests(BackupTests.SqliteVenue app) : ServerTest(app), IClassFixture<BackupTests.SqliteVenue>
{
    public sealed class SqliteVenue : SimulatedClockFactory
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("encore-backup-").FullName;
        public string DbPath => Path.Combine(Folder, "live.db");
        // Its database is a file of its own in the backup folder, not the factory's: it seeds it.
        protected override bool FromDemoTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Encore:Db", DbPath);
            builder.UseSetting("Encore:DataDir", Folder);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Encore.Web.Data.Database.ClearSqlitePools();
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

    /// <summary>
    /// Twenty backups in a row while four managers keep booking. Every backup must succeed (it once failed with
    /// "database is locked": the backup step had no busy handler), pass its integrity check, and hold every booking
    /// answered 201 before it began; writes must really have been answered while backups ran.
    /// </summary>
    [Fact]
    public async Task Backups_taken_during_writes_succeed_and_restore_with_the_data()
    {
        var managers = new[] { "m01", "m02", "m03", "m04" };
        var clients = new List<HttpClient>();
        foreach (var badge in managers) clients.Add(await app.ClientFor(badge));
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var before = await clients[0].BookAsync(now.AddHours(1), name: "备份前的客人");

        // Each answered booking with the moment its 201 arrived.
        var answered = new System.Collections.Concurrent.ConcurrentQueue<(string Id, long At)>();
        using var stop = new CancellationTokenSource();
        var writers = clients.Select((client, w) => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var booking = await client.BookAsync(now.AddHours(2), name: $"备份中{w}-{n++}");
                answered.Enqueue((booking.Id(), System.Diagnostics.Stopwatch.GetTimestamp()));
            }
        })).ToList();
        // Start only once writes are flowing.
        while (answered.Count < 8) await Task.Delay(10);

        var windows = new List<(long From, long To)>();
        int AnsweredDuringBackups() => answered.Count(a => windows.Any(w => a.At >= w.From && a.At <= w.To));
        string lastBackup = "";
        // Twenty rounds at least, and on until writes were answered inside the backups' windows: on a loaded CI
        // machine twenty small backups once ended before the writers had their next turn (12 answers in all).
        var giveUp = DateTime.UtcNow.AddSeconds(60);
        for (var round = 0; round < 20 || (AnsweredDuringBackups() < 3 && DateTime.UtcNow < giveUp); round++)
        {
            var answeredBefore = answered.ToArray();
            var backupFile = Path.Combine(app.Folder, "backups", $"encore-{round:000}.db");
            var from = System.Diagnostics.Stopwatch.GetTimestamp();
            Assert.Equal("ok", Backup.BackupTo(app.DbPath, backupFile));
            windows.Add((from, System.Diagnostics.Stopwatch.GetTimestamp()));
            var inBackup = Ids(backupFile);
            Assert.All(answeredBefore, a => Assert.Contains(a.Id.ToUpperInvariant(), inBackup));
            lastBackup = backupFile;
        }
        stop.Cancel();
        await Task.WhenAll(writers);

        var duringBackups = AnsweredDuringBackups();
        Assert.True(duringBackups > 0, $"no booking was answered while a backup ran ({answered.Count} in all): the test did not overlap writes");

        var restored = Path.Combine(app.Folder, "restored", "encore.db");
        Assert.Equal("ok", Backup.RestoreFrom(lastBackup, restored));
        Assert.Contains(before.Id().ToUpperInvariant(), Ids(restored));
        Assert.Equal(Count(lastBackup, "SELECT count(*) FROM bookings"), Count(restored, "SELECT count(*) FROM bookings"));
        Assert.Equal(Count(lastBackup, "SELECT count(*) FROM audit_entries"), Count(restored, "SELECT count(*) FROM audit_entries"));
        Assert.Throws<IOException>(() => Backup.BackupTo(app.DbPath, lastBackup)); // never overwrites a backup
    }

    /// <summary>
    /// The failure the backup once had, made certain: another connection holds the database's lock when the backup
    /// starts (here: a connection in exclusive locking mode, as a long checkpoint or a recovery would for a moment).
    /// The backup waits for the lock and succeeds once it is released, instead of failing with "database is locked".
    /// </summary>
    [Fact]
    public async Task A_backup_waits_for_a_lock_another_connection_holds()
    {
        var path = Path.Combine(app.Folder, "locked.db");
        using (var setup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            setup.Open();
            using var create = setup.CreateCommand();
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE guests (name TEXT); INSERT INTO guests VALUES ('锁前的客人');";
            create.ExecuteNonQuery();
        }
        var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        holder.Open();
        using (var take = holder.CreateCommand())
        {
            // Exclusive locking mode before the first access of a WAL database: the lock is held until the connection closes.
            take.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN IMMEDIATE; INSERT INTO guests VALUES ('持锁时的客人'); COMMIT;";
            take.ExecuteNonQuery();
        }
        var backupFile = Path.Combine(app.Folder, "backups", "locked-copy.db");
        var backup = Task.Run(() => Backup.BackupTo(path, backupFile));
        // The lock is real: the backup cannot have finished while it is held.
        await Task.WhenAny(backup, Task.Delay(300));
        Assert.False(backup.IsCompleted, backup.Exception?.ToString() ?? "the backup finished although another connection held the lock");
        holder.Dispose();
        Assert.Equal("ok", await backup.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, Count(backupFile, "SELECT count(*) FROM guests"));
    }

    private static HashSet<string> Ids(string path)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT \"Id\" FROM bookings";
        using var reader = cmd.ExecuteReader();
        var ids = new HashSet<string>();
        while (reader.Read()) ids.Add(reader.GetString(0).ToUpperInvariant());
        return ids;
    }

    [Fact]
    public void A_damaged_backup_is_refused()
    {
        var broken = Path.Combine(app.Folder, "broken.db");
        File.WriteAllBytes(broken, "SQLite format 3\0 but not really a database"u8.ToArray());
        var refused = Assert.ThrowsAny<Exception>(() => Backup.RestoreFrom(broken, Path.Combine(app.Folder, "never.db")));
        Assert.True(refused is InvalidDataException or SqliteException { SqliteErrorCode: 26 }, refused.ToString()); // 26: SQLITE_NOTADB
        Assert.False(File.Exists(Path.Combine(app.Folder, "never.db")));
    }
}
