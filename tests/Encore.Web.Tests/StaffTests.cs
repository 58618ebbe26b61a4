using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests;

public sealed class StaffTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private static object NewStaff(string badge, string[]? roles = null, string? managerBadge = null, string password = "secret-123") => new
    {
        badge, name = "测试员工", password, roles = roles ?? ["manager"], department = "营销一部", managerBadge,
    };

    [Fact]
    public async Task The_GM_creates_staff_who_can_then_sign_in()
    {
        var gm = await app.ClientFor("gm01");
        var response = await gm.PostAsJsonAsync("/api/staff", NewStaff("m90", ["manager", "departmentHead"]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("m90", body.GetProperty("badge").GetString());
        Assert.Equal(["departmentHead", "manager"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var me = await (await app.ClientFor("m90", "secret-123")).GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("测试员工", me.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("m01")]
    [InlineData("fm01")]
    [InlineData("h01")]
    [InlineData("c01")]
    public async Task Only_the_GM_may_create_staff(string badge)
    {
        var client = await app.ClientFor(badge);
        await Problem.Expect(await client.PostAsJsonAsync("/api/staff", NewStaff("x" + badge)), HttpStatusCode.Forbidden);
        Assert.False(app.With(db => db.Users.Any(u => u.UserName == "x" + badge)));
    }

    [Fact]
    public async Task Missing_and_invalid_fields_are_named_in_Chinese_and_English()
    {
        var zh = await app.ClientFor("gm01");
        var problem = await Problem.Expect(await zh.PostAsJsonAsync("/api/staff", new { badge = "ok1", password = "secret-123", roles = new[] { "wizard" } }), HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.ErrorFields());
        Assert.Contains("roles", problem.ErrorFields());
        Assert.Contains("姓名：必填", problem.Detail());

        var en = await app.ClientFor("gm01", language: "en");
        var english = await Problem.Expect(await en.PostAsJsonAsync("/api/staff", NewStaff("ok2", password: "short")), HttpStatusCode.BadRequest);
        Assert.Equal(["password"], english.ErrorFields());
        Assert.Contains("Password:", english.Detail());
        Assert.False(app.With(db => db.Users.Any(u => u.UserName == "ok1" || u.UserName == "ok2")));
    }

    [Fact]
    public async Task A_taken_badge_is_a_conflict()
    {
        var gm = await app.ClientFor("gm01");
        var problem = await Problem.Expect(await gm.PostAsJsonAsync("/api/staff", NewStaff("m02")), HttpStatusCode.Conflict);
        Assert.Contains("m02", problem.Detail());
    }

    [Fact]
    public async Task A_promoter_works_under_a_customer_manager()
    {
        var gm = await app.ClientFor("gm01");
        var missing = await Problem.Expect(await gm.PostAsJsonAsync("/api/staff", NewStaff("p90", ["promoter"])), HttpStatusCode.BadRequest);
        Assert.Equal(["managerBadge"], missing.ErrorFields());
        var notManager = await Problem.Expect(await gm.PostAsJsonAsync("/api/staff", NewStaff("p91", ["promoter"], "h02")), HttpStatusCode.BadRequest);
        Assert.Equal(["managerBadge"], notManager.ErrorFields());

        var created = await gm.PostAsJsonAsync("/api/staff", NewStaff("p92", ["promoter"], "m03"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("m03", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("managerBadge").GetString());
    }

    [Fact]
    public async Task A_disabled_account_loses_access_at_once_and_cannot_sign_in()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff", NewStaff("m91"))).StatusCode);
        var victim = await app.ClientFor("m91", "secret-123");
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m91/disable", null)).StatusCode);

        await Problem.Expect(await victim.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        var again = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m91", password = "secret-123" });
        await Problem.Expect(again, HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m91/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m91", "secret-123")).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_old_sessions_and_sets_the_new_password()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff", NewStaff("m92"))).StatusCode);
        var old = await app.ClientFor("m92", "secret-123");

        var weak = await gm.PostAsJsonAsync("/api/staff/m92/password", new { password = "abc" });
        Assert.Equal(["password"], (await Problem.Expect(weak, HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsJsonAsync("/api/staff/m92/password", new { password = "brand-new-9" })).StatusCode);

        await Problem.Expect(await old.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m92", "brand-new-9")).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_GM_cannot_disable_themself()
    {
        var gm = await app.ClientFor("gm01");
        await Problem.Expect(await gm.PostAsync("/api/staff/gm01/disable", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_staff_is_404()
    {
        var gm = await app.ClientFor("gm01");
        await Problem.Expect(await gm.PostAsync("/api/staff/nobody/disable", null), HttpStatusCode.NotFound);
    }
}
