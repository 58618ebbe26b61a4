using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Encore.Cluster;

/// <summary>What went wrong in the cluster or in a check; the message says what and where.</summary>
public sealed class ClusterException(string message) : Exception(message);

/// <summary>Short-lived commands (initdb, pg_basebackup) and the loopback ports.</summary>
public static class Shell
{
    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The newest Debian PostgreSQL's bin folder.</summary>
    public static string PostgresBin() =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_basebackup")))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
        ?? throw new ClusterException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_basebackup): test.sh installs it");

    public static async Task RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new ClusterException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new ClusterException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>PostgreSQL refuses to run as root: as root, the command runs as the postgres user.</summary>
    public static Task AsPostgresAsync(string program, string[] args, CancellationToken ct) =>
        IsRoot
            ? RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { program }.Concat(args).Select(Quote))], ct)
            : RunAsync(program, args, ct);

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>A long-running child process (Redis, nginx, an Encore instance), its output kept in a log file.</summary>
public sealed class Child
{
    private readonly Process process;
    private readonly StreamWriter log;

    public string Name { get; }
    public string LogPath { get; }
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    private Child(string name, Process process, StreamWriter log, string logPath) =>
        (Name, this.process, this.log, LogPath) = (name, process, log, logPath);

    public static Child Start(string name, string program, IEnumerable<string> args, IDictionary<string, string>? environment, string logPath,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        void Write(string? line)
        {
            if (line is null) return;
            lock (log) { try { log.WriteLine(line); } catch (ObjectDisposedException) { } }
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        if (!process.Start()) throw new ClusterException($"{name}: {program} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Child(name, process, log, logPath);
    }

    /// <summary>SIGKILL: the process gets no chance to close anything (what a crashed server does).</summary>
    public void KillHard()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: false);
        process.WaitForExit();
        lock (log) log.Dispose();
    }

    /// <summary>SIGTERM, then SIGKILL after 15 s.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await Shell.RunAsync("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)], CancellationToken.None);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ClusterException or InvalidOperationException)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        lock (log) log.Dispose();
    }

    public string Tail(int lines = 20)
    {
        try
        {
            using var read = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return string.Join('\n', new StreamReader(read).ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException e) { return e.Message; }
    }
}

/// <summary>One Encore process: the app's Release build started with the cluster's settings on its own port.</summary>
public sealed class Instance(string name, int port, Func<Dictionary<string, string>> environment, string dll, string logDir)
{
    public string Name { get; } = name;
    public Uri Address { get; } = new($"http://127.0.0.1:{port}");
    public Child? Process { get; private set; }
    public HttpClient Http { get; } = Api.NewClient(new Uri($"http://127.0.0.1:{port}"));
    /// <summary>The name Encore gives its PostgreSQL connections: machine and process id (Platform/Instances.cs).</summary>
    public string ConnectionName => $"{Environment.MachineName}:{Process?.Pid}";

    public async Task StartAsync(CancellationToken ct)
    {
        // From the project's folder, as `dotnet run` does: its wwwroot is the content (the build output has none).
        Process = Child.Start("encore-" + Name, "dotnet", [dll, "--urls", Address.ToString().TrimEnd('/')], environment(),
            Path.Combine(logDir, $"encore-{Name}.log"), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..")));
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (Process.HasExited) throw new ClusterException($"instance {Name} exited before it was ready:\n{Process.Tail()}");
            try
            {
                using var answer = await Http.GetAsync("/health/ready", ct);
                if (answer.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, ct);
        }
        throw new ClusterException($"instance {Name} was not ready within 3 minutes:\n{Process.Tail()}");
    }
}

/// <summary>
/// The whole of issue 21's deployment on loopback ports: PostgreSQL primary and a streaming replica made by
/// pg_basebackup, Redis, N Encore instances (ENCORE_DB, ENCORE_DB_READ, ENCORE_REDIS, the training clock shared) and
/// nginx in front of them with the configuration the README shows (docs/nginx-encore.conf, ports filled in).
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string AdminPassword = "Cluster-admin-1";
    private readonly List<Child> services = [];
    private string? pgBin;

    public string Work { get; }
    public int PrimaryPort { get; } = Shell.FreePort();
    public int ReplicaPort { get; } = Shell.FreePort();
    public string Db => $"Host=127.0.0.1;Port={PrimaryPort};Database=encore;Username=postgres;Password=postgres;Maximum Pool Size=60";
    public string DbRead => $"Host=127.0.0.1;Port={ReplicaPort};Database=encore;Username=postgres;Password=postgres;Maximum Pool Size=20";
    public List<Instance> Instances { get; } = [];
    public Uri Front { get; private set; } = null!;
    public HttpClient FrontHttp { get; private set; } = null!;

    private Cluster(string work) => Work = work;

    public static async Task<Cluster> StartAsync(string repo, int instances, DateTimeOffset clockStart, CancellationToken ct)
    {
        var cluster = new Cluster(Directory.CreateTempSubdirectory("encore-cluster.").FullName);
        try
        {
            await cluster.StartDatabaseAsync(ct);
            var redisPort = Shell.FreePort();
            var redis = Child.Start("redis", "redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"], null, Path.Combine(cluster.Work, "redis.log"));
            cluster.services.Add(redis);

            var dll = Path.Combine(repo, "src", "Encore.Web", "bin", "Release", "net10.0", "Encore.Web.dll");
            if (!File.Exists(dll)) throw new ClusterException($"{dll} is missing: build with `dotnet build Encore.slnx -c Release`");
            for (var i = 0; i < instances; i++)
            {
                var name = ((char)('A' + i)).ToString();
                var dataDir = Path.Combine(cluster.Work, "data-" + name);
                Directory.CreateDirectory(dataDir);
                cluster.Instances.Add(new Instance(name, Shell.FreePort(), () => new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ENCORE_DB"] = cluster.Db,
                    ["ENCORE_DB_READ"] = cluster.DbRead,
                    ["ENCORE_REDIS"] = $"127.0.0.1:{redisPort}",
                    ["ENCORE_DEMO"] = "1",
                    ["ENCORE_CLOCK"] = "simulated",
                    ["ENCORE_CLOCKSTART"] = clockStart.ToString("O", CultureInfo.InvariantCulture),
                    ["Encore__AdminPassword"] = AdminPassword,
                    ["ENCORE_DATADIR"] = dataDir,
                    // nginx is the proxy: the login throttle keys on the client's address it forwards.
                    ["ENCORE_KNOWN_PROXIES"] = "127.0.0.1",
                    // The delay after the third wrong password, 30 s instead of 1 s: the proof's later attempts must fall
                    // inside it even on a slow machine (the delay's length is not what it checks).
                    ["Encore__Login__FirstDelaySeconds"] = "30",
                    ["Logging__LogLevel__Default"] = "Warning",
                    ["Logging__LogLevel__Encore"] = "Information",
                    ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
                }, dll, cluster.Work));
            }
            // The first seeds the demo venue; the others start together (the bootstrap lock keeps them from seeding twice).
            await cluster.Instances[0].StartAsync(ct);
            await Task.WhenAll(cluster.Instances.Skip(1).Select(i => i.StartAsync(ct)));
            await cluster.StartNginxAsync(repo, ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartDatabaseAsync(CancellationToken ct)
    {
        pgBin = Shell.PostgresBin();
        if (Shell.IsRoot) await Shell.RunAsync("chown", ["postgres", Work], ct);
        var primary = Path.Combine(Work, "primary");
        var replica = Path.Combine(Work, "replica");
        await Shell.AsPostgresAsync(Path.Combine(pgBin, "initdb"), ["-D", primary, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        // initdb's pg_hba.conf with --auth=trust lets replication connections in from 127.0.0.1; wal_level=replica is the default.
        await Shell.AsPostgresAsync(Path.Combine(pgBin, "pg_ctl"), ["-D", primary, "-l", Path.Combine(Work, "primary.log"), "-w",
            "-o", $"-p {PrimaryPort} -k {Work} -c listen_addresses=127.0.0.1 -c max_connections=400", "start"], ct);
        await using (var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={PrimaryPort};Username=postgres;Password=postgres;Pooling=false"))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE encore", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        // The replica: a base backup of the primary that follows it (-R writes standby.signal and primary_conninfo); a hot
        // standby needs max_connections at least the primary's.
        await Shell.AsPostgresAsync(Path.Combine(pgBin, "pg_basebackup"), ["-h", "127.0.0.1", "-p", PrimaryPort.ToString(CultureInfo.InvariantCulture),
            "-U", "postgres", "-D", replica, "-R", "-X", "stream", "-c", "fast"], ct);
        await Shell.AsPostgresAsync(Path.Combine(pgBin, "pg_ctl"), ["-D", replica, "-l", Path.Combine(Work, "replica.log"), "-w",
            "-o", $"-p {ReplicaPort} -k {Work} -c listen_addresses=127.0.0.1 -c max_connections=400", "start"], ct);
    }

    /// <summary>nginx with docs/nginx-encore.conf, the instances' ports and a free port filled in, as one foreground process.</summary>
    private async Task StartNginxAsync(string repo, CancellationToken ct)
    {
        var site = await File.ReadAllTextAsync(Path.Combine(repo, "docs", "nginx-encore.conf"), ct);
        var upstreams = string.Join("\n", Instances.Select(i => $"    server 127.0.0.1:{i.Address.Port} max_fails=1 fail_timeout=5s;"));
        site = Regex.Replace(site, @"^\s*server 127\.0\.0\.1:500\d[^\n]*\n", "", RegexOptions.Multiline);
        site = site.Replace("upstream encore {\n", "upstream encore {\n" + upstreams + "\n", StringComparison.Ordinal);
        var port = Shell.FreePort();
        site = Regex.Replace(site, @"listen 80;", $"listen 127.0.0.1:{port};");
        var root = Path.Combine(Work, "nginx");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"), $$"""
            # One foreground process on loopback (no master, no user switch): only the http part is the README's.
            daemon off;
            master_process off;
            error_log {{root}}/error.log warn;
            pid {{root}}/nginx.pid;
            events { worker_connections 8192; }
            http {
              access_log off;
              client_body_temp_path {{root}}/body;
              proxy_temp_path {{root}}/proxy;
              fastcgi_temp_path {{root}}/fastcgi;
              uwsgi_temp_path {{root}}/uwsgi;
              scgi_temp_path {{root}}/scgi;
            {{site}}
            }
            """, ct);
        var nginx = Child.Start("nginx", "nginx", ["-p", root, "-c", Path.Combine(root, "nginx.conf")], null, Path.Combine(Work, "nginx.log"));
        services.Add(nginx);
        Front = new Uri($"http://127.0.0.1:{port}");
        FrontHttp = Api.NewClient(Front);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (nginx.HasExited) throw new ClusterException("nginx exited: " + nginx.Tail() + await File.ReadAllTextAsync(Path.Combine(root, "error.log"), ct));
            try
            {
                using var answer = await FrontHttp.GetAsync("/health", ct);
                if (answer.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, ct);
        }
        throw new ClusterException("nginx did not answer /health within 20 s");
    }

    public async Task<NpgsqlConnection> PrimaryAsync(CancellationToken ct) => await OpenAsync(Db, ct);
    public async Task<NpgsqlConnection> ReplicaAsync(CancellationToken ct) => await OpenAsync(DbRead, ct);

    private static async Task<NpgsqlConnection> OpenAsync(string connection, CancellationToken ct)
    {
        var c = new NpgsqlConnection(connection + ";Pooling=false");
        await c.OpenAsync(ct);
        return c;
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection c, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, c);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
            if (instance.Process is { } p) await p.StopAsync();
        foreach (var service in services) await service.StopAsync();
        if (pgBin is not null)
            foreach (var data in new[] { "replica", "primary" })
                if (File.Exists(Path.Combine(Work, data, "postmaster.pid")))
                    try { await Shell.AsPostgresAsync(Path.Combine(pgBin, "pg_ctl"), ["-D", Path.Combine(Work, data), "-m", "immediate", "-w", "stop"], CancellationToken.None); }
                    catch (ClusterException) { }
        if (Environment.GetEnvironmentVariable("ENCORE_CLUSTER_KEEP") is not { Length: > 0 })
            try { Directory.Delete(Work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>JSON over HTTP with a bearer token.</summary>
public static class Api
{
    public const string DemoPassword = "encore123";

    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Answer(HttpStatusCode Status, JsonElement Body, string Text);

    public static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement json = default;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            json = JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(response.StatusCode, json, text);
    }

    public static async Task<JsonElement> OkAsync(HttpClient http, HttpMethod method, string path, string? token, object? body, CancellationToken ct)
    {
        var answer = await SendAsync(http, method, path, token, body, ct);
        if ((int)answer.Status is < 200 or > 299)
            throw new ClusterException($"{method} {http.BaseAddress}{path.TrimStart('/')}: {(int)answer.Status} {(answer.Text.Length > 300 ? answer.Text[..300] : answer.Text)}");
        return answer.Body;
    }

    public static async Task<string> LoginAsync(HttpClient http, string badge, CancellationToken ct, string password = DemoPassword) =>
        (await OkAsync(http, HttpMethod.Post, "/api/auth/login", null, new { venue = "main", badge, password }, ct)).GetProperty("token").GetString()!;

    /// <summary>An instant as the API takes it: the demo venue's local time with its offset.</summary>
    public static string Local(DateTimeOffset instant) => instant.ToOffset(Proof.VenueOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The n-th guest's phone of a run (each run starts its own cluster, so n is unique in its database).</summary>
    public static string GuestPhone(int n) => "139" + (70_000_000 + n).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The body of POST /api/bookings for the n-th guest of a run, arriving at <paramref name="arrival"/>.</summary>
    public static object Booking(int n, DateTimeOffset arrival) => new
    {
        customerName = "集群客" + n.ToString(CultureInfo.InvariantCulture),
        customerPhone = GuestPhone(n),
        arrival = Local(arrival),
        partySize = 4,
    };

    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
