using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Encore.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Issue 12, item 14: running Encore in production. `dotnet run` used to apply launchSettings.json's Development over
/// an operator's ASPNETCORE_ENVIRONMENT=Production, and Development seeds the demo venue with known passwords into an
/// empty database. Encore runs here as its own process through `dotnet run` (no build: test.sh has built it), as an
/// operator and as the README's first command would start it.
/// </summary>
public sealed class ProductionRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("encore-run-").FullName;

    public void Dispose() { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Encore.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Encore.slnx not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>What the started Encore wrote to its console (standard output and error).</summary>
    private readonly System.Text.StringBuilder output = new();

    private string Output() { lock (output) return output.ToString(); }

    /// <summary>`dotnet run` on an empty SQLite file, with the given environment (null: none named), until /health answers.</summary>
    private async Task<(Process Process, HttpClient Client)> DotnetRunAsync(string? environment)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet",
            ["run", "--no-build", "-c", Configuration, "--project", Path.Combine(Repository(), "src", "Encore.Web"), "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ENCORE_DEMO", "ENCORE_DB", "DOTNET_LAUNCH_PROFILE" })
            info.Environment.Remove(inherited);
        if (environment is not null) info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ENCORE_DB"] = Path.Combine(folder, "encore.db");
        info.Environment["ENCORE_DATA_DIR"] = folder;
        info.Environment["ENCORE_ADMIN_PASSWORD"] = EncoreFactory.AdminPassword;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (output) output.AppendLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (output) output.AppendLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var started = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"Encore exited while starting (exit code {(process.HasExited ? process.ExitCode : 0)})");
            try { if ((await client.GetAsync("/health")).IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            // A bound on liveness, not a speed goal: a first start with the demo seeds 30 nights on a loaded machine.
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(180), "Encore did not become healthy within 180 s");
            await Task.Delay(100);
        }
        return (process, client);
    }

    private static void Stop(Process process)
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        process.WaitForExit();
        process.Dispose();
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, string badge, string password) =>
        (await client.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password })).StatusCode;

    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
    public async Task Dotnet_run_with_the_operators_Production_environment_seeds_no_demo_venue()
    {
        var (process, client) = await DotnetRunAsync("Production");
        try
        {
            // No demo staff with the published password: the empty database got only the operator's admin.
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, "gm01", "encore123"));
            Assert.Equal(HttpStatusCode.OK, await LoginAsync(client, "admin", EncoreFactory.AdminPassword));
        }
        finally { Stop(process); client.Dispose(); }
    }

    [Fact, Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
    public async Task The_readmes_dotnet_run_still_runs_the_demo_venue()
    {
        var (process, client) = await DotnetRunAsync(environment: null);
        try
        {
            Assert.Equal(HttpStatusCode.OK, await LoginAsync(client, "gm01", "encore123"));
            // A newcomer's first start (issue 13): no framework warning about an "XML encryptor" they cannot act on;
            // the welcome says where the sign-in keys are and how to encrypt them, and only Encore's user reads them.
            var keys = Path.Combine(folder, "keys");
            for (var i = 0; i < 100 && !Output().Contains("Sign-in keys:", StringComparison.Ordinal); i++) await Task.Delay(100);
            var console = Output();
            Assert.Contains($"Sign-in keys: {keys} (owner-only, not encrypted; set ENCORE_KEYCERT", console);
            Assert.DoesNotContain("XML encryptor", console);
            Assert.True(OperatingSystem.IsLinux(), "Encore's tests run on Linux");
            if (OperatingSystem.IsLinux())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
        finally { Stop(process); client.Dispose(); }
    }

    [Fact]
    public void An_operator_named_environment_always_wins_over_the_launch_profile()
    {
        string? Env(Dictionary<string, string> vars, string[] args) => LaunchEnvironment.Resolve(args, name => vars.GetValueOrDefault(name));
        Assert.Equal("Development", Env(new() { ["DOTNET_LAUNCH_PROFILE"] = "Encore" }, []));
        Assert.Null(Env(new() { ["DOTNET_LAUNCH_PROFILE"] = "Encore", ["ASPNETCORE_ENVIRONMENT"] = "Production" }, []));
        Assert.Null(Env(new() { ["DOTNET_LAUNCH_PROFILE"] = "Encore", ["DOTNET_ENVIRONMENT"] = "Staging" }, []));
        Assert.Null(Env(new() { ["DOTNET_LAUNCH_PROFILE"] = "Encore" }, ["--environment", "Production"]));
        // A published build (`dotnet Encore.Web.dll`) has no launch profile: Production, the host's default.
        Assert.Null(Env(new(), []));
    }

    /// <summary>Encore as deployed: Production, Data Protection keys encrypted with the operator's certificate.</summary>
    private sealed class ProductionFactory(string certificate) : EncoreFactory
    {
        // Its own database: the keys it finds must be the ones it made under the certificate, not a template's.
        protected override bool FromDemoTemplate => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Encore:KeyCert", certificate);
            builder.UseSetting("Encore:KeyCertPassword", "cert-pass");
        }
    }

    [Fact]
    public async Task In_production_the_keys_are_encrypted_at_rest_and_HTTPS_answers_carry_HSTS()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Encore keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(folder, "keys.pfx");
        await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "cert-pass"));

        await using var app = new ProductionFactory(pfx);
        // A sign-in makes Data Protection create its first key.
        var signedIn = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/auth/me")).StatusCode);

        // SQLite: the keys directory; PostgreSQL: the database, shared by every instance (issue 21).
        var keys = app.IsPostgres
            ? await app.WithAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync())
            : [.. await Task.WhenAll(Directory.GetFiles(Path.Combine(app.Database.Directory, "keys"), "*.xml").Select(f => File.ReadAllTextAsync(f)))];
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("Warning: the key below is in an unencrypted form", xml);
        }

        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://encore.example") });
        var health = await https.GetAsync("/health");
        Assert.True(health.Headers.Contains("Strict-Transport-Security"), "HTTPS answers carry HSTS in production");
    }
}
