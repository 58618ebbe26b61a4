using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Encore.Bench;

/// <summary>
/// Encore itself, started from its Release build as a child process on a free port (real Kestrel, real
/// middleware, real database), as it runs in production: ENCORE_CLOCK unset, JSON logs (kept in a file).
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    public const string DemoPassword = "encore123";
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly string logPath;

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    /// <summary>Wall time from starting the process to the first 200 from /health.</summary>
    public double StartSeconds { get; private set; }
    /// <summary>The app's own process: `dotnet Encore.Web.dll` runs the app in the host process itself.</summary>
    public int Pid => process.Id;
    /// <summary>The app's CPU time so far (utime + stime from /proc), in ms.</summary>
    public double? CpuMs() => ProcStats.CpuMs(process.Id);
    /// <summary>The app's resident memory now and its peak (VmRSS, VmHWM), in kB.</summary>
    public (long RssKb, long HwmKb)? Memory() => ProcStats.Memory(process.Id);
    /// <summary>The same, where a figure depends on it: unreadable is an error.</summary>
    public (long RssKb, long HwmKb) MemoryNow() => Memory() ?? throw new BenchException($"/proc/{process.Id}/status is not readable");
    /// <summary>The CPU time, where a figure depends on it: unreadable is an error.</summary>
    public double CpuNow() => CpuMs() ?? throw new BenchException($"/proc/{process.Id}/stat is not readable");

    private AppServer(Process process, Uri baseAddress, StreamWriter log, string logPath)
    {
        this.process = process;
        BaseAddress = baseAddress;
        this.log = log;
        this.logPath = logPath;
        Http = NewClient(baseAddress);
    }

    /// <summary>One client for many concurrent requests: no cap on connections, generous timeout.</summary>
    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static string AppDll(string repo) => Path.Combine(repo, "src", "Encore.Web", "bin", "Release", "net10.0", "Encore.Web.dll");

    /// <summary>The app the bench starts: the published build (<see cref="PublishedApp"/>) once published, else the Release build.</summary>
    public static string? Published { get; set; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task<AppServer> StartAsync(string repo, string db, bool demo, string adminPassword, string workDir, string name, CancellationToken ct)
    {
        var dll = Published ?? AppDll(repo);
        if (!File.Exists(dll))
            throw new BenchException($"{dll} is missing: build the app with `dotnet build src/Encore.Web -c Release`");
        var dataDir = Path.Combine(workDir, name + "-data");
        Directory.CreateDirectory(dataDir);
        return LaunchAsync(dll, workDir, name, new Dictionary<string, string>
        {
            ["ENCORE_DB"] = db,
            ["ENCORE_DEMO"] = demo ? "1" : "0",
            ["ENCORE_ADMIN_PASSWORD"] = adminPassword,
            // The same setting in the form the configuration binder always reads (Encore:AdminPassword): EncoreSettings
            // looks ENCORE_ADMIN_PASSWORD up as ENCORE_ADMINPASSWORD, so the documented variable alone is not seen.
            ["Encore__AdminPassword"] = adminPassword,
            ["ENCORE_DATADIR"] = dataDir,
        }, ct);
    }

    /// <summary>
    /// Any ASP.NET Core app that answers GET /health: `dotnet app.dll --urls …` in Production, with this process's
    /// environment (less the clock and address settings a developer's shell may carry) and the given variables; its
    /// output goes to workDir/name.log. Encore (<see cref="StartAsync"/>) and the frameworks' floor probes (<see cref="Floor"/>)
    /// start the same way, so that their start figures compare.
    /// </summary>
    public static async Task<AppServer> LaunchAsync(string dll, string workDir, string name, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var variable in new[] { "ENCORE_CLOCK", "ENCORE_CLOCKSTART", "ASPNETCORE_URLS", "DOTNET_ENVIRONMENT", "ENCORE_DATADIR" })
            info.Environment.Remove(variable);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (variable, value) in environment)
            info.Environment[variable] = value;

        var logPath = Path.Combine(workDir, name + ".log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var sink = new LogSink(log);
        process.OutputDataReceived += (_, e) => sink.Write(e.Data);
        process.ErrorDataReceived += (_, e) => sink.Write(e.Data);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, baseAddress, log, logPath);
        sink.Owner = server;
        try
        {
            await server.WaitForHealthAsync(TimeSpan.FromMinutes(3), ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        server.StartSeconds = watch.Elapsed.TotalSeconds;
        return server;
    }

    private async Task WaitForHealthAsync(TimeSpan limit, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new BenchException($"the app exited with code {process.ExitCode} before /health answered:\n{Tail()}");
            try
            {
                using var answer = await Http.GetAsync("/health", ct);
                if (answer.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            // Asked often: the time to the first 200 is itself a figure (start on an existing database).
            await Task.Delay(25, ct);
        }
        throw new BenchException($"/health did not answer 200 within {limit.TotalSeconds:F0} s:\n{Tail()}");
    }

    public string Tail(int lines = 15)
    {
        lock (log)
        {
            log.Flush();
            try
            {
                using var read = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(read);
                return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
            }
            catch (IOException e) { return e.Message; }
        }
    }

    /// <summary>POST /api/auth/login → the bearer token.</summary>
    public async Task<string> LoginAsync(string badge, string password, CancellationToken ct)
    {
        using var answer = await Http.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password }, ct);
        if (!answer.IsSuccessStatusCode)
            throw new BenchException($"login as {badge}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(ct)}");
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public async Task<JsonElement> GetJsonAsync(string path, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = Bearer(token);
        using var answer = await Http.SendAsync(request, ct);
        var text = await answer.Content.ReadAsStringAsync(ct);
        if (!answer.IsSuccessStatusCode) throw new BenchException($"GET {path}: {(int)answer.StatusCode} {Short(text)}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = Bearer(token);
        using var answer = await Http.SendAsync(request, ct);
        var text = await answer.Content.ReadAsStringAsync(ct);
        if (!answer.IsSuccessStatusCode) throw new BenchException($"POST {path}: {(int)answer.StatusCode} {Short(text)}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Waits (at most 5 s) until the app has used under 5 ms of CPU in 100 ms: work it does after answering
    /// (board notices sent after commit) then does not spill into the next side's window.
    /// </summary>
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        process.Refresh();
        var used = process.TotalProcessorTime;
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100, ct);
            process.Refresh();
            var now = process.TotalProcessorTime;
            if (now - used < TimeSpan.FromMilliseconds(5)) return;
            used = now;
        }
    }

    public static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Stops the app (SIGTERM, then a kill if it does not stop within 15 s).</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            try
            {
                using var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
                term?.WaitForExit();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(wait.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        lock (log) { closed = true; log.Dispose(); }
    }

    private bool closed;

    /// <summary>Writes the app's output lines to the log until the server is disposed.</summary>
    private sealed class LogSink(StreamWriter log)
    {
        public AppServer? Owner { get; set; }

        public void Write(string? line)
        {
            if (line is null) return;
            lock (log)
            {
                if (Owner is { closed: true }) return;
                log.WriteLine(line);
            }
        }
    }
}

/// <summary>A part of the bench cannot run; the message says why and goes into the table.</summary>
public sealed class BenchException(string message) : Exception(message);
