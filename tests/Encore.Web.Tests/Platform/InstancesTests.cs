using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Encore.Web.Platform;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Platform;

/// <summary>A private redis-server for one test class (Debian's, installed by test.sh): a free loopback port, nothing saved.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process process;
    public string Address { get; }

    public RedisServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        Address = $"127.0.0.1:{port}";
        process = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (test.sh installs it)");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        process.Dispose();
    }
}

/// <summary>One Encore instance of several on one database and one Redis (ENCORE_REDIS), in training mode.</summary>
public sealed class InstanceFactory(string redis, TestDatabase? shared = null) : SimulatedClockFactory
{
    protected override TestDatabase NewDatabase() => shared ?? base.NewDatabase();
    protected override bool OwnsDatabase => shared is null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Encore:Redis", redis);
    }
}

/// <summary>Two instances, A and B, on one database (a copy of the demo) and one private Redis.</summary>
public sealed class TwoInstances : IDisposable
{
    public RedisServer Redis { get; } = new();
    public InstanceFactory A { get; }
    public InstanceFactory B { get; }

    public TwoInstances()
    {
        A = new InstanceFactory(Redis.Address);
        _ = A.Server; // A migrates and seeds first; B starts on what A left
        B = new InstanceFactory(Redis.Address, A.Database);
        _ = B.Server;
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        Redis.Dispose();
    }
}

/// <summary>
/// Issue 21, several stateless instances on one database: what one instance changes reaches the other through Redis —
/// the live board (the SignalR Redis backplane), a disabled account, a house-rules change, the training clock — a token
/// issued by one is read by the other (on PostgreSQL through the keys in the database), and the background sweepers run
/// on one instance at a time (PostgreSQL's advisory lock; on SQLite a lock file), taken over when the holder stops.
/// </summary>
public sealed class InstancesTests(TwoInstances two) : IClassFixture<TwoInstances>, IDisposable
{
    private readonly int errorsOnA = two.A.ServerErrors.Count, errorsOnB = two.B.ServerErrors.Count;

    /// <summary>As <see cref="ServerTest"/>: an error either instance logged fails the test.</summary>
    public void Dispose()
    {
        var logged = two.A.ServerErrors.Since(errorsOnA).Select(e => "A: " + e).Concat(two.B.ServerErrors.Since(errorsOnB).Select(e => "B: " + e)).ToList();
        if (logged.Count > 0) throw new Xunit.Sdk.XunitException($"The instances logged {logged.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, logged)}");
    }

    private static HttpClient WithToken(EncoreFactory on, string token)
    {
        var client = on.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_from_one_instance_works_on_the_other_and_a_room_assigned_through_A_reaches_a_board_on_B()
    {
        var viaA = await two.A.ClientFor("h02");
        var token = viaA.DefaultRequestHeaders.Authorization!.Parameter!;
        var onB = WithToken(two.B, token);
        Assert.Equal("h02", (await OkAsync(await onB.GetAsync("/api/auth/me"))).Str("badge"));
        if (two.A.IsPostgres)
            Assert.True(await two.A.WithAsync(db => db.DataProtectionKeys.AnyAsync()), "on PostgreSQL the sign-in keys are in the database");

        await using var boardOnB = await BoardListener.StartAsync(two.B, "h01");
        var booking = await OkAsync(await (await two.A.ClientFor("m02")).PostAsJsonAsync("/api/bookings",
            new { customerName = "两台服务器", customerPhone = DeskClient.NewPhone(), arrival = (await viaA.NowAsync()).AddMinutes(30).ToString("O"), partySize = 4 }), HttpStatusCode.Created);
        var room = (await viaA.FreeRoomsAsync())[0];
        await OkAsync(await viaA.AssignAsync(booking, room));
        var heard = await boardOnB.WaitForAsync("roomChanged", r => r.Str("number") == room);
        Assert.Equal("reserved", heard.Str("state"));
        // B's own board (its in-memory projection) shows the room A reserved for the booking.
        var rooms = await OkAsync(await onB.GetAsync("/api/rooms"));
        Assert.Equal("reserved", rooms.EnumerateArray().Single(r => r.Str("number") == room).Str("state"));
    }

    [Fact]
    public async Task An_account_disabled_through_A_is_refused_on_B_within_a_second_and_a_rule_change_applies_on_B_at_once()
    {
        var onB = await two.B.ClientFor("m11");
        await OkAsync(await onB.GetAsync("/api/auth/me")); // B has the account's status cached now
        await OkAsync(await (await two.A.ClientFor("gm01")).PostAsync("/api/staff/m11/disable", null));
        var waited = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await onB.GetAsync("/api/auth/me")).StatusCode) == HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(1))
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        var rulesOnB = await two.B.ClientFor("fm01");
        var before = (await OkAsync(await rulesOnB.GetAsync("/api/house-rules"))).GetProperty("accounts").GetProperty("renewalReminderDays").GetInt32();
        await (await two.A.ClientFor("gm01")).ChangeRulesAsync(new { accounts = new { renewalReminderDays = before + 7 } });
        waited.Restart();
        int after;
        while ((after = (await OkAsync(await rulesOnB.GetAsync("/api/house-rules"))).GetProperty("accounts").GetProperty("renewalReminderDays").GetInt32()) == before
               && waited.Elapsed < TimeSpan.FromSeconds(1))
            await Task.Delay(20);
        Assert.Equal(before + 7, after);
        // The training clock moved through A (ChangeRulesAsync moves it a minute) stands there on B too.
        var gmOnB = await two.B.ClientFor("gm01");
        var clockOnA = await (await two.A.ClientFor("gm01")).NowAsync();
        waited.Restart();
        while (await gmOnB.NowAsync() != clockOnA && waited.Elapsed < TimeSpan.FromSeconds(1)) await Task.Delay(20);
        Assert.Equal(clockOnA, await gmOnB.NowAsync());
    }

    [Fact]
    public async Task Wrong_passwords_spread_over_the_instances_add_up_and_the_floors_unlock_on_one_lifts_the_delay_on_both()
    {
        static async Task<HttpStatusCode> LoginAsync(EncoreFactory on, string password) =>
            (await on.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m12", password })).StatusCode;
        // Three wrong passwords (the house's AccountFailuresBeforeDelay), alternating A, B, A: the third starts a delay.
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(two.A, "wrong-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(two.B, "wrong-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(two.A, "wrong-3"));
        // Both instances now make m12 wait, even with the right password; B lists the delay for the floor manager.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(two.B, EncoreFactory.PasswordOf("m12")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(two.A, EncoreFactory.PasswordOf("m12")));
        Assert.Contains("m12", await (await two.B.ClientFor("fm01")).GetStringAsync("/staff/login-delays"));
        await OkAsync(await (await two.A.ClientFor("fm01")).PostAsync("/api/staff/m12/unlock", null));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(two.B, EncoreFactory.PasswordOf("m12")));
    }

    [Fact]
    public async Task Probing_other_keepers_phones_over_both_instances_adds_up_to_one_limit_and_one_alert()
    {
        var (onA, onB) = (await two.A.ClientFor("m06"), await two.B.ClientFor("m06"));
        // Files of main's m01: m06 is in main, and a phone on a file of hangzhou's is no conflict in main.
        var phones = await two.A.WithAsync(db => (from c in db.Customers join u in db.MainStaff() on c.OwnerId equals u.Id
            where u.UserName == "m01" orderby c.Phone select c.Phone).Take(6).ToListAsync());
        // Five meetings with m01's files, alternately through A and B: each answered naming the owner, as SPEC wants.
        for (var i = 0; i < 5; i++)
            Assert.Contains("m01", (await Problem.Expect(await (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/customers",
                new { name = "两台试探", phone = phones[i] }), HttpStatusCode.Conflict)).Detail());
        // The sixth, through B, which alone has seen two: the counts are shared, so it is the one past the limit.
        var throttled = await Problem.Expect(await onB.PostAsJsonAsync("/api/customers", new { name = "两台试探", phone = phones[5] }), HttpStatusCode.TooManyRequests);
        Assert.EndsWith("customer.phoneProbeThrottled", throttled.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.PostAsJsonAsync("/api/customers", new { name = "两台试探", phone = phones[0] })).StatusCode);
        Assert.Equal(1, await two.A.WithAsync(db => db.AuditEntries.CountAsync(a => a.Action == "security.phoneProbing" && a.ActorBadge == "m06")));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_on_the_other_instance_gets_the_first_answer_and_books_once()
    {
        var onA = await two.A.ClientFor("m03");
        var token = onA.DefaultRequestHeaders.Authorization!.Parameter!;
        var onB = WithToken(two.B, token);
        var phone = DeskClient.NewPhone();
        var body = new { customerName = "重试客", customerPhone = phone, arrival = (await onA.NowAsync()).AddMinutes(40).ToString("O"), partySize = 3 };
        HttpRequestMessage Post() => new(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", "retry-across-instances" } } };
        var first = await OkAsync(await onA.SendAsync(Post()), HttpStatusCode.Created);
        var retry = await OkAsync(await onB.SendAsync(Post()), HttpStatusCode.Created);
        Assert.Equal(first.Id(), retry.Id());
        Assert.Equal(1, await two.A.WithAsync(db => db.Bookings.CountAsync(b => b.CustomerPhone == phone)));
    }

    [Fact]
    public async Task The_sweepers_run_on_one_instance_at_a_time_on_PostgreSQL()
    {
        var leaseA = two.A.Services.GetRequiredService<SweeperLease>();
        var leaseB = two.B.Services.GetRequiredService<SweeperLease>();
        var held = (await leaseA.HeldAsync(CancellationToken.None), await leaseB.HeldAsync(CancellationToken.None));
        // PostgreSQL's advisory lock, or on SQLite the lock on the database's .sweepers file: exactly one.
        Assert.True(held.Item1 ^ held.Item2, $"A {held.Item1}, B {held.Item2}");
    }
}

/// <summary>The sweepers' lock is let go when its holder goes, and the survivor takes the sweepers (a separate pair: it stops one).</summary>
public sealed class SweeperTakeoverTests
{
    [Fact]
    public async Task When_the_holder_stops_the_other_instance_takes_the_sweepers_within_seconds()
    {
        using var redis = new RedisServer();
        // The database outlives both instances: a factory that only makes it (and drops it at the end) holds it.
        using var owner = new InstanceFactory(redis.Address);
        using var a = new InstanceFactory(redis.Address, owner.Database);
        _ = a.Server;
        using var b = new InstanceFactory(redis.Address, owner.Database);
        _ = b.Server;
        var leaseA = a.Services.GetRequiredService<SweeperLease>();
        var leaseB = b.Services.GetRequiredService<SweeperLease>();
        // A started first and holds it; it stops: its connection (its lock file) closes and the lock is free.
        Assert.True(await leaseA.HeldAsync(CancellationToken.None));
        Assert.False(await leaseB.HeldAsync(CancellationToken.None));
        await a.DisposeAsync();
        var waited = Stopwatch.StartNew();
        while (!await leaseB.HeldAsync(CancellationToken.None))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "B did not take the sweepers within 10 s");
            await Task.Delay(100);
        }
    }
}
