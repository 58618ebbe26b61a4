using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Encore.Web.Platform;

public static class EncoreClaims
{
    public const string Venue = "encore:venue";
    public const string DisplayName = "encore:name";

    public static Guid StaffId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static string Badge(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "";

    public static Guid VenueId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Venue), out var id) ? id : Guid.Empty;

    public static string DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Badge();
}

/// <summary>Adds the venue and the display name to the signed-in principal.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffMember> users, RoleManager<StaffRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffMember, StaffRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffMember user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(EncoreClaims.Venue, user.VenueId.ToString()));
        identity.AddClaim(new Claim(EncoreClaims.DisplayName, user.Name));
        return identity;
    }
}

/// <summary>
/// Login throttling settings, <c>Encore:Login:*</c> (not house rules: they protect the system, not the venue's
/// business). Failures delay the next attempt progressively instead of locking anyone out: from the
/// <c>…FailuresBeforeDelay</c>-th failure on, the next attempt waits <see cref="FirstDelaySeconds"/>, doubling with each
/// further failure up to <see cref="MaxDelaySeconds"/>.
/// </summary>
public sealed class LoginOptions
{
    /// <summary>Failures of one badge (known or not) before the first delay.</summary>
    public int AccountFailuresBeforeDelay { get; set; } = 3;
    /// <summary>Failures from one address before its first delay: far higher, since a venue's phones may share one NAT address.</summary>
    public int AddressFailuresBeforeDelay { get; set; } = 30;
    public int FirstDelaySeconds { get; set; } = 1;
    public int MaxDelaySeconds { get; set; } = 300;
    /// <summary>A counter without a failure for this long starts again from zero.</summary>
    public int ForgetAfterMinutes { get; set; } = 30;
    /// <summary>
    /// A bearer token lives one night's shift (the 19:00 meeting to past closing, with overtime); an API client renews
    /// it with the refresh token (<c>POST /api/auth/refresh</c>) rather than keeping the password.
    /// </summary>
    public int TokenHours { get; set; } = 10;
    /// <summary>How long a refresh token may renew; signing out, a password reset or disabling ends it at once (the stamp).</summary>
    public int RefreshDays { get; set; } = 7;
}

/// <summary>
/// Whether a signed-in account may still act. Disabling an account or resetting its password changes its
/// security stamp; every request compares the stamp it carries with this (cached for at most 30 seconds,
/// evicted at once by <see cref="Forget"/>), so a disabled account loses access well within a minute.
/// </summary>
public sealed class AccountStatus(IMemoryCache cache, IServiceScopeFactory scopes, InstanceBus bus)
{
    public const string Topic = "status";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bumped by <see cref="Forget"/>. A read that began before a disable committed may end after its Forget: it must not
    /// put the old "active" back in the cache for 30 seconds, so it is cached only if no Forget came in between.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, long> generations = new();

    private sealed record Status(bool IsActive, string? SecurityStamp);

    public async Task<bool> IsValidAsync(ClaimsPrincipal user, string stampClaimType)
    {
        var id = user.StaffId();
        var stamp = user.FindFirstValue(stampClaimType);
        if (!cache.TryGetValue(id, out Status? current))
        {
            var generation = generations.GetOrAdd(id, 0);
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
                current = await db.Users.Where(u => u.Id == id)
                    .Select(u => new Status(u.IsActive, u.SecurityStamp))
                    .SingleOrDefaultAsync();
            }
            // Set, then look again: a Forget between the look and the set would otherwise be undone.
            cache.Set(id, current, CacheFor);
            if (generations.GetOrAdd(id, 0) != generation) cache.Remove(id);
        }
        return current is { IsActive: true } && current.SecurityStamp == stamp;
    }

    /// <summary>After an account's status or stamp changed (committed): this instance and every other one read it again.</summary>
    public void Forget(Guid staffId)
    {
        ForgetHere(staffId);
        bus.Publish(Topic, staffId.ToString());
    }

    public void ForgetHere(Guid staffId)
    {
        generations.AddOrUpdate(staffId, 1, (_, g) => g + 1);
        cache.Remove(staffId);
    }

    /// <summary>
    /// The same check read from the database at this moment, not from the cache: asked right before handing out what a
    /// leaver must not take (a customer export), so an account disabled while its request was running gets nothing.
    /// </summary>
    public Task<bool> IsStillValidAsync(ClaimsPrincipal user, string stampClaimType)
    {
        ForgetHere(user.StaffId());
        return IsValidAsync(user, stampClaimType);
    }
}

public static class SecuritySetup
{
    public const string SmartScheme = "encore";

    private static string? HubToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } token ? token : null;

    public static void AddEncoreSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMemoryCache();
        services.Configure<LoginOptions>(builder.Configuration.GetSection("Encore:Login"));

        services.AddIdentityCore<StaffMember>(o =>
            {
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = true;
                // No hard lockout: anyone could lock anyone out with a few wrong tries. LoginThrottle delays instead.
                o.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<StaffRole>()
            .AddEntityFrameworkStores<EncoreDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        // Badges are unique within a venue (issue 21): Identity's own name check is installation-wide.
        services.RemoveAll<IUserValidator<StaffMember>>();
        services.AddScoped<IUserValidator<StaffMember>, Staff.VenueUserValidator>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || HubToken(ctx.Request) is not null
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                // Sessions run on real time; only the business rules follow the venue's (possibly simulated) clock.
                o.TimeProvider = TimeProvider.System;
                o.Cookie.Name = "encore.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(14);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.TimeProvider = TimeProvider.System;
                // Browsers cannot set headers on WebSockets: SignalR sends the token as access_token, on the hub only.
                o.Events.OnMessageReceived = ctx =>
                {
                    ctx.Token ??= HubToken(ctx.Request);
                    return Task.CompletedTask;
                };
            });

        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<LoginOptions>>((o, login) =>
        {
            o.BearerTokenExpiration = TimeSpan.FromHours(login.Value.TokenHours);
            o.RefreshTokenExpiration = TimeSpan.FromDays(login.Value.RefreshDays);
        });
        // After each scheme's own post-configure has made its Data Protection ticket format: decrypt each token and
        // each cookie once (registered after AddCookie and AddBearerToken, so these run after theirs).
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
            o.BearerTokenProtector = new TicketCache(o.BearerTokenProtector, o.TimeProvider ?? TimeProvider.System));
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
            o.TicketDataFormat = new TicketCache(o.TicketDataFormat, o.TimeProvider ?? TimeProvider.System));
        services.AddAuthorization(o => o.AddCapabilityPolicies());
        services.AddCaller();
        services.AddSingleton<AccountStatus>();
        // Real time, never the venue's clock: a training venue's simulated clock must neither lift nor stretch a delay.
        services.AddSingleton(sp => new LoginThrottle(sp.GetRequiredService<IOptions<LoginOptions>>(), TimeProvider.System,
            sp.GetService<StackExchange.Redis.IConnectionMultiplexer>()?.GetDatabase()));
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Drops the identity of a request whose account was disabled or whose password was reset.</summary>
    public static void UseAccountStatus(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        if (ctx.User.Identity?.IsAuthenticated == true)
        {
            var stampType = ctx.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            if (!await ctx.RequestServices.GetRequiredService<AccountStatus>().IsValidAsync(ctx.User, stampType))
            {
                if (ctx.Request.Cookies.ContainsKey("encore.auth"))
                    await ctx.SignOutAsync(IdentityConstants.ApplicationScheme);
                ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next();
    });

    /// <summary>
    /// Cross-site request forgery on the API: a write to /api that rides on the auth cookie (no bearer token) must come
    /// from Encore's own pages. Browsers say where a request comes from (Sec-Fetch-Site, Origin); a cross-site one is
    /// refused with 403 before it reaches the endpoint. SameSite=Strict alone left same-site subdomains and older
    /// browsers; Razor forms carry antiforgery tokens besides. Clients with a bearer token are not cookie-driven.
    /// </summary>
    public static void UseCrossSiteRefusal(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var request = ctx.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && request.Cookies.ContainsKey("encore.auth")
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && IsCrossSite(request))
        {
            await Problems.Rule(StatusCodes.Status403Forbidden, "request.crossSite").ExecuteAsync(ctx);
            return;
        }
        await next();
    });

    private static bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0) return fetchSite is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
               && !(Uri.TryCreate(origin, UriKind.Absolute, out var from)
                    // The authority only: behind a TLS-terminating proxy the scheme seen here is not the browser's.
                    && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Browser security headers for every response. They are set as the response starts, not as the request comes
    /// in: the exception handler clears the headers of a request that threw (a 500, or a 400 for a value that does
    /// not bind) before it writes its problem details, and those answers need them as much as any other.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(static state =>
        {
            var h = ((HttpResponse)state).Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            return Task.CompletedTask;
        }, ctx.Response);
        await next();
    });
}

/// <summary>
/// Progressive delays after failed logins, per account and per client address, in one place. The account is the badge
/// as typed (normalized), whether or not such a badge exists: an unknown badge is counted and delayed exactly like a
/// real one, so neither the answers nor their Retry-After tell an attacker which badges are real. Nobody is locked
/// out for good: the delay runs out, a successful login clears the account's count, and the floor manager can lift
/// it at once (<see cref="Unlock"/>). The address count has a far higher threshold, so one person guessing behind a
/// venue's NAT does not hold up everyone there. Kept in memory (a restart forgets it, which only helps the people
/// delayed); runs on the real clock it is given, never the venue's (simulated) one. With several instances (issue 21,
/// ENCORE_REDIS) the counts live in Redis instead, each check-and-count one Lua script, so guesses spread over the
/// instances add up to one count and an unlock on one lifts the delay on all.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginOptions> options, TimeProvider realTime, StackExchange.Redis.IDatabase? redis = null)
{
    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset Last;
        public DateTimeOffset Until;
    }

    /// <summary>An account's current delay (for the floor manager's page and the unlock's audit entry).</summary>
    public sealed record Delay(string Badge, int Failures, DateTimeOffset Until, TimeSpan Left);

    private const string AccountPrefix = "account:";
    private const string AddressPrefix = "address:";
    /// <summary>Beyond this many counters, stale ones are swept at once (unique junk badges must not grow memory).</summary>
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Counter> counters = new();
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    private TimeSpan Forget => TimeSpan.FromMinutes(options.Value.ForgetAfterMinutes);

    /// <summary>
    /// Admits a login attempt, or says how long to wait (429). An admitted attempt counts against its account from
    /// the start, checked and counted under the account's lock, so a burst of parallel guesses at one account cannot
    /// all slip past one check; <see cref="Succeeded"/> takes it back. The address is charged only by a failure
    /// (<see cref="Failed"/>): the logins of a whole venue behind one NAT address at the start of a shift must not
    /// count against it while in flight.
    /// </summary>
    public TimeSpan? Begin(string badge, string address)
    {
        if (redis is not null) return SharedBegin(badge, address);
        var now = realTime.GetUtcNow();
        var wait = Remaining(AddressPrefix + address, now);
        var account = counters.GetOrAdd(AccountPrefix + Normalize(badge), _ => new Counter());
        lock (account)
        {
            wait = Max(wait, account.Until - now);
            if (wait > TimeSpan.Zero) return wait;
            Count(account, options.Value.AccountFailuresBeforeDelay, now);
        }
        SweepNowAndThen(now);
        return null;
    }

    /// <summary>A wrong password (or an unknown badge) from this address: its account was charged by <see cref="Begin"/>.</summary>
    public void Failed(string address)
    {
        if (redis is not null) { SharedFailed(address); return; }
        var client = counters.GetOrAdd(AddressPrefix + address, _ => new Counter());
        lock (client) Count(client, options.Value.AddressFailuresBeforeDelay, realTime.GetUtcNow());
    }

    /// <summary>The right password: the account starts afresh.</summary>
    public void Succeeded(string badge) => Unlock(badge);

    /// <summary>An account's failures and delay (its delay may have run out), or null when it has none counted.</summary>
    public Delay? Of(string badge)
    {
        if (redis is not null) return SharedOf(badge);
        var key = Normalize(badge);
        if (!counters.TryGetValue(AccountPrefix + key, out var c)) return null;
        lock (c) return c.Failures > 0 ? new Delay(key, c.Failures, c.Until, Max(c.Until - realTime.GetUtcNow(), TimeSpan.Zero)) : null;
    }

    /// <summary>Lifts an account's delay and forgets its failures (the floor manager's unlock).</summary>
    public void Unlock(string badge)
    {
        if (redis is not null) SharedUnlock(badge);
        else counters.TryRemove(AccountPrefix + Normalize(badge), out _);
    }

    /// <summary>Accounts (normalized badges, real or not) whose next attempt must wait now.</summary>
    public IReadOnlyList<Delay> DelayedAccounts()
    {
        if (redis is not null) return SharedDelayedAccounts();
        var now = realTime.GetUtcNow();
        var delayed = new List<Delay>();
        foreach (var (key, c) in counters)
        {
            if (!key.StartsWith(AccountPrefix, StringComparison.Ordinal)) continue;
            lock (c)
                if (c.Until > now) delayed.Add(new Delay(key[AccountPrefix.Length..], c.Failures, c.Until, c.Until - now));
        }
        return delayed;
    }

    /// <summary>Badges compare as Identity's names do (case-insensitive), so M01 and m01 share one count.</summary>
    public static string Normalize(string badge) => Staff.StaffDirectory.Normalize(badge);

    /// <summary>
    /// The account a login counts against: a venue's badge (issue 21: the same badge may be in every venue), as typed,
    /// whether or not it exists. Kept as <c>CODE/BADGE</c>; <see cref="Delay.Badge"/> of <see cref="DelayedAccounts"/> is this key.
    /// </summary>
    public static string Account(string venueCode, string badge) => Normalize(venueCode) + "/" + Normalize(badge);

    private TimeSpan Remaining(string key, DateTimeOffset now)
    {
        if (!counters.TryGetValue(key, out var c)) return TimeSpan.Zero;
        lock (c) return c.Until - now;
    }

    private void Count(Counter c, int failuresBeforeDelay, DateTimeOffset now)
    {
        if (now - c.Last > Forget) c.Failures = 0;
        c.Failures++;
        c.Last = now;
        if (c.Failures < failuresBeforeDelay) return;
        var o = options.Value;
        var seconds = Math.Min(o.FirstDelaySeconds * Math.Pow(2, Math.Min(c.Failures - failuresBeforeDelay, 30)), o.MaxDelaySeconds);
        c.Until = now + TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Forgets counters idle past <see cref="LoginOptions.ForgetAfterMinutes"/> whose delay ran out: once a minute, or at once when many.</summary>
    private void SweepNowAndThen(DateTimeOffset now)
    {
        if (now < nextSweep && counters.Count <= SweepAbove) return;
        nextSweep = now.AddMinutes(1);
        foreach (var (key, c) in counters)
        {
            bool stale;
            lock (c) stale = now - c.Last > Forget && c.Until <= now;
            // A counter counted again between the check and the removal loses that one count: harmless.
            if (stale) counters.TryRemove(key, out _);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// The same counts in Redis (several instances): a hash per account or address (failures, last, until, in Unix
    /// milliseconds of the real clock), expiring once forgotten, and a sorted set of the delayed accounts for the floor's page.
    /// </summary>
    private const string Prefix = "encore:login:";
    // A property, not a static field: a static of a Redis type would load StackExchange.Redis with this class at every
    // start, Redis or not (issue 15, the start).
    private static StackExchange.Redis.RedisKey DelayedSet => Prefix + "delayed";

    // KEYS[1] the counter, KEYS[2] the delayed set (accounts only); ARGV: now, forget, failures before a delay, first
    // delay s, longest delay s, check ("1": refuse while delayed, without counting), expiry ms, the badge.
    private const string CountScript = """
        local now = tonumber(ARGV[1])
        local v = redis.call('HMGET', KEYS[1], 'f', 'l', 'u')
        local f, l, u = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3]) or 0
        if ARGV[6] == '1' and u > now then return u - now end
        if now - l > tonumber(ARGV[2]) then f = 0 end
        f = f + 1
        local before = tonumber(ARGV[3])
        if f >= before then
          u = now + math.floor(math.min(tonumber(ARGV[4]) * 2 ^ math.min(f - before, 30), tonumber(ARGV[5])) * 1000)
        end
        redis.call('HSET', KEYS[1], 'f', f, 'l', now, 'u', u)
        redis.call('PEXPIRE', KEYS[1], ARGV[7])
        if #KEYS > 1 and u > now then redis.call('ZADD', KEYS[2], u, ARGV[8]) end
        return 0
        """;

    private long NowMs() => realTime.GetUtcNow().ToUnixTimeMilliseconds();

    private long SharedCount(StackExchange.Redis.RedisKey[] keys, int failuresBeforeDelay, bool check, string badge)
    {
        var o = options.Value;
        var forget = (long)Forget.TotalMilliseconds;
        return (long)redis!.ScriptEvaluate(CountScript, keys,
            [NowMs(), forget, failuresBeforeDelay, o.FirstDelaySeconds, o.MaxDelaySeconds, check ? "1" : "0", forget + o.MaxDelaySeconds * 1000L, badge]);
    }

    private TimeSpan SharedLeft(string key)
    {
        var until = (long?)redis!.HashGet(Prefix + key, "u") ?? 0;
        return TimeSpan.FromMilliseconds(Math.Max(0, until - NowMs()));
    }

    private TimeSpan? SharedBegin(string badge, string address)
    {
        var waitForAddress = SharedLeft(AddressPrefix + address);
        if (waitForAddress > TimeSpan.Zero) return waitForAddress;
        var key = Normalize(badge);
        var wait = SharedCount([Prefix + AccountPrefix + key, DelayedSet], options.Value.AccountFailuresBeforeDelay, check: true, key);
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    private void SharedFailed(string address) =>
        SharedCount([Prefix + AddressPrefix + address], options.Value.AddressFailuresBeforeDelay, check: false, "");

    private Delay? SharedOf(string badge)
    {
        var key = Normalize(badge);
        var v = redis!.HashGet(Prefix + AccountPrefix + key, ["f", "u"]);
        var (failures, until) = ((int?)v[0] ?? 0, (long?)v[1] ?? 0);
        if (failures == 0) return null;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(until);
        return new Delay(key, failures, at, Max(at - realTime.GetUtcNow(), TimeSpan.Zero));
    }

    private void SharedUnlock(string badge)
    {
        var key = Normalize(badge);
        redis!.KeyDelete(Prefix + AccountPrefix + key);
        redis!.SortedSetRemove(DelayedSet, key);
    }

    private IReadOnlyList<Delay> SharedDelayedAccounts()
    {
        var now = NowMs();
        redis!.SortedSetRemoveRangeByScore(DelayedSet, double.NegativeInfinity, now);
        return [.. redis!.SortedSetRangeByScore(DelayedSet, now, double.PositiveInfinity, StackExchange.Redis.Exclude.Start)
            .Select(badge => SharedOf(badge!)).OfType<Delay>().Where(d => d.Left > TimeSpan.Zero)];
    }
}
