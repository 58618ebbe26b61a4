using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Chain;

/// <summary>
/// API.md "Venues and the chain" (issue 21): the chain admin (the bootstrap account) opens venues with their own code,
/// time zone and cut-off; badges are unique within a venue, so a login names the venue once there are several; regional
/// managers compare the venues given to them; staff move between venues with their history; a venue's GM sees no chain.
/// </summary>
public sealed class ChainTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private Task<HttpClient> AdminAsync() => app.ClientFor("admin", EncoreFactory.AdminPassword);

    private async Task<JsonElement> OpenAsync(object venue) =>
        await OkAsync(await (await AdminAsync()).PostAsJsonAsync("/api/venues", venue), HttpStatusCode.Created);

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient anonymous, string? venue, string badge, string password) =>
        await anonymous.PostAsJsonAsync("/api/auth/login", new { venue, badge, password });

    [Fact]
    public async Task A_new_venue_has_its_own_zone_and_staff_and_its_GM_may_share_a_badge_with_main_once_the_login_names_the_venue()
    {
        var east = await OpenAsync(new { code = "east-1", name = "东区一店", timeZone = "Asia/Tokyo", businessDayCutoff = "05:00", region = "华东",
            gm = new { badge = "gm01", name = "东区店总", password = "east-gm-1" } });
        Assert.Equal(("east-1", "Asia/Tokyo", "05:00", 1), (east.Str("code"), east.Str("timeZone"), east.Str("businessDayCutoff"), east.GetProperty("staff").GetInt32()));

        // Two venues now: a login without the code is refused naming the field; with it, each gm01 is their own venue's.
        var anonymous = app.Anonymous();
        var refused = await Problem.Expect(await LoginAsync(anonymous, null, "gm01", "east-gm-1"), HttpStatusCode.BadRequest);
        Assert.Equal(["venue"], refused.ErrorFields());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(anonymous, "main", "gm01", "east-gm-1")).StatusCode);
        var eastGm = await app.ClientFor("gm01", "east-gm-1", venue: "east-1");
        Assert.Equal(east.Str("id"), (await OkAsync(await eastGm.GetAsync("/api/auth/me"))).Str("venueId"));
        var mainGm = await app.ClientFor("gm01");
        Assert.NotEqual(east.Str("id"), (await OkAsync(await mainGm.GetAsync("/api/auth/me"))).Str("venueId"));

        // The new venue starts empty: its own staff only, no rooms, no customers or bookings of main's.
        Assert.Equal(["gm01"], (await OkAsync(await eastGm.GetAsync("/api/staff"))).EnumerateArray().Select(s => s.Str("badge")).ToArray());
        Assert.Empty((await OkAsync(await eastGm.GetAsync("/api/rooms"))).EnumerateArray());
        Assert.Empty((await OkAsync(await eastGm.GetAsync("/api/customers"))).EnumerateArray());
        // Its house rules carry the zone and cut-off it was opened with; main's are untouched.
        var eastDay = (await OkAsync(await eastGm.GetAsync("/api/house-rules"))).GetProperty("businessDay");
        Assert.Equal(("Asia/Tokyo", "05:00"), (eastDay.Str("timeZone"), eastDay.Str("cutoff")));
        Assert.Equal("Asia/Shanghai", (await OkAsync(await mainGm.GetAsync("/api/house-rules"))).GetProperty("businessDay").Str("timeZone"));

        // A venue's GM holds no chain capability, in either venue.
        await Problem.Expect(await mainGm.PostAsJsonAsync("/api/venues", new { code = "x-1", name = "x", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await eastGm.GetAsync("/api/chain/summary"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("East 1", "东区", "Asia/Shanghai", "06:00", "code")]
    [InlineData("e", "东区", "Asia/Shanghai", "06:00", "code")]
    [InlineData("east-bad", "", "Asia/Shanghai", "06:00", "name")]
    [InlineData("east-bad", "东区", "Mars/Olympus", "06:00", "timeZone")]
    [InlineData("east-bad", "东区", "Asia/Shanghai", "6am", "businessDayCutoff")]
    [InlineData("east-bad", "东区", "Asia/Shanghai", "13:00", "businessDayCutoff")]
    public async Task Bad_input_is_refused_naming_the_field_and_opens_nothing(string code, string name, string zone, string cutoff, string field)
    {
        var admin = await AdminAsync();
        var problem = await Problem.Expect(await admin.PostAsJsonAsync("/api/venues", new { code, name, timeZone = zone, businessDayCutoff = cutoff }), HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
        Assert.False(await app.WithAsync(db => db.Venues.AnyAsync(v => v.Code == code.ToLower())));
    }

    [Fact]
    public async Task A_taken_code_answers_409_and_a_refused_first_GM_undoes_the_whole_venue()
    {
        var admin = await AdminAsync();
        await Problem.Expect(await admin.PostAsJsonAsync("/api/venues", new { code = "main", name = "重名", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00" }), HttpStatusCode.Conflict);
        var weak = await Problem.Expect(await admin.PostAsJsonAsync("/api/venues", new { code = "weak-gm", name = "弱密码店", timeZone = "Asia/Shanghai",
            businessDayCutoff = "06:00", gm = new { badge = "gm01", name = "店总", password = "short" } }), HttpStatusCode.BadRequest);
        Assert.Equal(["gm.password"], weak.ErrorFields());
        // Nothing of it stays: the venue, its rules and the GM went with the refused request's transaction.
        Assert.False(await app.WithAsync(db => db.Venues.AnyAsync(v => v.Code == "weak-gm")));
        Assert.False(await app.WithAsync(db => db.Users.AnyAsync(u => u.Name == "店总" && u.UserName == "gm01")));
    }

    [Fact]
    public async Task The_summary_equals_each_venues_daily_report_rolls_up_by_region_and_a_regional_manager_sees_only_their_venues()
    {
        await OpenAsync(new { code = "west-1", name = "西区一店", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00", region = "华西" });
        var admin = await AdminAsync();
        var summary = await OkAsync(await admin.GetAsync("/api/chain/summary"));
        var day = summary.Str("businessDay");
        var main = summary.GetProperty("venues").EnumerateArray().Single(v => v.Str("code") == "main");
        var daily = await OkAsync(await (await app.ClientFor("gm01")).GetAsync($"/api/reports/daily?businessDay={day}"));
        Assert.True(daily.GetProperty("sessions").GetInt32() > 0, "the demo has sessions on yesterday's night");
        Assert.Equal(daily.GetProperty("sessions").GetInt32(), main.GetProperty("sessions").GetInt32());
        Assert.Equal(daily.GetProperty("spend").GetDecimal(), main.GetProperty("spend").GetDecimal());
        Assert.Equal(daily.GetProperty("occupancy").GetDecimal(), main.GetProperty("occupancy").GetDecimal());
        Assert.Equal(daily.GetProperty("complaints").GetInt32(), main.GetProperty("complaints").GetInt32());
        Assert.Equal(daily.GetProperty("attendance").ToString(), main.GetProperty("attendance").ToString());
        var west = summary.GetProperty("venues").EnumerateArray().Single(v => v.Str("code") == "west-1");
        Assert.Equal((0, 0m), (west.GetProperty("sessions").GetInt32(), west.GetProperty("spend").GetDecimal()));
        var huaxi = summary.GetProperty("regions").EnumerateArray().Single(r => r.Str("region") == "华西");
        Assert.Equal(1, huaxi.GetProperty("venues").GetInt32());
        var venues = summary.GetProperty("venues").EnumerateArray().ToList();
        Assert.Equal(venues.Sum(v => v.GetProperty("spend").GetDecimal()), summary.GetProperty("chain").GetProperty("spend").GetDecimal());
        Assert.Equal(venues.Count, summary.GetProperty("chain").GetProperty("venues").GetInt32());

        // dh01 (main's department head) oversees west-1 as a regional manager: the chain's figures of that venue only.
        var given = await OkAsync(await admin.PutAsJsonAsync("/api/chain/regional-managers", new { venue = "main", badge = "dh01", venues = new[] { "west-1" } }));
        Assert.Equal(["west-1"], given.GetProperty("venues").EnumerateArray().Select(v => v.GetString()!).ToArray());
        // The chain admin's list of regional managers names dh01 by their own venue with the venues they oversee.
        var listed = (await OkAsync(await admin.GetAsync("/api/chain/regional-managers"))).EnumerateArray().Single(r => r.Str("badge") == "dh01");
        Assert.Equal(("main", "张部长", "west-1"), (listed.Str("venue"), listed.Str("name"), string.Join(",", listed.GetProperty("venues").EnumerateArray().Select(v => v.GetString()))));
        var regional = await app.ClientFor("dh01");
        Assert.Equal(["west-1"], (await OkAsync(await regional.GetAsync("/api/chain/summary"))).GetProperty("venues").EnumerateArray().Select(v => v.Str("code")).ToArray());
        Assert.Equal(["west-1"], (await OkAsync(await regional.GetAsync("/api/venues"))).EnumerateArray().Select(v => v.Str("code")).ToArray());
        await Problem.Expect(await regional.PostAsJsonAsync("/api/venues", new { code = "r-1", name = "x", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00" }), HttpStatusCode.Forbidden);
        var unknown = await Problem.Expect(await admin.PutAsJsonAsync("/api/chain/regional-managers", new { venue = "main", badge = "dh01", venues = new[] { "nowhere" } }), HttpStatusCode.BadRequest);
        Assert.Equal(["venues"], unknown.ErrorFields());
        // The page shows the same rows, on a phone as on a desk.
        var page = await (await app.ClientFor("admin", EncoreFactory.AdminPassword)).GetStringAsync("/chain");
        Assert.Contains("data-venue=\"west-1\"", page);
        Assert.Contains("data-venue=\"main\"", page);
    }

    [Fact]
    public async Task A_moved_member_signs_in_at_the_new_venue_and_what_they_did_stays_with_the_old_one()
    {
        await OpenAsync(new { code = "north-1", name = "北区一店", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00" });
        var before = await app.ClientFor("m12");
        var mainGm = await app.ClientFor("gm01");
        // Main's m12 (hangzhou, the demo's second venue, has its own m12).
        var m12 = app.With(db => db.MainStaff("m12").Id);
        var bookingsOfM12 = await app.WithAsync(db => db.Bookings.CountAsync(b => b.BookerId == m12));

        var admin = await AdminAsync();
        var move = await OkAsync(await admin.PostAsJsonAsync("/api/chain/staff-moves", new { fromVenue = "main", badge = "m12", toVenue = "north-1", note = "调任" }), HttpStatusCode.Created);
        Assert.Equal(("main", "north-1"), (move.Str("fromVenue"), move.Str("toVenue")));
        // Signed out everywhere by the move; signs in with the new venue's code.
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(app.Anonymous(), "main", "m12", EncoreFactory.PasswordOf("m12"))).StatusCode);
        var after = await app.ClientFor("m12", venue: "north-1");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/auth/me")).StatusCode);
        Assert.DoesNotContain("m12", (await OkAsync(await mainGm.GetAsync("/api/staff"))).EnumerateArray().Select(s => s.Str("badge")));
        // Their bookings stay main's (the history is the venue's); none came with them.
        Assert.True(bookingsOfM12 > 0);
        Assert.Equal(bookingsOfM12, await app.WithAsync(db => db.Bookings.CountAsync(b => b.BookerId == m12 && db.Venues.Any(v => v.Id == b.VenueId && v.Code == "main"))));
        Assert.Empty((await OkAsync(await after.GetAsync("/api/bookings"))).EnumerateArray());
        var moves = await OkAsync(await admin.GetAsync("/api/chain/staff-moves?badge=m12"));
        Assert.Single(moves.EnumerateArray());

        // Back to main is refused while main has an m12 again; unknown venues are named.
        await OkAsync(await (await app.ClientFor("gm01")).PostAsJsonAsync("/api/staff", new { badge = "m12", name = "新人", password = "newcomer-1", roles = new[] { "manager" } }), HttpStatusCode.Created);
        await Problem.Expect(await admin.PostAsJsonAsync("/api/chain/staff-moves", new { fromVenue = "north-1", badge = "m12", toVenue = "main" }), HttpStatusCode.Conflict);
        var nowhere = await Problem.Expect(await admin.PostAsJsonAsync("/api/chain/staff-moves", new { fromVenue = "north-1", badge = "m12", toVenue = "nowhere" }), HttpStatusCode.BadRequest);
        Assert.Equal(["toVenue"], nowhere.ErrorFields());
    }

    [Fact]
    public async Task The_bootstrap_admin_cannot_be_disabled_but_another_venues_own_admin_badge_is_an_ordinary_account()
    {
        await OpenAsync(new { code = "south-1", name = "南区一店", timeZone = "Asia/Shanghai", businessDayCutoff = "06:00",
            gm = new { badge = "gm01", name = "南区店总", password = "south-gm-1" } });
        var southGm = await app.ClientFor("gm01", "south-gm-1", venue: "south-1");
        await OkAsync(await southGm.PostAsJsonAsync("/api/staff", new { badge = "admin", name = "南区前台", password = "south-admin-1", roles = new[] { "host" } }), HttpStatusCode.Created);
        // South's own "admin" is one of its hosts: its GM disables it like anyone.
        await OkAsync(await southGm.PostAsync("/api/staff/admin/disable", null));
        // The installation's bootstrap account is not: main's GM is refused.
        await Problem.Expect(await (await app.ClientFor("gm01")).PostAsync("/api/staff/admin/disable", null), HttpStatusCode.Conflict);
        Assert.True(await app.WithAsync(db => db.Users.AnyAsync(u => u.UserName == "admin" && u.IsActive && db.Venues.Any(v => v.Id == u.VenueId && v.Code == "main"))));
    }
}
