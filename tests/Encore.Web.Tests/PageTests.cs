using System.Net;
using System.Net.Http.Json;

namespace Encore.Web.Tests;

/// <summary>The pages over HTTP with a cookie jar: antiforgery, the login cookie, role checks.</summary>
public sealed class PageTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private HttpClient Browser() => PageSession.Browser(app);

    private static Task<string> TokenFrom(HttpClient client, string path) => PageSession.TokenFrom(client, path);

    private Task<HttpClient> SignedIn(string badge) => PageSession.SignedIn(app, badge);

    [Fact]
    public async Task A_page_needs_a_signed_in_user()
    {
        var response = await Browser().GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = Browser();
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Venue"] = "main", ["Badge"] = "gm01", ["Password"] = "encore123",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("encore.auth="));
    }

    [Fact]
    public async Task A_GM_form_post_without_the_token_changes_nothing()
    {
        var gm = await SignedIn("gm01");
        var response = await gm.PostAsync("/staff?handler=Disable&badge=m07", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(app.With(db => db.MainStaff("m07").IsActive));

        var token = await TokenFrom(gm, "/staff");
        var done = await gm.PostAsync("/staff?handler=Disable&badge=m07", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(app.With(db => db.MainStaff("m07").IsActive));
    }

    [Fact]
    public async Task A_manager_is_sent_to_access_denied_for_GM_pages()
    {
        var manager = await SignedIn("m08");
        foreach (var page in new[] { "/staff", "/audit" })
        {
            var response = await manager.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/denied", response.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/rooms")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/house-rules")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_cookie_session()
    {
        var victim = await SignedIn("m09");
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/api/auth/me")).StatusCode);
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m09/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await victim.GetAsync("/api/auth/me")).StatusCode);
        var page = await victim.GetAsync("/rooms");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_house_rules_page_saves_a_change_for_the_GM_only()
    {
        var manager = await SignedIn("m10");
        var managerToken = await TokenFrom(manager, "/house-rules");
        var refused = await manager.PostAsync("/house-rules", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bookings.cleaningMinutes"] = "9", ["__RequestVerificationToken"] = managerToken,
        }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/denied", refused.Headers.Location!.PathAndQuery);
        // Main's rules are still the defaults it started with (hangzhou has the version it was opened with).
        Assert.Equal(0, app.With(db => db.HouseRuleVersions.OfMain(db).Count()));

        var gm = await SignedIn("gm01");
        var token = await TokenFrom(gm, "/house-rules");
        var saved = await gm.PostAsync("/house-rules", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["bookings.cleaningMinutes"] = "9", ["fines.tipMultipliers"] = "5, 10, 20", ["authority.gm.maxCompValue"] = "", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rules = await (await app.ClientFor("m10")).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/house-rules");
        Assert.Equal(9, rules.GetProperty("bookings").GetProperty("cleaningMinutes").GetInt32());
        Assert.Equal(3, rules.GetProperty("fines").GetProperty("tipMultipliers").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rules.GetProperty("authority").GetProperty("gm").GetProperty("maxCompValue").ValueKind);
    }
}
