using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests;

public sealed class HouseRulesTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Every_role_reads_the_SPEC_defaults()
    {
        var rules = await (await app.ClientFor("m05")).GetFromJsonAsync<JsonElement>("/api/house-rules");
        Assert.Equal("06:00", rules.GetProperty("businessDay").GetProperty("cutoff").GetString());
        Assert.Equal("Asia/Shanghai", rules.GetProperty("businessDay").GetProperty("timeZone").GetString());
        Assert.Equal("20:45", rules.GetProperty("bookings").GetProperty("earlyArrivalBefore").GetString());
        Assert.Equal("21:00", rules.GetProperty("bookings").GetProperty("earlyHoldUntil").GetString());
        Assert.Equal(0.10m, rules.GetProperty("authority").GetProperty("manager").GetProperty("maxDiscountRate").GetDecimal());
        Assert.Equal(200m, rules.GetProperty("authority").GetProperty("manager").GetProperty("maxCompValue").GetDecimal());
        Assert.Equal(300000m, rules.GetProperty("performance").GetProperty("monthlySpendTarget").GetDecimal());
        Assert.Equal(5, rules.GetProperty("attendance").GetProperty("pingAnswerMinutes").GetInt32());
    }

    [Fact]
    public async Task A_partial_update_changes_only_what_it_names_and_is_kept_in_history()
    {
        var gm = await app.ClientFor("gm01");
        var before = await gm.GetFromJsonAsync<JsonElement>("/api/house-rules");

        var put = await gm.PutAsJsonAsync("/api/house-rules", new { bookings = new { standardHoldMinutes = 25 }, note = "周末延长保留" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await gm.GetFromJsonAsync<JsonElement>("/api/house-rules");
        Assert.Equal(25, after.GetProperty("bookings").GetProperty("standardHoldMinutes").GetInt32());
        Assert.Equal(before.GetProperty("bookings").GetProperty("lateHoldMinutes").GetInt32(), after.GetProperty("bookings").GetProperty("lateHoldMinutes").GetInt32());
        Assert.Equal(before.GetProperty("fines").ToString(), after.GetProperty("fines").ToString());

        var history = await gm.GetFromJsonAsync<JsonElement>("/api/house-rules/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("note").GetString() == "周末延长保留" && h.GetProperty("createdBy").GetString() == "gm01");
    }

    [Theory]
    [InlineData("""{"bookings":{"standardHoldMinutes":0}}""", "bookings.standardHoldMinutes")]
    [InlineData("""{"bookings":{"standardHoldMinutes":"soon"}}""", "bookings.standardHoldMinutes")]
    [InlineData("""{"bookings":{"holdForever":true}}""", "bookings.holdForever")]
    [InlineData("""{"attendance":{"lateFineMin":150}}""", "attendance.lateFineMin")]
    [InlineData("""{"businessDay":{"timeZone":"Mars/Olympus"}}""", "businessDay.timeZone")]
    [InlineData("""{"businessDay":{"cutoff":"6 o'clock"}}""", "businessDay.cutoff")]
    [InlineData("""{"fines":{"offenderShare":0.5}}""", "fines")]
    [InlineData("""{"authority":{"manager":{"maxDiscountRate":1.5}}}""", "authority.manager.maxDiscountRate")]
    [InlineData("""{"bookings":5}""", "bookings")]
    [InlineData("""{"effectiveFrom":"2020-01-01T00:00:00+08:00"}""", "effectiveFrom")]
    public async Task An_invalid_rule_is_refused_naming_the_field_and_nothing_changes(string json, string field)
    {
        var gm = await app.ClientFor("gm01");
        var versions = app.With(db => db.HouseRuleVersions.Count());
        var response = await gm.PutAsync("/api/house-rules", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.ErrorFields(), f => f.StartsWith(field, StringComparison.Ordinal));
        Assert.Equal(versions, app.With(db => db.HouseRuleVersions.Count()));
    }

    [Fact]
    public async Task Only_the_GM_changes_house_rules()
    {
        var floor = await app.ClientFor("fm01");
        await Problem.Expect(await floor.PutAsJsonAsync("/api/house-rules", new { bookings = new { cleaningMinutes = 5 } }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_change_effective_later_takes_effect_when_the_clock_reaches_it()
    {
        var gm = await app.ClientFor("gm01");
        var clock = await gm.GetFromJsonAsync<JsonElement>("/api/clock");
        var now = clock.GetProperty("now").GetDateTimeOffset();
        var from = now.AddHours(2);

        var put = await gm.PutAsJsonAsync("/api/house-rules", new { effectiveFrom = from, performance = new { monthlyRoomsTarget = 75 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.NotEqual(75, (await gm.GetFromJsonAsync<JsonElement>("/api/house-rules")).GetProperty("performance").GetProperty("monthlyRoomsTarget").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = from.AddMinutes(1) })).StatusCode);
        var later = await gm.GetFromJsonAsync<JsonElement>("/api/house-rules");
        Assert.Equal(75, later.GetProperty("performance").GetProperty("monthlyRoomsTarget").GetInt32());
        Assert.Equal(from, later.GetProperty("effectiveFrom").GetDateTimeOffset());
    }
}
