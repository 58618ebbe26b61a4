using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// Issue 15: a bearer token or a sign-in cookie is decrypted once and its ticket remembered (<see cref="TicketCache"/>).
/// What it must not change: a token or cookie that differs in one character is still refused after the real one was
/// used, each use gets its own principal, a ticket is never served past its expiry, and one that does not decrypt is
/// not remembered. (That signing out or disabling still ends a used token or cookie at once: RequestGuardTests and
/// StaleStatusTests.)
/// </summary>
public sealed class TicketCacheTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task A_token_changed_in_one_character_is_refused_after_the_real_one_was_used()
    {
        var login = await (await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m04", password = "encore123" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var token = login.GetProperty("token").GetString()!;
        for (var i = 0; i < 2; i++) // the second answer comes from the remembered ticket
            Assert.Equal("m04", (await app.Bearer(token).GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("badge").GetString());

        var changed = OneCharacterChanged(token, token.Length / 2);
        await Problem.Expect(await app.Bearer(changed).GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(token).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_changed_in_one_character_is_refused_after_the_real_one_was_used()
    {
        // Both schemes' formats are the cache: without it the checks below would pass as well.
        var monitor = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        Assert.IsType<TicketCache>(monitor.Get(IdentityConstants.ApplicationScheme).TicketDataFormat);
        Assert.IsType<TicketCache>(app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).BearerTokenProtector);

        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m07", password = "encore123" });
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("encore.auth=", StringComparison.Ordinal));
        async Task<HttpResponseMessage> MeAsync(string value)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Add("Cookie", value);
            return await app.Anonymous().SendAsync(request);
        }
        for (var i = 0; i < 2; i++) // the second answer comes from the remembered ticket
            Assert.Equal("m07", (await (await MeAsync(cookie)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("badge").GetString());

        var changed = OneCharacterChanged(cookie, cookie.Length / 2 + 6); // past "encore.auth="
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(changed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(cookie)).StatusCode);
    }

    [Fact]
    public void A_token_is_decrypted_once_and_each_use_gets_its_own_principal()
    {
        var format = new CountingFormat();
        var cache = new TicketCache(format, TimeProvider.System);
        var token = format.Protect(Ticket("m05", DateTimeOffset.UtcNow.AddHours(1)));

        var first = cache.Unprotect(token)!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("added-by-a-request", "1"));
        var second = cache.Unprotect(token)!;

        Assert.Equal(1, format.Unprotects);
        Assert.Equal("m05", second.Principal.Identity!.Name);
        Assert.Null(second.Principal.FindFirst("added-by-a-request"));
    }

    [Fact]
    public void A_ticket_is_not_served_past_its_expiry_and_a_refused_token_is_asked_again()
    {
        var format = new CountingFormat();
        var cache = new TicketCache(format, TimeProvider.System);
        var soon = format.Protect(Ticket("m06", DateTimeOffset.UtcNow.AddMilliseconds(300)));
        Assert.NotNull(cache.Unprotect(soon));
        Thread.Sleep(600);
        // Past its expiry the entry is gone: the inner format is asked again (and the bearer handler refuses the ticket).
        cache.Unprotect(soon);
        Assert.Equal(2, format.Unprotects);

        Assert.Null(cache.Unprotect("not-a-token"));
        Assert.Null(cache.Unprotect("not-a-token"));
        Assert.Equal(4, format.Unprotects);
    }


    /// <summary><paramref name="text"/> with the character at <paramref name="at"/> replaced by another.</summary>
    private static string OneCharacterChanged(string text, int at) =>
        string.Concat(text.AsSpan(0, at), text[at] == 'A' ? "B" : "A", text.AsSpan(at + 1));

    private static AuthenticationTicket Ticket(string badge, DateTimeOffset expires) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, badge)], "test")),
            new AuthenticationProperties { ExpiresUtc = expires }, "test");

    /// <summary>A real Data Protection ticket format (ephemeral keys) that counts its unprotects.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly TicketDataFormat inner = new(new EphemeralDataProtectionProvider().CreateProtector("bearer-cache-test"));
        public int Unprotects { get; private set; }
        public string Protect(AuthenticationTicket data) => inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}
