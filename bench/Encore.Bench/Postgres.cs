using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Encore.Bench;

/// <summary>
/// The PostgreSQL server of the run: the one ENCORE_BENCH_POSTGRES names, or a private cluster started from
/// Debian's package the way test.sh does (initdb and pg_ctl as the postgres user, a free port, a temp
/// directory) and stopped afterwards. Each run gets its own database, dropped at the end.
/// </summary>
public sealed class Postgres : IAsyncDisposable
{
    private readonly string? root;
    private readonly string? binDir;
    private readonly string serverConnection;

    public string Origin { get; }
    /// <summary>Connection string of the run's own database.</summary>
    public string ConnectionString { get; }
    public string Settings { get; private set; } = "";
    private string DatabaseName { get; }

    private Postgres(string serverConnection, string origin, string? root, string? binDir)
    {
        this.serverConnection = serverConnection;
        Origin = origin;
        this.root = root;
        this.binDir = binDir;
        DatabaseName = "encore_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = DatabaseName }.ConnectionString;
    }

    /// <summary>The server, or null with the reason it cannot be had.</summary>
    public static async Task<(Postgres? Server, string? Why)> StartAsync(CancellationToken ct)
    {
        var given = Environment.GetEnvironmentVariable("ENCORE_BENCH_POSTGRES");
        Postgres server;
        if (!string.IsNullOrWhiteSpace(given))
        {
            if (!given.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
                return (null, "ENCORE_BENCH_POSTGRES must be a connection string starting with Host=");
            server = new Postgres(given, "ENCORE_BENCH_POSTGRES", null, null);
        }
        else
        {
            var initdb = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => Path.Combine(d, "bin", "initdb")).Where(File.Exists)
                    .OrderBy(p => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : new Version(0, 0))
                    .LastOrDefault()
                : null;
            if (initdb is null)
                return (null, "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; `apt-get install postgresql`, or set ENCORE_BENCH_POSTGRES)");
            var bin = Path.GetDirectoryName(initdb)!;
            var root = Directory.CreateTempSubdirectory("encore-bench-pg.").FullName;
            var port = AppServer.FreePort();
            try
            {
                if (IsRoot()) await RunAsync("chown", ["postgres", root], ct);
                await AsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(root, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], ct);
                await AsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(root, "data"), "-l", Path.Combine(root, "log"), "-w",
                    "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=300", "start"], ct);
            }
            catch (BenchException e)
            {
                TryDelete(root);
                return (null, "the private PostgreSQL cluster did not start: " + e.Message);
            }
            server = new Postgres($"Host=127.0.0.1;Port={port};Username=postgres;Password=postgres",
                $"a private cluster from {bin} on 127.0.0.1:{port}", root, bin);
        }

        try
        {
            await using (var admin = new NpgsqlConnection(server.serverConnection))
            {
                await admin.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{server.DatabaseName}\"", admin);
                await create.ExecuteNonQueryAsync(ct);
            }
            await using (var db = new NpgsqlConnection(server.ConnectionString))
            {
                await db.OpenAsync(ct);
                await using var show = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')", db);
                await using var r = await show.ExecuteReaderAsync(ct);
                await r.ReadAsync(ct);
                server.Settings = $"PostgreSQL {r.GetString(0)}, fsync={r.GetString(1)}, synchronous_commit={r.GetString(2)}, full_page_writes={r.GetString(3)}";
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await server.DisposeAsync();
            return (null, $"PostgreSQL ({server.Origin}) refused the run's database: {e.Message}");
        }
        return (server, null);
    }

    /// <summary>
    /// The server's CPU time so far (the postmaster and its processes, /proc), in ms: only for the private cluster,
    /// whose postmaster.pid the bench can read; null for a server named by ENCORE_BENCH_POSTGRES.
    /// </summary>
    public double? CpuMs()
    {
        if (root is null) return null;
        try
        {
            var first = File.ReadLines(Path.Combine(root, "data", "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? ProcStats.TreeCpuMs(pid) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        if (root is null)
        {
            // Someone else's server: drop only our database.
            try
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(serverConnection);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException) { }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try { await AsPostgresAsync(Path.Combine(binDir!, "pg_ctl"), ["-D", Path.Combine(root, "data"), "-m", "fast", "-w", "stop"], CancellationToken.None); }
        catch (BenchException) { }
        TryDelete(root);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot() => Environment.UserName == "root";

    /// <summary>PostgreSQL refuses to run as root: as root, the command runs as the postgres user.</summary>
    private static Task AsPostgresAsync(string program, string[] args, CancellationToken ct)
    {
        if (!IsRoot()) return RunAsync(program, args, ct);
        var command = string.Join(' ', new[] { program }.Concat(args).Select(Quote));
        return RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command], ct);
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task RunAsync(string program, string[] args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new BenchException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BenchException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {AppServer.Short((await error) + (await output))}");
    }
}
