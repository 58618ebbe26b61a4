using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Encore.Web.Tests.Reliability;

/// <summary>A clock the test moves by hand: the login throttle's real time, here.</summary>
public sealed class HandClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

/// <summary>The real password hasher, noting every hash it is asked to verify.</summary>
public sealed class CountingHasher(IPasswordHasher<StaffMember> real) : IPasswordHasher<StaffMember>
{
    public ConcurrentQueue<string> Verified { get; } = new();

    public string HashPassword(StaffMember user, string password) => real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(StaffMember user, string hashedPassword, string providedPassword)
    {
        Verified.Enqueue(hashedPassword);
        return real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>
/// Encore with the login throttle on a hand-moved clock, the password hasher observed, a small per-address threshold
/// (5) and, unless told otherwise, one known proxy (10.9.0.1). A test names the connection's address with the
/// X-Test-Peer header (what a socket would give; the test server has none).
/// </summary>
public class LoginProbeFactory : EncoreFactory
{
    public const string Proxy = "10.9.0.1";
    public HandClock Clock { get; } = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));
    protected virtual string? KnownProxies => Proxy;

    public CountingHasher Hasher => Services.GetRequiredService<CountingHasher>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (KnownProxies is { } proxies) builder.UseSetting("Encore:KnownProxies", proxies);
        builder.UseSetting("Encore:Login:AddressFailuresBeforeDelay", "5");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new LoginThrottle(sp.GetRequiredService<IOptions<LoginOptions>>(), Clock));
            services.AddSingleton(sp => new CountingHasher(new PasswordHasher<StaffMember>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())));
            services.AddScoped<IPasswordHasher<StaffMember>>(sp => sp.GetRequiredService<CountingHasher>());
            services.AddTransient<IStartupFilter, PeerAddress>();
        });
    }

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, following) =>
            {
                ctx.Connection.RemoteIpAddress = ctx.Request.Headers.TryGetValue("X-Test-Peer", out var peer) ? IPAddress.Parse(peer!) : IPAddress.Loopback;
                return following(ctx);
            });
            next(app);
        };
    }

    /// <summary>One login attempt from <paramref name="peer"/>, optionally through a proxy that says X-Forwarded-For.</summary>
    public Task<HttpResponseMessage> TryLoginAsync(string badge, string password, string peer, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { venue = "main", badge, password }) };
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return Anonymous().SendAsync(request);
    }
}

/// <summary>
/// Issue 12, item 7: logins cannot enumerate badges (an unknown badge costs the same hashing and gets the same
/// answers, delays included), wrong tries delay instead of locking anyone out, the floor manager lifts a delay, the
/// per-address count follows X-Forwarded-For from a known proxy only, and the GM sees logins, logouts and failures.
/// </summary>
public sealed class LoginProbeTests(LoginProbeFactory app) : ServerTest(app), IClassFixture<LoginProbeFactory>
{
    /// <summary>What an attacker can compare of an answer: status, problem type, title and detail, header names, Retry-After.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        string Prop(string name) => body.TryGetProperty(name, out var v) ? v.ToString() : "-";
        var headers = response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key))
            .Where(h => h is not "Date").Order(StringComparer.OrdinalIgnoreCase);
        return $"{(int)response.StatusCode} {Prop("type")} {Prop("title")} {Prop("detail")} [{string.Join(",", headers)}] retry-after={response.Headers.RetryAfter?.Delta?.TotalSeconds}";
    }

    private async Task<List<string>> ProbeAsync(string badge, string peer)
    {
        var answers = new List<string>();
        var retryAfter = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            var response = await app.TryLoginAsync(badge, $"wrong-{i}", peer);
            answers.Add(await DescribeAsync(response));
            retryAfter = response.Headers.RetryAfter?.Delta ?? retryAfter;
        }
        // Once the delay has run out, one more failure doubles it.
        app.Clock.Advance(retryAfter);
        answers.Add(await DescribeAsync(await app.TryLoginAsync(badge, "wrong-6", peer)));
        answers.Add(await DescribeAsync(await app.TryLoginAsync(badge, "wrong-7", peer)));
        return answers;
    }

    [Fact]
    public async Task An_unknown_badge_gets_exactly_the_answers_of_a_real_badge_with_a_wrong_password()
    {
        var real = await ProbeAsync("m07", "10.1.0.1");
        var unknown = await ProbeAsync("zz0404", "10.1.0.2");

        Assert.Equal(real, unknown);
        // And they are delays, not only refusals: 401 three times, then 429 with Retry-After, doubling.
        Assert.Equal(["401", "401", "401", "429", "429", "429", "401", "429"], real.Select(a => a[..3]));
        Assert.EndsWith("retry-after=1", real[3]);
        Assert.EndsWith("retry-after=2", real[7]);
    }

    /// <summary>The hash verified for an unknown or disabled badge is one of the same make as a real one: same work, no timing to tell.</summary>
    [Fact]
    public async Task An_unknown_badge_costs_a_password_verification_like_a_real_one()
    {
        async Task<List<string>> VerifiedDuring(Func<Task> attempt)
        {
            var before = app.Hasher.Verified.Count;
            await attempt();
            return app.Hasher.Verified.Skip(before).ToList();
        }
        var known = await VerifiedDuring(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync("m08", "wrong-1", "10.2.0.1")).StatusCode));
        var unknown = await VerifiedDuring(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync("zz0808", "wrong-1", "10.2.0.2")).StatusCode));
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m09/disable", null)).StatusCode);
        var disabled = await VerifiedDuring(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync("m09", "encore123", "10.2.0.3")).StatusCode));

        var real = Assert.Single(known);
        // Format marker, PRF, iteration count and salt length (ASP.NET Core Identity's V3 header), and the length.
        static string Make(string hash)
        {
            var bytes = Convert.FromBase64String(hash);
            return $"{bytes[0]}/{BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1))}/{BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5))}/{BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9))}/{bytes.Length}";
        }
        Assert.Equal(Make(real), Make(Assert.Single(unknown)));
        Assert.Equal(Make(real), Make(Assert.Single(disabled)));
        Assert.NotEqual(real, unknown[0]);
    }

    [Fact]
    public async Task Wrong_tries_by_someone_else_delay_the_account_but_never_lock_it_and_the_floor_manager_lifts_the_delay()
    {
        // Someone at another phone tries m05's password five times: m05 waits, and then gets in.
        for (var i = 0; i < 5; i++)
            Assert.NotEqual(HttpStatusCode.OK, (await app.TryLoginAsync("m05", $"guess-{i}", "10.3.0.1")).StatusCode);
        var delayed = await app.TryLoginAsync("m05", "encore123", "10.3.0.2");
        await Problem.Expect(delayed, HttpStatusCode.TooManyRequests);
        var wait = delayed.Headers.RetryAfter?.Delta;
        Assert.True(wait > TimeSpan.Zero, "Retry-After");
        app.Clock.Advance(wait!.Value);
        Assert.Equal(HttpStatusCode.OK, (await app.TryLoginAsync("m05", "encore123", "10.3.0.2")).StatusCode);
        // The success starts the account afresh: one more typo is a plain 401, not a delay.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync("m05", "typo-1", "10.3.0.2")).StatusCode);

        // The same on m06 (from another phone: the first one's address is itself held up now), and the floor
        // manager lets m06 in at once.
        for (var i = 0; i < 5; i++)
            Assert.NotEqual(HttpStatusCode.OK, (await app.TryLoginAsync("m06", $"guess-{i}", "10.3.0.3")).StatusCode);
        await Problem.Expect(await app.TryLoginAsync("m06", "encore123", "10.3.0.2"), HttpStatusCode.TooManyRequests);
        var fm = await app.ClientFor("fm01");
        var page = await fm.GetStringAsync("/staff/login-delays");
        Assert.Contains("data-badge=\"m06\"", page);

        var manager = await app.ClientFor("m01");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/staff/m06/unlock", null)).StatusCode);
        await Problem.Expect(await app.TryLoginAsync("m06", "encore123", "10.3.0.2"), HttpStatusCode.TooManyRequests);

        var unlocked = await fm.PostAsync("/api/staff/m06/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal("m06", (await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("badge").GetString());
        Assert.Equal(HttpStatusCode.OK, (await app.TryLoginAsync("m06", "encore123", "10.3.0.2")).StatusCode);
        Assert.DoesNotContain("data-badge=\"m06\"", await fm.GetStringAsync("/staff/login-delays"));
        await Problem.Expect(await fm.PostAsync("/api/staff/nobody/unlock", null), HttpStatusCode.NotFound);

        var gm = await app.ClientFor("gm01");
        var audit = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=staff.unlock");
        var entry = Assert.Single(audit.EnumerateArray(), e => e.GetProperty("entityId").GetString() == "m06");
        Assert.Equal("fm01", entry.GetProperty("actorBadge").GetString());
        Assert.Contains("\"failures\":3", entry.GetProperty("before").GetString());
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_address_is_throttled_on_its_own()
    {
        // Five failures from one client behind the proxy (five badges, so no account is delayed): that client waits.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync($"zz41{i}", "wrong-1", LoginProbeFactory.Proxy, "203.0.113.5")).StatusCode);
        await Problem.Expect(await app.TryLoginAsync("zz419", "wrong-1", LoginProbeFactory.Proxy, "203.0.113.5"), HttpStatusCode.TooManyRequests);
        // Its neighbour behind the same proxy does not; nor does the client's own claim of another address, which
        // nginx passes on before the address it saw.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync("zz420", "wrong-1", LoginProbeFactory.Proxy, "203.0.113.6")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.TryLoginAsync("m10", "encore123", LoginProbeFactory.Proxy, "203.0.113.6")).StatusCode);
        await Problem.Expect(await app.TryLoginAsync("zz421", "wrong-1", LoginProbeFactory.Proxy, "198.51.100.9, 203.0.113.5"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_peer_that_is_not_a_known_proxy_is_ignored()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync($"zz43{i}", "wrong-1", "10.9.0.2", $"198.51.100.{i}")).StatusCode);
        await Problem.Expect(await app.TryLoginAsync("zz439", "wrong-1", "10.9.0.2", "198.51.100.77"), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_GM_sees_unknown_badge_failures_logins_and_logouts_in_the_audit()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync("zz0505", "wrong-1", "10.5.0.1")).StatusCode);
        var m11 = await app.ClientFor("m11");
        Assert.Equal(HttpStatusCode.NoContent, (await m11.PostAsync("/api/auth/logout", null)).StatusCode);

        var gm = await app.ClientFor("gm01");
        var failures = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=auth.loginFailed");
        var failure = Assert.Single(failures.EnumerateArray(), e => e.GetProperty("entityId").GetString() == "zz0505");
        Assert.Contains("10.5.0.1", failure.GetProperty("after").GetString());
        var m11Rows = await gm.GetFromJsonAsync<JsonElement>("/api/audit?actor=m11&action=auth.");
        Assert.Contains(m11Rows.EnumerateArray(), e => e.GetProperty("action").GetString() == "auth.login");
        Assert.Contains(m11Rows.EnumerateArray(), e => e.GetProperty("action").GetString() == "auth.logout");
        // The audit page shows the unknown badge's failure too.
        Assert.Contains("zz0505", await gm.GetStringAsync("/audit?action=auth.loginFailed"));
    }
}

/// <summary>The default: no proxy named, so nobody's X-Forwarded-For is believed (not even loopback's).</summary>
public sealed class LoginProbeWithoutProxyTests(LoginProbeWithoutProxyTests.Factory app) : ServerTest(app), IClassFixture<LoginProbeWithoutProxyTests.Factory>
{
    public sealed class Factory : LoginProbeFactory
    {
        protected override string? KnownProxies => null;
    }

    [Fact]
    public async Task Without_a_known_proxy_X_Forwarded_For_does_not_dodge_the_per_address_limit()
    {
        foreach (var peer in new[] { LoginProbeFactory.Proxy, "127.0.0.1" })
        {
            for (var i = 0; i < 5; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await app.TryLoginAsync($"zz{peer.Length}{i}", "wrong-1", peer, $"198.51.100.{i}")).StatusCode);
            await Problem.Expect(await app.TryLoginAsync($"zz{peer.Length}9", "wrong-1", peer, "198.51.100.77"), HttpStatusCode.TooManyRequests);
        }
    }
}
