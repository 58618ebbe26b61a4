using System.Net.Http.Headers;
using System.Net.Http.Json;
using Encore.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Encore.Web.Tests;

/// <summary>
/// Encore over real HTTP on a real database of its own: a SQLite file in a temporary folder, or, when
/// ENCORE_TEST_POSTGRES names a server, a fresh PostgreSQL database on it (dropped afterwards).
/// The demo venue is seeded, so the demo staff can sign in.
/// </summary>
public class EncoreFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin-pass-2026";
    public const int TestHashIterations = 1_000;

    private TestDatabase? database;
    public TestDatabase Database => database ??= NewDatabase();
    public bool IsPostgres => Database.IsPostgres;

    protected virtual bool SimulatedClock => false;
    protected virtual bool Demo => true;
    protected virtual DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T18:00:00+08:00");

    /// <summary>
    /// Every error the server logged (unhandled request exceptions, failed sweeps, …), in order. A test deriving from
    /// <see cref="ServerTest"/> fails when one was logged while it ran, so a 500 or a crashed background pass can
    /// never pass unnoticed behind a retry or an "eventually".
    /// </summary>
    public ServerErrorLog ServerErrors { get; } = new();

    /// <summary>
    /// The factory's own database: a copy of the demo seeded once per test run at <see cref="ClockStart"/> on the simulated
    /// clock, or on the wall clock (a class starting minutes later finds it as a server running since then would: its
    /// sweepers catch up at start); an empty one when <see cref="FromDemoTemplate"/> is false.
    /// </summary>
    protected virtual TestDatabase NewDatabase() => FromDemoTemplate ? DemoTemplate.CopyFor(SimulatedClock ? ClockStart : null) : new();

    /// <summary>
    /// Whether this venue starts as a copy of the demo template. A derived factory whose settings change what the start-up
    /// writes (no demo, another environment, its database elsewhere) says false and seeds its own: a two-venue seed costs
    /// some 4–7 s, so a factory that only watches or throttles something shares the template.
    /// </summary>
    protected virtual bool FromDemoTemplate => Demo;

    /// <summary>False only for the builder of a shared template, whose database outlives it.</summary>
    protected virtual bool OwnsDatabase => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(ServerErrors));
        builder.UseSetting("Encore:Db", Database.ConnectionString);
        builder.UseSetting("Encore:DataDir", Database.Directory);
        builder.UseSetting("Encore:Demo", Demo ? "1" : "0");
        builder.UseSetting("Encore:AdminPassword", AdminPassword);
        // Passwords are hashed and checked with PBKDF2 as in production, at 1,000 iterations instead of Identity's
        // 100,000: the suites sign in some 1,500 times each, and the cost parameter is not what they test. Hashes keep
        // their own count, so the demo template and every class's host must agree (both start here).
        builder.ConfigureTestServices(services => services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = TestHashIterations));
        if (SimulatedClock)
        {
            builder.UseSetting("Encore:Clock", "simulated");
            builder.UseSetting("Encore:ClockStart", ClockStart.ToString("O"));
        }
    }

    public T With<T>(Func<EncoreDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<EncoreDb>());
    }

    public async Task<T> WithAsync<T>(Func<EncoreDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EncoreDb>());
    }

    public async Task WithAsync(Func<EncoreDb, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<EncoreDb>());
    }

    /// <summary>
    /// A client signed in with a bearer token, speaking the given language; <paramref name="venue"/> is the code of the
    /// venue whose badge it is (the demo venue "main" unless said: a test that opens a second venue needs the code).
    /// </summary>
    public async Task<HttpClient> ClientFor(string badge, string? password = null, string language = "zh-CN", string venue = Startup.FirstVenueCode)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { venue, badge, password = password ?? PasswordOf(badge) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<LoginAnswer>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client that sends the given bearer token (one the test holds, changed or not).</summary>
    public HttpClient Bearer(string token, string language = "zh-CN")
    {
        var client = Anonymous(language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous(string language = "zh-CN")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public static string PasswordOf(string badge) => badge == Startup.AdminBadge ? AdminPassword : Encore.Web.Staff.StaffDemo.Password;

    public sealed record LoginAnswer(string Token);

    /// <summary>
    /// Waits until every clocked sweeper (holds, cleaning, discipline, return visits) has completed a pass that began
    /// at or after the clock's current instant: whatever was due by now has been applied. Assert that something did
    /// <em>not</em> happen only after this.
    /// </summary>
    public async Task SweptThroughNowAsync()
    {
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await Services.GetRequiredService<Encore.Web.Platform.SweepProgress>().WaitThroughAsync(now).WaitAsync(TimeSpan.FromSeconds(90));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsDatabase) database?.Dispose();
    }
}

/// <summary>Encore in training mode: the simulated clock, starting at 18:00 on 2026-11-20 (Shanghai).</summary>
public class SimulatedClockFactory : EncoreFactory
{
    protected override bool SimulatedClock => true;
}

/// <summary>
/// The demo venue as Encore's own start-up seeds it, built once per clock start (or once on the wall clock) in a test run
/// by starting Encore on a database of its own with no background work, then copied for each factory that asks.
/// Background work is left out so that nothing but start-up writes the template; each copy's own Encore runs it.
/// </summary>
public static class DemoTemplate
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<DateTimeOffset, Lazy<TestDatabase>> Templates = new();

    /// <summary>A copy of the demo seeded at <paramref name="clockStart"/> on the simulated clock, or on the wall clock when null.</summary>
    public static TestDatabase CopyFor(DateTimeOffset? clockStart) =>
        Templates.GetOrAdd(clockStart ?? DateTimeOffset.MinValue, _ => new Lazy<TestDatabase>(() => Build(clockStart))).Value.Copy();

    private static TestDatabase Build(DateTimeOffset? clockStart)
    {
        var template = new TestDatabase();
        using (var builder = new Builder(template, clockStart))
            _ = builder.Services; // starts Encore: migrations, defaults, the demo seed
        template.Quiesce();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
        return template;
    }

    private sealed class Builder(TestDatabase template, DateTimeOffset? clockStart) : EncoreFactory
    {
        protected override bool SimulatedClock => clockStart is not null;
        protected override DateTimeOffset ClockStart => clockStart ?? base.ClockStart;
        protected override TestDatabase NewDatabase() => template;
        protected override bool OwnsDatabase => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>());
        }
    }
}
