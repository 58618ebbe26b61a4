using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Encore.Browser.Tests;

/// <summary>
/// Encore on a real Kestrel port with the demo venue, and Debian's Chromium driven by Playwright.
/// Screenshots go to docs/screenshots so the README shows what staff see.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// Encore on the simulated clock standing at 21:00 on 2026-11-20 (a Friday night in full swing). Every browser
    /// test sees the same night whatever the hour it runs at: on the real clock, the demo night (leave, suspensions)
    /// depended on the hour of seeding, and from 02:00 to 06:00 Shanghai time no arrival of "tonight" was before
    /// closing, so the booking tests failed in CI at those hours.
    /// </summary>
    public class Server : EncoreFactory
    {
        // The port is chosen through the host's "urls" setting, not UseKestrel(0): WebApplicationFactory applies a
        // port by editing the server's addresses after the host is built, while Program's own thread goes on to
        // app.Run(). On a loaded machine Kestrel started first and the edit threw ("Addresses cannot be modified
        // after the server has started"), failing a whole class in CI. A setting is read before Kestrel binds.
        public Server() => UseKestrel();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        }
        protected override bool SimulatedClock => true;
        // Every class's server starts on a copy of the demo seeded at this instant (once per run: EncoreFactory.NewDatabase).
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T21:00:00+08:00");
    }

    /// <summary>A server of its own for the tests that move its clock past a deadline (the others' night stays at 21:00).</summary>
    public sealed class TrainingServer : Server;

    public BrowserFixture() : this(new Server()) { }

    protected BrowserFixture(Server app) => App = app;

    public Server App { get; }
    public string BaseUrl { get; private set; } = "";

    public static readonly string ScreenshotDir = Path.Combine(RepoRoot(), "docs", "screenshots");

    public async Task InitializeAsync()
    {
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        browser = await SharedBrowser.Value;
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task DisposeAsync()
    {
        await CloseContextsAsync();
        await App.DisposeAsync();
    }

    /// <summary>
    /// One Chromium (and one Playwright driver) for the whole run, shared by the classes that run side by side: each
    /// class launched its own before, some 30 launches of about 2 s of processor time each on a stage that keeps both
    /// cores busy. Classes stay apart by their contexts (<see cref="NewContextAsync"/>), which each class closes; the
    /// browser goes with the test process (the driver closes it when its pipe does, and <see cref="CloseShared"/> asks first).
    /// </summary>
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(async () =>
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var launched = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseShared(playwright, launched);
        return launched;
    });

    private static void CloseShared(IPlaywright playwright, IBrowser launched)
    {
        // WaitAny, not Wait: a close that fails as the process exits must not turn a passed run into a crashed one (the
        // driver closes the browser anyway when its pipe does).
        Task.WaitAny([launched.CloseAsync()], TimeSpan.FromSeconds(5));
        playwright.Dispose();
    }

    private IBrowser browser = null!;
    private readonly List<IBrowserContext> contexts = [];

    /// <summary>A new context (a phone or a desk of its own) of this class's; <see cref="CloseContextsAsync"/> closes it.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        lock (contexts) contexts.Add(context);
        context.Close += (_, closed) => { lock (contexts) contexts.Remove(closed); };
        return context;
    }

    /// <summary>Closes the contexts this class opened and has not closed (the other classes' stay open).</summary>
    public async Task CloseContextsAsync()
    {
        IBrowserContext[] open;
        lock (contexts) open = [.. contexts];
        foreach (var context in open) await context.CloseAsync();
    }

    public static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    public static readonly BrowserNewContextOptions Desk = new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } };

    public async Task<IPage> SignedInPage(string badge, BrowserNewContextOptions options)
    {
        // A badge signs in through the login form once per server; later pages start from that sign-in's cookies
        // (Playwright's storage state), as a phone that stays signed in does. Each test's context is still its own.
        // A session that has ended meanwhile (signed out, disabled, password reset) lands on /login and signs in again.
        if (sessions.TryGetValue(badge, out var state))
        {
            var resumed = await NewContextAsync(new BrowserNewContextOptions(options) { StorageState = state });
            var page = await resumed.NewPageAsync();
            await page.GotoAsync(BaseUrl + "/");
            if (new Uri(page.Url).AbsolutePath == "/") return page;
            await resumed.CloseAsync();
        }
        var context = await NewContextAsync(options);
        var signedIn = await context.NewPageAsync();
        await signedIn.GotoAsync(BaseUrl + "/login");
        // Once a test has opened a second venue the form asks for the venue's code: the demo's is "main".
        if (await signedIn.Locator("#venue").CountAsync() > 0) await signedIn.FillAsync("#venue", Encore.Web.Data.Startup.FirstVenueCode);
        await signedIn.FillAsync("#badge", badge);
        await signedIn.FillAsync("#password", EncoreFactory.PasswordOf(badge));
        await signedIn.ClickAsync("button[type=submit]");
        // The sign-in is done when the redirect to the home page has committed (its cookies are set then). Waiting for
        // the home page's "load" as well once timed out in CI (30 s, "networkidle" seen but never "load"): the URL
        // check below polls the address only, and every caller opens its own page next anyway.
        await Assertions.Expect(signedIn).ToHaveURLAsync(BaseUrl + "/", new() { Timeout = 30_000 });
        sessions[badge] = await context.StorageStateAsync();
        return signedIn;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> sessions = new();

    /// <summary>An API client of the running server (its real port), signed in with a bearer token.</summary>
    public async Task<HttpClient> ApiClient(string badge)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { venue = Encore.Web.Data.Startup.FirstVenueCode, badge, password = EncoreFactory.PasswordOf(badge) });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Collects a page's script errors; refused requests (4xx a test provokes) are logged by Chromium as "Failed to load resource": not script errors.</summary>
    public static void Watch(IPage page, string name, List<string> errors)
    {
        page.PageError += (_, e) => errors.Add($"{name}: {e}");
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add($"{name} console: {m.Text}");
        };
    }

    /// <summary>
    /// Signs in as at the venue (a Chinese browser on Shanghai time), opens a live page and waits until its hub is
    /// connected and its snapshot shown; <paramref name="connectTimeout"/> null keeps the caller's default wait.
    /// </summary>
    public async Task<IPage> LivePage(string badge, BrowserNewContextOptions options, string path, List<string> errors, float? connectTimeout = null)
    {
        var page = await OpenPage(badge, options, path, errors);
        await Assertions.Expect(page.Locator("[data-live-page]")).ToHaveAttributeAsync("data-live", "connected",
            connectTimeout is { } timeout ? new() { Timeout = timeout } : null);
        return page;
    }

    /// <summary>Signs in as at the venue (a Chinese browser on Shanghai time) and opens a page, its script errors watched.</summary>
    public async Task<IPage> OpenPage(string badge, BrowserNewContextOptions options, string path, List<string> errors)
    {
        var page = await SignedInPage(badge, new BrowserNewContextOptions(options) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        Watch(page, $"{badge} {path}", errors);
        await page.GotoAsync(BaseUrl + path);
        return page;
    }

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The venue's time now, on the server's clock.</summary>
    public DateTimeOffset VenueNow() =>
        TimeZoneInfo.ConvertTime(App.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Shanghai);

    /// <summary>Tonight's business day on the server's clock (the default 06:00 cut-off).</summary>
    public DateOnly TonightBusinessDay()
    {
        var now = VenueNow();
        var day = DateOnly.FromDateTime(now.DateTime);
        return now.Hour < 6 ? day.AddDays(-1) : day;
    }

    /// <summary>An arrival "HH:mm" <paramref name="hours"/> ahead on the server's clock (21:00 + 2 h is well before the 02:00 closing).</summary>
    public string ArrivalIn(double hours = 2) =>
        VenueNow().AddHours(hours).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Encore.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Encore.slnx not found above the test binaries.");
    }
}

/// <summary>A <see cref="BrowserFixture"/> on the simulated clock (<see cref="BrowserFixture.TrainingServer"/>).</summary>
public sealed class TrainingBrowserFixture() : BrowserFixture(new TrainingServer());
