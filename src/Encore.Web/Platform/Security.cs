using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
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

/// <summary>Login throttling settings (not house rules: they protect the system, not the venue's business).</summary>
public sealed class LoginOptions
{
    public int MaxFailuresPerAccount { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 5;
    public int MaxFailuresPerClient { get; set; } = 20;
    public int ClientWindowMinutes { get; set; } = 10;
}

/// <summary>
/// Whether a signed-in account may still act. Disabling an account or resetting its password changes its
/// security stamp; every request compares the stamp it carries with this (cached for at most 30 seconds,
/// evicted at once by <see cref="Forget"/>), so a disabled account loses access well within a minute.
/// </summary>
public sealed class AccountStatus(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<bool> IsValidAsync(ClaimsPrincipal user, string stampClaimType)
    {
        var id = user.StaffId();
        var stamp = user.FindFirstValue(stampClaimType);
        var current = await cache.GetOrCreateAsync(id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
            return await db.Users.Where(u => u.Id == id)
                .Select(u => new { u.IsActive, u.SecurityStamp })
                .SingleOrDefaultAsync();
        });
        return current is { IsActive: true } && current.SecurityStamp == stamp;
    }

    public void Forget(Guid staffId) => cache.Remove(staffId);
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
        var login = builder.Configuration.GetSection("Encore:Login").Get<LoginOptions>() ?? new LoginOptions();

        services.AddIdentityCore<StaffMember>(o =>
            {
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = login.MaxFailuresPerAccount;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(login.LockoutMinutes);
            })
            .AddRoles<StaffRole>()
            .AddEntityFrameworkStores<EncoreDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                || HubToken(ctx.Request) is not null
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
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
                o.BearerTokenExpiration = TimeSpan.FromHours(14);
                // Browsers cannot set headers on WebSockets: SignalR sends the token as access_token, on the hub only.
                o.Events.OnMessageReceived = ctx =>
                {
                    ctx.Token ??= HubToken(ctx.Request);
                    return Task.CompletedTask;
                };
            });

        services.AddAuthorization(o => o.AddCapabilityPolicies());
        services.AddCaller();
        services.AddSingleton<AccountStatus>();
        services.AddSingleton<LoginThrottle>();
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
/// Counts failed logins per client address: past the limit within the window, logins from there answer 429.
/// (Per account, Identity's lockout does the same.)
/// </summary>
public sealed class LoginThrottle(IMemoryCache cache, IOptions<LoginOptions> options)
{
    private sealed class Counter { public int Failures; public DateTimeOffset WindowEnds; }

    public TimeSpan? RetryAfter(string client)
    {
        if (cache.Get<Counter>(Key(client)) is not { } c) return null;
        lock (c)
            return c.Failures >= options.Value.MaxFailuresPerClient && c.WindowEnds > DateTimeOffset.UtcNow
                ? c.WindowEnds - DateTimeOffset.UtcNow
                : null;
    }

    public void Failed(string client)
    {
        var window = TimeSpan.FromMinutes(options.Value.ClientWindowMinutes);
        var c = cache.GetOrCreate(Key(client), e => { e.AbsoluteExpirationRelativeToNow = window; return new Counter { WindowEnds = DateTimeOffset.UtcNow + window }; })!;
        lock (c) c.Failures++;
    }

    private static string Key(string client) => "login-failures:" + client;
}
