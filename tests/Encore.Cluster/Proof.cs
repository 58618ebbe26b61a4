using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Bench;

namespace Encore.Cluster;

/// <summary>
/// Issue 21's checks on a running cluster, each printing what it measured. A failed check is reported and the others
/// still run (unless the cluster itself is gone); <see cref="Failures"/> decides the exit code.
/// </summary>
public sealed class Proof(Cluster cluster, DateTimeOffset clockStart, CancellationToken ct)
{
    public static readonly TimeSpan VenueOffset = TimeSpan.FromHours(8); // the demo venue's zone, Asia/Shanghai
    // Staff of the demo venue (password encore123); every one of them hears roomChanged.
    private static readonly string[] Watchers = ["fm01", "dh01", "dh02", "h01", "h03", "c01", "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08"];
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(10);

    public List<string> Failures { get; } = [];
    private readonly Dictionary<string, string> tokens = [];
    private int guests;

    private Instance A => cluster.Instances[0];
    private Instance B => cluster.Instances[1];
    private Instance C => cluster.Instances[2];
    private HttpClient Front => cluster.FrontHttp;

    public async Task RunAsync()
    {
        foreach (var badge in Watchers.Append("gm01").Append("h02"))
            tokens[badge] = await Api.LoginAsync(Front, badge, ct);
        await CheckAsync("a token and a cookie from A work on C", TokenFromAWorksOnCAsync);
        await CheckAsync("a change through A reaches screens on A, B and C", DeliveryAcrossInstancesAsync);
        await CheckAsync("32 simultaneous assigns of one room over three instances", OneAssignWinsAsync);
        await CheckAsync("five wrong passwords over three instances", WrongPasswordsAddUpAsync);
        await CheckAsync("an account disabled on A is refused on B and C", DisabledEverywhereAsync);
        await CheckAsync("the monthly report reads from the streaming replica", ReplicaServesReportsAsync);
        await CheckAsync("B killed (SIGKILL) during a stream of bookings through nginx", KillDuringBookingsAsync);
        await CheckAsync("the sweepers' holder killed: a survivor lapses due holds once", SweeperTakeoverAsync);
    }

    private async Task CheckAsync(string name, Func<Task<string>> check)
    {
        Console.WriteLine($"\n--- {name}");
        var watch = Stopwatch.StartNew();
        try
        {
            Console.WriteLine(await check());
            Console.WriteLine($"PASS ({watch.Elapsed.TotalSeconds:F1} s)");
        }
        catch (Exception e) when (e is ClusterException or HttpRequestException or Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Failures.Add(name);
            Console.WriteLine($"FAIL: {e.Message}");
        }
    }

    private static void Require(bool holds, string what)
    {
        if (!holds) throw new ClusterException(what);
    }


    /// <summary>
    /// Tonight 23:00 (the venue's time), held until 23:20: the arrival of every booking but the sweeper check's, whose
    /// holds alone fall due when that check moves the clock to 21:01.
    /// </summary>
    private DateTimeOffset Late => clockStart.AddHours(5);
    /// <summary>Tonight 19:00, held until 21:00.</summary>
    private DateTimeOffset Early => clockStart.AddHours(1);

    /// <summary>A new booking through <paramref name="http"/>; its id.</summary>
    private async Task<string> BookAsync(HttpClient http, DateTimeOffset? arrival = null)
    {
        var n = Interlocked.Increment(ref guests);
        var body = await Api.OkAsync(http, HttpMethod.Post, "/api/bookings", tokens["m01"], Api.Booking(n, arrival ?? Late), ct);
        return body.Str("id")!;
    }

    private async Task<List<string>> FreeRoomsAsync() =>
        [.. (await Api.OkAsync(Front, HttpMethod.Get, "/api/rooms", tokens["h02"], null, ct)).EnumerateArray()
            .Where(r => r.Str("state") == "free").Select(r => r.Str("number")!)];

    private async Task<string> TokenFromAWorksOnCAsync()
    {
        var token = await Api.LoginAsync(A.Http, "m02", ct);
        var me = await Api.OkAsync(C.Http, HttpMethod.Get, "/api/auth/me", token, null, ct);
        Require(me.Str("badge") == "m02", $"C answered /api/auth/me for {me.Str("badge")}");
        // The cookie a browser got from A (the keys that sign it are in the database, shared).
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = A.Address };
        using (var login = await browser.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m03", password = Api.DemoPassword }, ct))
            Require(login.IsSuccessStatusCode, $"login on A: {(int)login.StatusCode}");
        var cookie = cookies.GetCookies(A.Address)["encore.auth"] ?? throw new ClusterException("A set no encore.auth cookie");
        using var onC = new HttpRequestMessage(HttpMethod.Get, new Uri(C.Address, "/api/auth/me"));
        onC.Headers.Add("Cookie", $"encore.auth={cookie.Value}");
        using var plain = new HttpClient();
        using var answer = await plain.SendAsync(onC, ct);
        Require(answer.StatusCode == HttpStatusCode.OK, $"C answered {(int)answer.StatusCode} to A's cookie");
        return "A's bearer token: 200 on C as m02; A's cookie: 200 on C as m03";
    }

    /// <summary>The action through A, timed from the request to each screen's roomChanged, per instance the screen is on.</summary>
    private async Task<string> DeliveryAcrossInstancesAsync()
    {
        const int perInstance = 20, actions = 5;
        var targets = cluster.Instances.SelectMany(i => Enumerable.Repeat(i.Address, perInstance)).ToList();
        await using var screens = await Screens.ConnectAsync(targets, [.. Watchers.Select(w => tokens[w])], ct);
        var result = await FanOut.MeasureAsync(screens, A.Http, tokens["h02"], actions, () => BookAsync(A.Http), await FreeRoomsAsync(), DeliveryLimit, ct);
        var lines = new List<string>();
        var missing = 0;
        foreach (var instance in cluster.Instances)
        {
            var mine = result.ByClient.Where((_, i) => targets[i] == instance.Address).SelectMany(d => d).ToList();
            var heard = mine.Where(d => !double.IsNaN(d)).ToList();
            missing += mine.Count - heard.Count;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  screens on {instance.Name}: {perInstance} × {2 * actions} actions = {mine.Count} deliveries, {mine.Count - heard.Count} missing, p50 {Percentiles.Of(heard, 50):F1} ms, p99 {Percentiles.Of(heard, 99):F1} ms, max {(heard.Count > 0 ? heard.Max() : double.NaN):F1} ms"));
        }
        Require(missing == 0, $"{missing} deliveries missing after {DeliveryLimit.TotalSeconds:F0} s:\n{string.Join('\n', lines)}");
        return $"assign then cancel through A, {actions} times, heard by {targets.Count} screens (from the request sent to the screen's roomChanged):\n{string.Join('\n', lines)}";
    }

    private async Task<string> OneAssignWinsAsync()
    {
        const int contenders = 32;
        var bookings = new List<string>();
        for (var i = 0; i < contenders; i++) bookings.Add(await BookAsync(Front));
        var room = (await FreeRoomsAsync()).First();
        var host = tokens["h02"];
        // All 32 wait on one signal, then go at once (an async wait: no thread of the pool is blocked meanwhile).
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = bookings.Select(async (id, i) =>
        {
            var instance = cluster.Instances[i % cluster.Instances.Count];
            await start.Task;
            return (Instance: instance.Name, Id: id, Answer: await Api.SendAsync(instance.Http, HttpMethod.Post, $"/api/bookings/{id}/assign", host, new { roomNumber = room }, ct));
        }).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(racing);
        var won = answers.Where(a => a.Answer.Status == HttpStatusCode.OK).ToList();
        var refused = answers.Count(a => a.Answer.Status == HttpStatusCode.Conflict);
        var other = answers.Where(a => a.Answer.Status is not (HttpStatusCode.OK or HttpStatusCode.Conflict)).Select(a => (int)a.Answer.Status).ToList();
        await using var db = await cluster.PrimaryAsync(ct);
        var inRoom = await Cluster.ScalarAsync<long>(db,
            "SELECT count(*) FROM bookings b JOIN rooms r ON r.\"Id\" = b.\"RoomId\" WHERE r.\"Number\" = $1 AND b.\"Id\" = ANY($2)", ct,
            room, bookings.Select(Guid.Parse).ToArray());
        Require(won.Count == 1 && refused == contenders - 1 && other.Count == 0 && inRoom == 1,
            $"{won.Count} won, {refused} got 409, others {string.Join(",", other)}; {inRoom} bookings hold room {room} in the database");
        var perInstance = string.Join(", ", answers.GroupBy(a => a.Instance).Select(g => $"{g.Key} {g.Count()}"));
        return $"room {room}: 1 × 200 (through {won[0].Instance}), {refused} × 409; assigns sent per instance: {perInstance}; the database has exactly 1 booking in the room";
    }

    private async Task<string> WrongPasswordsAddUpAsync()
    {
        const string badge = "m09";
        var order = new[] { A, B, C, A, B };
        var answers = new List<string>();
        foreach (var instance in order)
        {
            var answer = await Api.SendAsync(instance.Http, HttpMethod.Post, "/api/auth/login", null, new { venue = "main", badge, password = "wrong-password-1" }, ct);
            answers.Add($"{instance.Name} {(int)answer.Status}");
        }
        var right = await Api.SendAsync(C.Http, HttpMethod.Post, "/api/auth/login", null, new { venue = "main", badge, password = Api.DemoPassword }, ct);
        answers.Add($"right password on C {(int)right.Status}");
        // Three failures (the threshold) anywhere start the delay everywhere: alone, each instance would have counted one or two.
        Require(answers[0] == "A 401" && answers[1] == "B 401" && answers[2] == "C 401" && answers[3] == "A 429" && answers[4] == "B 429"
                && right.Status == HttpStatusCode.TooManyRequests, "answers: " + string.Join(", ", answers));
        // The floor manager lifts it (on another instance) and the right password works at once.
        await Api.OkAsync(B.Http, HttpMethod.Post, $"/api/staff/{badge}/unlock", tokens["fm01"], null, ct);
        var after = await Api.SendAsync(A.Http, HttpMethod.Post, "/api/auth/login", null, new { venue = "main", badge, password = Api.DemoPassword }, ct);
        Require(after.Status == HttpStatusCode.OK, $"after the unlock on B, login on A answered {(int)after.Status}");
        return $"wrong passwords: {string.Join(", ", answers)}; unlocked on B, then 200 on A";
    }

    private async Task<string> DisabledEverywhereAsync()
    {
        const string badge = "m10";
        var token = await Api.LoginAsync(C.Http, badge, ct);
        // Each instance has the account's status cached (30 s) before it is disabled.
        foreach (var instance in cluster.Instances) await Api.OkAsync(instance.Http, HttpMethod.Get, "/api/auth/me", token, null, ct);
        var watch = Stopwatch.StartNew();
        await Api.OkAsync(A.Http, HttpMethod.Post, $"/api/staff/{badge}/disable", tokens["gm01"], null, ct);
        var refusedAfter = new Dictionary<string, double>();
        while (refusedAfter.Count < 2 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            foreach (var instance in new[] { B, C }.Where(i => !refusedAfter.ContainsKey(i.Name)))
                if ((await Api.SendAsync(instance.Http, HttpMethod.Get, "/api/auth/me", token, null, ct)).Status == HttpStatusCode.Unauthorized)
                    refusedAfter[instance.Name] = watch.Elapsed.TotalMilliseconds;
            await Task.Delay(10, ct);
        }
        await Api.OkAsync(A.Http, HttpMethod.Post, $"/api/staff/{badge}/enable", tokens["gm01"], null, ct);
        Require(refusedAfter.Count == 2 && refusedAfter.Values.All(ms => ms <= 1000),
            $"refused after: {string.Join(", ", refusedAfter.Select(r => $"{r.Key} {r.Value:F0} ms"))} (goal 1 s, both)");
        return string.Create(CultureInfo.InvariantCulture,
            $"disabled through A (the request included); m10's token refused on {string.Join(", ", refusedAfter.Select(r => $"{r.Key} after {r.Value:F0} ms"))}; enabled again");
    }

    private async Task<string> ReplicaServesReportsAsync()
    {
        await using var primary = await cluster.PrimaryAsync(ct);
        var streaming = await Cluster.ScalarAsync<long>(primary, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'", ct);
        Require(streaming == 1, $"{streaming} streaming replicas on the primary");
        var report = await Api.OkAsync(Front, HttpMethod.Get, "/api/reports/monthly", tokens["gm01"], null, ct);
        await using var replica = await cluster.ReplicaAsync(ct);
        var inRecovery = await Cluster.ScalarAsync<bool>(replica, "SELECT pg_is_in_recovery()", ct);
        var readers = await Cluster.ScalarAsync<long>(replica, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'encore-read %'", ct);
        var onPrimary = await Cluster.ScalarAsync<long>(primary, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'encore-read %'", ct);
        Require(inRecovery && readers >= 1 && onPrimary == 0, $"replica in recovery {inRecovery}; report connections on the replica {readers}, on the primary {onPrimary}");
        var lag = await Cluster.ScalarAsync<double>(primary,
            "SELECT COALESCE(EXTRACT(EPOCH FROM max(replay_lag)) * 1000, 0)::float8 FROM pg_stat_replication", ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"1 streaming replica (pg_basebackup -R); GET /api/reports/monthly through nginx → 200 ({report.Str("month")}), read over {readers} connection(s) named encore-read on the replica, none on the primary; replay lag {lag:F1} ms");
    }

    private async Task<string> KillDuringBookingsAsync()
    {
        const int screensCount = 30, writers = 6;
        await using var screens = await Screens.ConnectAsync(Enumerable.Repeat(cluster.Front, screensCount).ToList(), [.. Watchers.Select(w => tokens[w])], ct);
        var created = new ConcurrentBag<string>();
        var failed = new ConcurrentBag<(int Guest, string What)>();
        var stop = Stopwatch.StartNew();
        var killedAt = TimeSpan.Zero;
        var stream = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var booker = $"m0{w + 1}";
            while (stop.Elapsed < TimeSpan.FromSeconds(6))
            {
                var n = Interlocked.Increment(ref guests);
                try
                {
                    var answer = await Api.SendAsync(Front, HttpMethod.Post, "/api/bookings", tokens[booker], Api.Booking(n, Late), ct);
                    if (answer.Status == HttpStatusCode.Created) created.Add(answer.Body.Str("id")!);
                    else failed.Add((n, ((int)answer.Status).ToString(CultureInfo.InvariantCulture)));
                }
                catch (HttpRequestException e)
                {
                    failed.Add((n, e.Message));
                }
            }
        }, ct)).ToList();
        await Task.Delay(2000, ct);
        B.Process!.KillHard();
        killedAt = stop.Elapsed;
        await Task.WhenAll(stream);

        // Every booking answered 201 is in the database; of those whose answer was lost, how many committed anyway.
        await using var db = await cluster.PrimaryAsync(ct);
        var ids = created.Select(Guid.Parse).ToArray();
        var stored = await Cluster.ScalarAsync<long>(db, "SELECT count(*) FROM bookings WHERE \"Id\" = ANY($1)", ct, ids);
        var lostPhones = failed.Select(f => Api.GuestPhone(f.Guest)).ToArray();
        var committedAnyway = lostPhones.Length == 0 ? 0
            : await Cluster.ScalarAsync<long>(db, "SELECT count(*) FROM bookings WHERE \"CustomerPhone\" = ANY($1)", ct, (object)lostPhones);
        Require(stored == ids.Length, $"{ids.Length} bookings answered 201, {stored} of them in the database");

        // The screens on B come back through nginx (to A or C) and hear the next change.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var (dropped, back) = screens.Drops();
            if (dropped > 0 && back == dropped && screens.Connected == screensCount) break;
            await Task.Delay(100, ct);
        }
        var (droppedScreens, backScreens) = screens.Drops();
        var reconnectSeconds = watch.Elapsed.TotalSeconds;
        Require(droppedScreens > 0 && backScreens == droppedScreens,
            $"{droppedScreens} of {screensCount} screens lost their connection, {backScreens} of them reconnected within 30 s");
        var delivery = await FanOut.MeasureAsync(screens, Front, tokens["h02"], 1, () => BookAsync(Front), await FreeRoomsAsync(), DeliveryLimit, ct);
        var missing = delivery.ByClient.Sum(c => c.Count(double.IsNaN));
        Require(missing == 0, $"{missing} of {screensCount * 2} deliveries missing after the reconnection");

        var errors = string.Join(", ", failed.GroupBy(f => f.What.Length > 60 ? f.What[..60] : f.What).Select(g => $"{g.Count()} × {g.Key}"));
        await B.StartAsync(ct);
        return string.Join('\n',
            string.Create(CultureInfo.InvariantCulture, $"{writers} writers through nginx for 6 s, B killed at {killedAt.TotalSeconds:F1} s: {ids.Length} answered 201, all {stored} in the database; {failed.Count} answered otherwise ({(errors.Length == 0 ? "none" : errors)}), of which {committedAnyway} committed before B died"),
            string.Create(CultureInfo.InvariantCulture, $"  screens through nginx: {droppedScreens} of {screensCount} were on B and lost their connection; all {backScreens} reconnected through nginx ({reconnectSeconds:F1} s after the stream), and every screen heard the next assign and cancel"),
            "  B started again and ready");
    }

    private async Task<string> SweeperTakeoverAsync()
    {
        const int holds = 10;
        await using var db = await cluster.PrimaryAsync(ct);
        var holder = await HolderAsync(db);
        var free = await FreeRoomsAsync();
        var bookings = new List<string>();
        for (var i = 0; i < holds; i++)
        {
            var id = await BookAsync(Front, Early);
            await Api.OkAsync(Front, HttpMethod.Post, $"/api/bookings/{id}/assign", tokens["h02"], new { roomNumber = free[i] }, ct);
            bookings.Add(id);
        }
        var ids = bookings.Select(Guid.Parse).ToArray();
        var holderPid = holder.Process!.Pid;
        holder.Process.KillHard();
        var watch = Stopwatch.StartNew();
        // The training clock past the holds (an arrival at 19:00 is held until 21:00), through nginx to a survivor.
        await Api.OkAsync(Front, HttpMethod.Put, "/api/clock", tokens["gm01"], new { now = Api.Local(clockStart.AddHours(3).AddMinutes(1)) }, ct);
        long lapsed = 0;
        const string countLapsed = "SELECT count(DISTINCT \"BookingId\") FROM booking_events WHERE \"Kind\" = 'lapsed' AND \"BookingId\" = ANY($1)";
        while (watch.Elapsed < TimeSpan.FromSeconds(20) && (lapsed = await Cluster.ScalarAsync<long>(db, countLapsed, ct, ids)) < holds)
            await Task.Delay(50, ct);
        var took = watch.Elapsed.TotalSeconds;
        var newHolder = await HolderAsync(db);
        // Another pass or two of the sweeper must not lapse anything twice.
        await Task.Delay(3000, ct);
        var events = await Cluster.ScalarAsync<long>(db, "SELECT count(*) FROM booking_events WHERE \"Kind\" = 'lapsed' AND \"BookingId\" = ANY($1)", ct, ids);
        Require(lapsed == holds && took <= 10 && events == holds,
            string.Create(CultureInfo.InvariantCulture, $"{lapsed} of {holds} holds lapsed {took:F1} s after the kill (goal 10 s), {events} lapse events"));
        await holder.StartAsync(ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"holder {holder.Name} (pid {holderPid}, found in pg_locks by its connection's name) killed; clock moved to 21:01 through nginx; {newHolder.Name} took the lock and lapsed all {holds} holds {took:F1} s after the kill, {events} lapse events in all (one each); {holder.Name} started again");
    }

    /// <summary>The instance whose connection holds the sweepers' advisory lock (application_name "encore-sweepers machine:pid").</summary>
    private async Task<Instance> HolderAsync(Npgsql.NpgsqlConnection db)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var names = await AdvisoryHoldersAsync(db);
            var holders = cluster.Instances.Where(i => i.Process is { HasExited: false } && names.Contains("encore-sweepers " + i.ConnectionName)).ToList();
            if (names.Count(n => n.StartsWith("encore-sweepers ", StringComparison.Ordinal)) > 1)
                throw new ClusterException($"several connections hold the sweepers' lock: {string.Join(", ", names)}");
            if (holders.Count == 1) return holders[0];
            await Task.Delay(100, ct);
        }
        throw new ClusterException($"no live instance holds the sweepers' lock; advisory locks are held by: {string.Join(", ", await AdvisoryHoldersAsync(db))}; the instances are {string.Join(", ", cluster.Instances.Select(i => i.ConnectionName))}");
    }

    private async Task<List<string>> AdvisoryHoldersAsync(Npgsql.NpgsqlConnection db)
    {
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted", db);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }
}
