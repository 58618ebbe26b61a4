using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Encore.Web.Auth;

/// <summary>
/// One login for the API and the login page: badge + password, per-account lockout and per-client
/// throttling (429), the cookie for pages and a bearer token for API clients.
/// </summary>
public sealed class Login(
    UserManager<StaffMember> users,
    SignInManager<StaffMember> signIn,
    LoginThrottle throttle,
    AuditLog audit,
    IOptionsMonitor<BearerTokenOptions> bearer,
    AccountStatus status,
    Board.LiveConnections live,
    TimeProvider clock)
{
    public enum Outcome { Ok, Invalid, Throttled }

    public sealed record Result(Outcome Outcome, ClaimsPrincipal? Principal = null, TimeSpan? RetryAfter = null);

    public async Task<Result> CheckAsync(HttpContext http, string badge, string password)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        if (throttle.RetryAfter(client) is { } wait) return new(Outcome.Throttled, RetryAfter: wait);

        var user = await users.FindByNameAsync(badge);
        if (user is null || !user.IsActive)
        {
            throttle.Failed(client);
            await audit.WriteAsync(null, "auth.loginFailed", "StaffMember", badge, null, new { badge });
            return new(Outcome.Invalid);
        }
        if (await users.IsLockedOutAsync(user))
            return new(Outcome.Throttled, RetryAfter: await users.GetLockoutEndDateAsync(user) - DateTimeOffset.UtcNow);

        using (AuditScope.Begin(new AuditActor(user.Id, user.Badge, user.VenueId), "auth.login"))
        {
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            if (check.IsLockedOut)
                return new(Outcome.Throttled, RetryAfter: await users.GetLockoutEndDateAsync(user) - DateTimeOffset.UtcNow);
            if (!check.Succeeded)
            {
                throttle.Failed(client);
                return new(Outcome.Invalid);
            }
        }
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

    public Task SignInCookieAsync(HttpContext http, ClaimsPrincipal principal) =>
        http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });

    public string IssueToken(ClaimsPrincipal principal)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + options.BearerTokenExpiration };
        return options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme));
    }
}

public static class AuthApi
{
    public sealed record LoginRequest(string? Badge, string? Password);
    public sealed record MeView(string Badge, string Name, Guid VenueId, IReadOnlyList<string> Roles);

    public sealed record LoginResponse(string Token, string Badge, string Name, IReadOnlyList<string> Roles);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", async (LoginRequest body, HttpContext http, Login login) =>
            {
                var v = new Validator().Text("badge", body.Badge, 64).Text("password", body.Password, 200);
                if (!v.Ok) return v.ToResult();
                var result = await login.CheckAsync(http, body.Badge!, body.Password!);
                switch (result.Outcome)
                {
                    case Login.Outcome.Throttled:
                        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 60)).ToString();
                        return Problems.Rule(StatusCodes.Status429TooManyRequests, "auth.throttled");
                    case Login.Outcome.Invalid:
                        return Problems.Rule(StatusCodes.Status401Unauthorized, "auth.invalid");
                }
                var principal = result.Principal!;
                await login.SignInCookieAsync(http, principal);
                return Results.Ok(new LoginResponse(
                    login.IssueToken(principal),
                    principal.Badge(),
                    principal.DisplayNameOf(),
                    principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList()));
            })
            .AllowAnonymous()
            // A failed sign-in answers 401 and must still count against the account (lockout): not rolled back.
            .WithoutWriteTransaction()
            .Answers<LoginResponse>()
            .WithName("Login")
            .WithSummary("Badge and password: sets the auth cookie and returns a bearer token.");

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
