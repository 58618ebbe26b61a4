using System.Collections.Concurrent;

namespace Encore.Web.Customers;

/// <summary>
/// Keeps "is this phone on file, and whose is it?" from becoming a way around phone masking (issue 12). SPEC wants
/// a single phone already on another keeper's file answered by naming the owner (POST /api/customers, PUT, a booking
/// by phone): that answer is an oracle, one guess per request. This one service counts, per person, how often they
/// meet another keeper's file (single answers and import lines alike) and how often they import, in a window of
/// real time; audits every such meeting (kept although the request is refused); past the limit answers 429 without
/// the owner; and when a person crosses the limit it alerts the floor: an audit row "security.phoneProbing" and a
/// live "phoneProbing" event to every floor manager and the GM.
/// <para>The counts live in memory (one app process serves a venue): a restart forgets them, the audit rows stay. With
/// several instances (issue 21, ENCORE_REDIS) they live in Redis instead, each check-and-count one Lua script, so probes
/// spread over the instances add up to one count and the floor is alerted once.
/// Real time (<see cref="TimeProvider.System"/>), never the venue's training clock: moving or freezing that clock
/// must neither lift nor prolong a limit.</para>
/// <para>Who may see every file anyway (<see cref="Capability.ManageAllCustomers"/>: the floor, the GM) learns nothing
/// from the answer: their conflicts are audited but neither counted nor throttled.</para>
/// </summary>
public sealed class PhoneProbeGuard(TimeProvider realTime, StackExchange.Redis.IDatabase? redis = null)
{
    /// <summary>Imports one person may send per <see cref="Window"/>: a keeper imports their list once, not every minute.</summary>
    public const int ImportsPerWindow = 5;

    /// <summary>Meetings with other keepers' files one person may have per <see cref="Window"/> before the answers stop naming owners.</summary>
    public const int ConflictsPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>How many conflicting import lines one audit row lists (the count is always whole).</summary>
    private const int LinesAudited = 100;

    private sealed class Person
    {
        public readonly Queue<DateTimeOffset> Imports = new();
        public readonly Queue<(DateTimeOffset At, int Count)> Conflicts = new();
        public DateTimeOffset AlertedUntil;
    }

    private readonly ConcurrentDictionary<Guid, Person> people = new();

    /// <summary>Counts an import by <paramref name="http"/>'s caller; past the limit, the 429 to answer (with Retry-After).</summary>
    public IResult? RefuseImport(HttpContext http)
    {
        if (redis is not null)
        {
            var wait = SharedImport(http.User.StaffId());
            return wait is { } w ? TooMany(http, w, "customer.importThrottled", ImportsPerWindow, (int)Window.TotalMinutes) : null;
        }
        var person = people.GetOrAdd(http.User.StaffId(), _ => new Person());
        var now = realTime.GetUtcNow();
        lock (person)
        {
            while (person.Imports.TryPeek(out var at) && at <= now - Window) person.Imports.Dequeue();
            if (person.Imports.Count >= ImportsPerWindow)
                return TooMany(http, person.Imports.Peek() + Window - now, "customer.importThrottled", ImportsPerWindow, (int)Window.TotalMinutes);
            person.Imports.Enqueue(now);
            return null;
        }
    }

    /// <summary>
    /// A single phone met another keeper's file: audited (kept despite the refusal) and counted. Within the limit
    /// the answer is the 409 <paramref name="code"/> naming <paramref name="owner"/>, as SPEC wants; past it a 429
    /// that names nobody.
    /// </summary>
    public async Task<IResult> RefuseAsync(HttpContext http, string code, string phone, string owner)
    {
        Writes.KeepDespiteRefusal(http);
        var verdict = Count(http, 1);
        await AuditAsync(http, "customer.phoneConflict", new { route = Route(http), code, phone, owner, throttled = verdict.Throttled });
        if (verdict.Alert) await AlertAsync(http, verdict.InWindow);
        return verdict.Throttled
            ? TooMany(http, verdict.RetryAfter, "customer.phoneProbeThrottled", (int)Math.Ceiling(verdict.RetryAfter.TotalMinutes))
            : Problems.Rule(StatusCodes.Status409Conflict, code, owner);
    }

    /// <summary>
    /// An import's lines whose phones are on other keepers' files (line number → phone): one audit row for the
    /// attempt, counted line by line (the import itself answers without naming them).
    /// </summary>
    public async Task ImportConflictsAsync(HttpContext http, IReadOnlyList<(int Line, string Phone, string Owner)> conflicts)
    {
        var verdict = Count(http, conflicts.Count);
        await AuditAsync(http, "customer.importConflict", new
        {
            route = Route(http), count = conflicts.Count,
            lines = conflicts.Take(LinesAudited).Select(c => new { line = c.Line, phone = c.Phone, owner = c.Owner }),
        });
        if (verdict.Alert) await AlertAsync(http, verdict.InWindow);
    }

    private readonly record struct Verdict(bool Throttled, bool Alert, int InWindow, TimeSpan RetryAfter);

    private Verdict Count(HttpContext http, int conflicts)
    {
        // Those who see every file anyway learn nothing from the answer: nothing to throttle or alert.
        if (http.User.Can(Capability.ManageAllCustomers)) return new(false, false, 0, TimeSpan.Zero);
        if (redis is not null) return SharedCount(http.User.StaffId(), conflicts);
        var person = people.GetOrAdd(http.User.StaffId(), _ => new Person());
        var now = realTime.GetUtcNow();
        lock (person)
        {
            while (person.Conflicts.TryPeek(out var c) && c.At <= now - Window) person.Conflicts.Dequeue();
            person.Conflicts.Enqueue((now, conflicts));
            var inWindow = person.Conflicts.Sum(c => c.Count);
            var throttled = inWindow > ConflictsPerWindow;
            // Alert once per crossing: a prober hammering on is one alert per window, not one per request.
            var alert = throttled && person.AlertedUntil <= now;
            if (alert) person.AlertedUntil = now + Window;
            return new(throttled, alert, inWindow, person.Conflicts.Peek().At + Window - now);
        }
    }

    private static string Route(HttpContext http) => $"{http.Request.Method} {http.Request.Path}";

    private static Task AuditAsync(HttpContext http, string action, object details) =>
        http.RequestServices.GetRequiredService<AuditLog>().WriteAsync(http.User, action, "Staff", http.User.Badge(), null, details);

    private async Task AlertAsync(HttpContext http, int conflicts)
    {
        var minutes = (int)Window.TotalMinutes;
        await AuditAsync(http, "security.phoneProbing", new { badge = http.User.Badge(), conflicts, minutes, route = Route(http) });
        http.RequestServices.GetRequiredService<Board.BoardNotifier>()
            .PhoneProbing(http.User.VenueId(), new PhoneProbingAlert(http.User.Badge(), http.User.DisplayNameOf(), conflicts, minutes, Route(http), realTime.GetUtcNow()));
    }

    private static IResult TooMany(HttpContext http, TimeSpan retryAfter, string code, params object?[] args)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Rule(StatusCodes.Status429TooManyRequests, code, args);
    }

    // The same windows in Redis (several instances): a sorted set per person and kind, scored by the real clock's Unix
    // milliseconds, trimmed to the window and expiring with it; the alert's once-per-window mark a key with that expiry.
    private const string Prefix = "encore:probe:";

    // KEYS[1] the imports; ARGV: now, window ms, limit, a unique member. -1 when admitted, else the ms until a slot frees.
    private const string ImportScript = """
        local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
          local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return math.max(1, tonumber(first[2]) + window - now)
        end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window)
        return -1
        """;

    // KEYS[1] the conflicts (members "count:unique"), KEYS[2] the alert mark; ARGV: now, window ms, limit, count, unique.
    // Returns { throttled, alert, conflicts in the window, ms until the oldest leaves it }.
    private const string ConflictScript = """
        local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. ARGV[5])
        redis.call('PEXPIRE', KEYS[1], window)
        local all = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
        local sum = 0
        for i = 1, #all, 2 do sum = sum + tonumber(string.match(all[i], '^(%d+):')) end
        local throttled, alert = 0, 0
        if sum > tonumber(ARGV[3]) then
          throttled = 1
          if redis.call('SET', KEYS[2], '1', 'NX', 'PX', window) then alert = 1 end
        end
        return { throttled, alert, sum, tonumber(all[2]) + window - now }
        """;

    private long NowMs() => realTime.GetUtcNow().ToUnixTimeMilliseconds();

    private TimeSpan? SharedImport(Guid person)
    {
        var wait = (long)redis!.ScriptEvaluate(ImportScript, [Prefix + "imports:" + person],
            [NowMs(), (long)Window.TotalMilliseconds, ImportsPerWindow, Guid.NewGuid().ToString("N")]);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
    }

    private Verdict SharedCount(Guid person, int conflicts)
    {
        var r = (StackExchange.Redis.RedisResult[])redis!.ScriptEvaluate(ConflictScript,
            [Prefix + "conflicts:" + person, Prefix + "alerted:" + person],
            [NowMs(), (long)Window.TotalMilliseconds, ConflictsPerWindow, conflicts, Guid.NewGuid().ToString("N")])!;
        return new((int)r[0] == 1, (int)r[1] == 1, (int)r[2], TimeSpan.FromMilliseconds((long)r[3]));
    }
}
