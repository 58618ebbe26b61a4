using Encore.Web.Staff;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Encore.Web.Auth;

/// <summary>
/// One login for the API and the login page: venue code + badge + password (issue 21: badges are unique within a venue;
/// the code may be left out while the installation has one venue), progressive delays per account and per client
/// address (<see cref="LoginThrottle"/>, 429), the cookie for pages and a bearer token for API clients.
/// An unknown or disabled badge costs the same password hashing as a wrong password on a real one and is counted
/// the same way, so neither the time nor the answers tell which badges exist.
/// </summary>
public sealed class Login(
    EncoreDb db,
    UserManager<StaffMember> users,
    SignInManager<StaffMember> signIn,
    IPasswordHasher<StaffMember> hasher,
    LoginThrottle throttle,
    AuditLog audit,
    IOptionsMonitor<BearerTokenOptions> bearer,
    AccountStatus status,
    Board.LiveConnections live)
{
    public enum Outcome { Ok, Invalid, Throttled, VenueRequired }

    public sealed record Result(Outcome Outcome, ClaimsPrincipal? Principal = null, TimeSpan? RetryAfter = null)
    {
        /// <summary>Whole seconds, rounded up, at least 1 (Retry-After has no fractions).</summary>
        public string RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter?.TotalSeconds ?? 60)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Nobody's account: what an unknown badge's password is checked against.</summary>
    private static readonly StaffMember Nobody = new() { UserName = "", Name = "" };
    private static string? dummyHash;

    /// <summary>A hash made by the same hasher with the same settings as real ones: verifying it costs what a real check costs.</summary>
    private string DummyHash() => dummyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    /// <summary>Whether the installation has more than one venue, so that signing in asks for the venue's code.</summary>
    public async Task<bool> SeveralVenuesAsync() => await AtMostTwo(db.Venues).CountAsync() > 1;

    /// <summary>
    /// Two venues at most: enough to tell "one" from "several". Ordered so that the limit is one EF does not warn about (a
    /// Warning in a venue server's log at every start's first sign-in); the order costs nothing on a handful of venues.
    /// </summary>
    private static IQueryable<Venue> AtMostTwo(IQueryable<Venue> venues) => venues.OrderBy(v => v.Code).Take(2);

    public async Task<Result> CheckAsync(HttpContext http, string? venue, string badge, string password)
    {
        // Made before the first attempt is timed, whichever badge it names.
        var dummy = DummyHash();
        // Several venues: the code is needed to tell which venue's badge is meant (the same badge may be in each).
        var typed = VenueCode(venue);
        // One query either way: the venue whose code was typed, or the installation's only venue.
        var venues = await AtMostTwo(typed is null ? db.Venues : db.Venues.Where(v => v.Code == typed)).Select(v => new { v.Id, v.Code }).ToListAsync();
        if (typed is null && venues.Count > 1) return new(Outcome.VenueRequired);
        var venueId = venues.Count == 1 ? venues[0].Id : (Guid?)null;
        var code = typed ?? (venues.Count == 1 ? venues[0].Code : "");
        // The account counted is the venue's badge as typed, whether or not such a venue or badge exists.
        var account = LoginThrottle.Account(code, badge);
        // After UseForwardedHeaders: the client's address when a known proxy forwarded the request, else the peer's.
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (throttle.Begin(account, address) is { } wait) return new(Outcome.Throttled, RetryAfter: wait);

        var user = venueId is { } id ? await db.MemberAsync(id, users.NormalizeName(badge)) : null;
        bool ok;
        if (user is { IsActive: true, PasswordHash: not null })
            ok = await users.CheckPasswordAsync(user, password);
        else
        {
            hasher.VerifyHashedPassword(Nobody, dummy, password);
            ok = false;
        }
        if (!ok)
        {
            // The attempt stays counted against the account (Begin); now against the address too.
            throttle.Failed(address);
            // A failure belongs to the venue whose code was typed; one with an unknown code to none (the audit shows those
            // to every GM of the installation: see AuditApi.SearchAsync).
            await audit.WriteAsync(new AuditActor(null, "", venueId), AuditApi.LoginFailed, "StaffMember", badge, null, new { venue = code, badge, address });
            return new(Outcome.Invalid);
        }
        throttle.Succeeded(account);
        await audit.WriteAsync(new AuditActor(user!.Id, user.Badge, user.VenueId), "auth.login", "StaffMember", user.Badge, null, new { address });
        return new(Outcome.Ok, await signIn.CreateUserPrincipalAsync(user));
    }

    /// <summary>
    /// Ends the caller's sessions: a new security stamp no longer matches the one every cookie and bearer token of
    /// theirs carries (compared on each request by <see cref="AccountStatus"/>), so the token and the cookie stop
    /// working at once rather than after their 14 hours. Signing out on one phone signs the person out everywhere.
    /// </summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } member)
        {
            await users.UpdateSecurityStampAsync(member);
            // The stamp itself is a secret the audit log leaves out: the sign-out is written by hand.
            await audit.WriteAsync(http.User, "auth.logout", "StaffMember", member.UserName!, null, null);
            Writes.AfterCommit(() => { status.Forget(member.Id); live.Close(member.Id); });
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>A venue code as typed, the way codes are kept (trimmed, lower case); null when none was typed.</summary>
    public static string? VenueCode(string? typed) => string.IsNullOrWhiteSpace(typed) ? null : typed.Trim().ToLowerInvariant();

    public Task SignInCookieAsync(HttpContext http, ClaimsPrincipal principal) =>
        http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });

    public sealed record Tokens(string Token, string RefreshToken, int ExpiresIn);

    /// <summary>A bearer token for a shift and a refresh token to renew it, both carrying the account's security stamp.</summary>
    public Tokens IssueTokens(ClaimsPrincipal principal)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        // Real time, like the handlers that check them (Platform/Security.cs): a training night's simulated clock
        // moved forward must not end everyone's sign-in.
        var now = DateTimeOffset.UtcNow;
        var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = now + options.BearerTokenExpiration }, IdentityConstants.BearerScheme));
        var refresh = options.RefreshTokenProtector.Protect(new AuthenticationTicket(principal,
            new AuthenticationProperties { ExpiresUtc = now + options.RefreshTokenExpiration }, RefreshPurpose));
        return new(token, refresh, (int)options.BearerTokenExpiration.TotalSeconds);
    }

    private const string RefreshPurpose = "encore.refresh";

    /// <summary>
    /// New tokens for a refresh token that is unexpired and still matches its account: signing out, a password reset,
    /// a change of roles or disabling renew the security stamp, and with it every refresh token issued before.
    /// </summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(string refreshToken)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var ticket = options.RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket is not { AuthenticationScheme: RefreshPurpose, Properties.ExpiresUtc: { } expires } || expires < DateTimeOffset.UtcNow) return null;
        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsActive: true } user) return null;
        await audit.WriteAsync(new AuditActor(user.Id, user.Badge, user.VenueId), "auth.refresh", "StaffMember", user.Badge, null, null);
        return await signIn.CreateUserPrincipalAsync(user);
    }
}

public static class AuthApi
{
    /// <summary><c>venue</c>: the venue's code, needed once the installation has more than one venue.</summary>
    public sealed record LoginRequest(string? Badge, string? Password, string? Venue = null);
    public sealed record MeView(string Badge, string Name, Guid VenueId, IReadOnlyList<string> Roles);

    /// <summary>The token, who signed in, and (beside API.md's fields) the refresh token and the token's lifetime in seconds.</summary>
    public sealed record LoginResponse(string Token, string Badge, string Name, IReadOnlyList<string> Roles, string RefreshToken, int ExpiresIn);
    public sealed record RefreshRequest(string? RefreshToken);

    private static LoginResponse Answer(Login login, ClaimsPrincipal principal)
    {
        var tokens = login.IssueTokens(principal);
        return new LoginResponse(tokens.Token, principal.Badge(), principal.DisplayNameOf(),
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), tokens.RefreshToken, tokens.ExpiresIn);
    }

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", async (LoginRequest body, HttpContext http, Login login) =>
            {
                var v = new Validator().Text("venue", body.Venue, 32, required: false).Text("badge", body.Badge, 64).Text("password", body.Password, 200);
                if (!v.Ok) return v.ToResult();
                var result = await login.CheckAsync(http, body.Venue, body.Badge!, body.Password!);
                switch (result.Outcome)
                {
                    case Login.Outcome.Throttled:
                        http.Response.Headers.RetryAfter = result.RetryAfterSeconds;
                        return Problems.Rule(StatusCodes.Status429TooManyRequests, "auth.throttled");
                    case Login.Outcome.Invalid:
                        return Problems.Rule(StatusCodes.Status401Unauthorized, "auth.invalid");
                    case Login.Outcome.VenueRequired:
                        return Problems.Validation("venue", "required");
                }
                var principal = result.Principal!;
                await login.SignInCookieAsync(http, principal);
                return Results.Ok(Answer(login, principal));
            })
            .AllowAnonymous()
            // A failed sign-in answers 401 and its audit entry must stay: not rolled back.
            .WithoutWriteTransaction()
            .Answers<LoginResponse>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Login")
            .WithSummary("Venue code (once there are several venues), badge and password: sets the auth cookie and returns a bearer token.");

        group.MapPost("/refresh", async (RefreshRequest body, Login login) =>
            {
                var v = new Validator().Text("refreshToken", body.RefreshToken, 8192);
                if (!v.Ok) return v.ToResult();
                return await login.RefreshAsync(body.RefreshToken!) is { } principal
                    ? Results.Ok(Answer(login, principal))
                    : Problems.Rule(StatusCodes.Status401Unauthorized, "auth.refreshInvalid");
            })
            .AllowAnonymous()
            .Answers<LoginResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("RefreshToken")
            .WithSummary("A refresh token from the login: a new token for the next shift, until sign-out or a password reset.");

        group.MapPost("/logout", async (HttpContext http, Login login) =>
            {
                await login.SignOutAsync(http);
                return Results.NoContent();
            })
            .RequireAuthorization()
            .AnswersNothing()
            .WithName("Logout");

        group.MapGet("/me", (Caller caller) => Results.Ok(new MeView(caller.Badge, caller.DisplayName, caller.VenueId, [.. caller.Roles])))
            .RequireAuthorization()
            .Answers<MeView>()
            .WithName("Me");
    }
}
