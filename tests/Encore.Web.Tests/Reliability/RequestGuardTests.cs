using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Issue 12, items 5, 8 and 13: signing out ends the sessions (the bearer token and the cookie no longer work); a
/// cookie-driven API write from another site is refused (SameSite alone was not enough); and request bodies are
/// limited before anyone signs in (about 1 MB; more only where a file is uploaded).
/// </summary>
public sealed class RequestGuardTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    /// <summary>A browser signed in as <paramref name="badge"/>: it carries the auth cookie, no bearer token.</summary>
    private async Task<HttpClient> BrowserAsync(string badge)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password = EncoreFactory.PasswordOf(badge) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return browser;
    }

    private async Task<string> NewStaffAsync()
    {
        var badge = "g" + Random.Shared.Next(100_000, 999_999);
        var created = await (await app.ClientFor("gm01")).PostAsJsonAsync("/api/staff",
            new { badge, name = "测试员工", password = "secret-123", roles = new[] { "host" }, department = "咨客部" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return badge;
    }

    private bool IsActive(string badge) => app.With(db => db.Users.Single(u => u.UserName == badge).IsActive);

    private static HttpRequestMessage Disable(string badge, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/{badge}/disable");
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cookie_driven_write_from_another_site_is_refused_and_changes_nothing(string header, string value)
    {
        var badge = await NewStaffAsync();
        var gm = await BrowserAsync("gm01");
        var refused = await Problem.Expect(await gm.SendAsync(Disable(badge, header, value)), HttpStatusCode.Forbidden);
        Assert.Contains("request.crossSite", refused.GetProperty("type").GetString());
        Assert.True(IsActive(badge));
    }

    [Fact]
    public async Task The_same_write_from_Encores_own_page_goes_through()
    {
        var badge = await NewStaffAsync();
        var gm = await BrowserAsync("gm01");
        var origin = gm.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.Equal(HttpStatusCode.OK, (await gm.SendAsync(Disable(badge, "Origin", origin))).StatusCode);
        Assert.False(IsActive(badge));
        var other = await NewStaffAsync();
        Assert.Equal(HttpStatusCode.OK, (await gm.SendAsync(Disable(other, "Sec-Fetch-Site", "same-origin"))).StatusCode);
        Assert.False(IsActive(other));
    }

    [Fact]
    public async Task A_bearer_client_is_not_a_browser_and_is_not_asked_where_it_comes_from()
    {
        var badge = await NewStaffAsync();
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.OK, (await gm.SendAsync(Disable(badge, "Origin", "http://evil.example"))).StatusCode);
        Assert.False(IsActive(badge));
    }

    private static StringContent Bytes(long size, string mediaType) =>
        new(new string('x', (int)size), Encoding.UTF8, mediaType);

    [Fact]
    public async Task A_body_over_a_megabyte_is_refused_before_sign_in()
    {
        var response = await app.Anonymous().PostAsync("/api/auth/login", Bytes(2 * 1024 * 1024, "application/json"));
        var problem = await Problem.Expect(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("request.tooLarge", problem.GetProperty("type").GetString());
        // Signed in, an ordinary route keeps the same limit.
        await Problem.Expect(await (await app.ClientFor("m01")).PostAsync("/api/bookings", Bytes(1024 * 1024 + 1, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_file_route_takes_a_larger_body()
    {
        // A 2 MB CSV with an unknown header: read, and refused for its content, not its size.
        var csv = "nope\n" + new string('x', 2 * 1024 * 1024);
        var response = await (await app.ClientFor("m01")).PostAsync("/api/customers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((int)response.StatusCode is >= 400 and < 500, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_ends_the_token_and_the_cookie_at_once()
    {
        var badge = await NewStaffAsync();
        var phone = await app.ClientFor(badge, "secret-123");
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password = "secret-123" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
        // Signing in again works, with a new token.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(badge, "secret-123")).GetAsync("/api/auth/me")).StatusCode);
        Assert.True(app.With(db => db.AuditEntries.Any(e => e.Action == "auth.logout" && e.ActorBadge == badge)));
    }
    private sealed record Tokens(string Token, string RefreshToken, int ExpiresIn);

    private async Task<Tokens> LoginAsync(string badge) =>
        (await (await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge, password = "secret-123" })).Content.ReadFromJsonAsync<Tokens>())!;


    [Fact]
    public async Task A_token_lives_a_shift_and_is_renewed_with_the_refresh_token_until_sign_out()
    {
        var badge = await NewStaffAsync();
        var login = await LoginAsync(badge);
        Assert.Equal(10 * 3600, login.ExpiresIn);

        var renewed = (await (await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.RefreshToken })).Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(login.Token, renewed.Token);
        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(renewed.Token).GetAsync("/api/auth/me")).StatusCode);
        // An access token is not a refresh token.
        await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.Token }), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Bearer(renewed.Token).PostAsync("/api/auth/logout", null)).StatusCode);
        // Signing out ends every refresh token issued before it.
        var refused = await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = renewed.RefreshToken }), HttpStatusCode.Unauthorized);
        Assert.Contains("auth.refreshInvalid", refused.GetProperty("type").GetString());
        await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.RefreshToken }), HttpStatusCode.Unauthorized);
        Assert.True(app.With(db => db.AuditEntries.Count(e => e.Action == "auth.refresh" && e.ActorBadge == badge)) == 1);
    }

    [Fact]
    public async Task A_password_reset_ends_the_refresh_token_and_nonsense_is_refused_by_name()
    {
        var badge = await NewStaffAsync();
        var login = await LoginAsync(badge);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PostAsJsonAsync($"/api/staff/{badge}/password", new { password = "secret-456" })).StatusCode);
        await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = login.RefreshToken }), HttpStatusCode.Unauthorized);
        await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" }), HttpStatusCode.Unauthorized);
        var missing = await Problem.Expect(await app.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["refreshToken"], missing.ErrorFields());
    }
}
