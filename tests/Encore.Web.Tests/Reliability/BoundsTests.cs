using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Issue 12 item 11, the cases the probe reproduced: numbers and dates without bounds. Each is refused with 400
/// problem details naming the field and the rule (Platform/Ranges.cs), carries the security headers, and changes
/// nothing; before, the POS import stored a spend of 92,233,720,368,547,758.07 (and the standings showed it), a
/// larger one, months and days at the calendar's ends, a booking in year 0001 and leave from 0001 to 9999 answered
/// 500 without the security headers.
/// </summary>
public sealed class BoundsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal(fields, problem.ErrorFields());
        AssertSecurityHeaders(response);
        return problem;
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff",
            $"{(int)response.StatusCode} without X-Content-Type-Options");
        Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{(int)response.StatusCode} without Content-Security-Policy");
    }

    [Fact]
    public async Task A_POS_spend_past_one_bills_bound_is_refused_naming_the_line_and_the_standings_never_show_it()
    {
        var room = await app.OpenRoomForAsync("m10", "13200000110");
        var cashier = await app.ClientFor("c01", language: "en");
        Assert.Equal(HttpStatusCode.OK, (await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1000 })).StatusCode);
        var day = (await (await app.ClientFor("m10")).GetFromJsonAsync<JsonElement>("/api/bookings")).EnumerateArray().First().Str("businessDay");
        decimal Spend() => app.With(db => db.RoomSessions.Where(s => db.Rooms.Any(r => r.Id == s.RoomId && r.Number == room) && s.ClosedAt != null)
            .OrderByDescending(s => s.ClosedAt).Select(s => s.Spend).First());

        // The reproduced value (long.MaxValue fen, stored before), the next fen (500 before), and one far past.
        foreach (var spend in new[] { "92233720368547758.07", "92233720368547758.08", "99999999999999999999999.99", "10000000.01" })
        {
            var csv = $"businessDay,roomNumber,spend,roomCharge\n{day},{room},{spend},0\n";
            var problem = await RefusedAsync(await cashier.PostAsync("/api/pos/import", new StringContent(csv, Encoding.UTF8, "text/csv")), "line 2");
            Assert.Contains("Spend must be between 0 and 10000000", problem.Detail());
            Assert.Equal(1000m, Spend());
        }
        var standings = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/performance");
        Assert.All(standings.EnumerateArray(), s => Assert.True(s.GetProperty("spend").GetDecimal() + s.GetProperty("unsignedSpend").GetDecimal() <= 10_000_000m, s.ToString()));

        // A business day outside the window is named too; the bound itself is accepted.
        var farDay = await cashier.PostAsync("/api/pos/import", new StringContent($"businessDay,roomNumber,spend\n9999-12-31,{room},1\n", Encoding.UTF8, "text/csv"));
        Assert.Contains("Business day must be between 2000-01-01 and 2099-12-31", (await RefusedAsync(farDay, "line 2")).Detail());
        var atBound = await cashier.PostAsync("/api/pos/import", new StringContent($"businessDay,roomNumber,spend\n{day},{room},10000000.00\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, atBound.StatusCode);
        Assert.Equal(10_000_000m, Spend());
    }

    [Theory]
    [InlineData("/api/performance?month=9999-12", "month")]
    [InlineData("/api/performance?month=0001-01", "month")]
    [InlineData("/api/bookings?businessDay=9999-12-31", "businessDay")]
    [InlineData("/api/bookings?businessDay=0001-01-01", "businessDay")]
    [InlineData("/api/violations?month=9999-12", "month")]
    [InlineData("/api/statements/m01?month=0001-01", "month")]
    [InlineData("/api/statements/m01/csv?month=9999-12", "month")]
    [InlineData("/api/attendance?businessDay=0001-01-01", "businessDay")]
    [InlineData("/api/rotation?businessDay=9999-12-31", "businessDay")]
    [InlineData("/api/pings?businessDay=9999-12-31", "businessDay")]
    [InlineData("/api/performance-cards/9999-12-31", "businessDay")]
    [InlineData("/api/audit?page=2147483647", "page")]
    [InlineData("/api/audit?from=0001-01-01T00:00:00Z", "from")]
    public async Task Days_and_months_at_the_calendars_ends_are_refused_naming_the_parameter(string path, string field) =>
        await RefusedAsync(await (await app.ClientFor("gm01")).GetAsync(path), field);

    [Fact]
    public async Task A_target_for_month_9999_12_is_refused_and_not_stored()
    {
        int Targets() => app.With(db => db.MonthlyTargets.Count());
        var before = Targets();
        var fm = await app.ClientFor("fm01");
        await RefusedAsync(await fm.PutAsJsonAsync("/api/targets/m12/9999-12", new { spend = 1000 }), "month");
        await RefusedAsync(await fm.PutAsJsonAsync("/api/targets/m12/0001-01", new { }), "month");
        await RefusedAsync(await fm.PostAsync("/api/performance-cards/9999-12-31/sign", null), "businessDay");
        Assert.Equal(before, Targets());
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("0001-01-01T07:59")]
    [InlineData("0001-01-01T00:00:00+08:00")]
    [InlineData("9999-12-31T23:59:59+14:00")]
    public async Task A_booking_arriving_at_the_calendars_ends_is_refused_naming_arrival(string arrival)
    {
        var before = app.With(db => db.Bookings.Count());
        var response = await (await app.ClientFor("m02", language: "en")).PostAsJsonAsync("/api/bookings",
            new { customerName = "远古客", customerPhone = DeskClient.NewPhone(), arrival, partySize = 4 });
        Assert.Contains("Arrival time: must be between 2000-01-01 and 2099-12-31", (await RefusedAsync(response, "arrival")).Detail());
        Assert.Equal(before, app.With(db => db.Bookings.Count()));
    }

    [Fact]
    public async Task Leave_from_0001_to_9999_is_refused_naming_from_and_to()
    {
        var before = app.With(db => db.LeaveRequests.Count());
        var m03 = await app.ClientFor("m03", language: "en");
        var response = await m03.PostAsJsonAsync("/api/leave", new { kind = "personal", from = "0001-01-01T00:00:00", to = "9999-12-31T23:59:59", reason = "永远" });
        var problem = await RefusedAsync(response, "from", "to");
        Assert.Contains("between 2000-01-01 and 2099-12-31", problem.Detail());
        // Inside the calendar window but decades long: leave lies within a year of today.
        await RefusedAsync(await m03.PostAsJsonAsync("/api/leave", new { kind = "personal", from = "2026-11-21T20:00:00", to = "2099-12-31T23:00:00", reason = "很久" }), "to");
        Assert.Equal(before, app.With(db => db.LeaveRequests.Count()));
    }

    /// <summary>
    /// Found by the fuzz suite on PostgreSQL: a NUL in a query value reached the database, which refuses it in any
    /// text (22021), and the search answered 500 (SQLite stored it silently and answered 200). It is refused with
    /// 400 naming the parameter, as a NUL in a body's text is.
    /// </summary>
    [Theory]
    [InlineData("/api/customers?q=%00", "q")]
    [InlineData("/api/violations?badge=m01%00", "badge")]
    [InlineData("/api/audit?Actor=%00", "Actor")]
    [InlineData("/api/leave?status=%07", "status")]
    public async Task A_control_character_in_a_query_value_is_refused_naming_the_parameter(string path, string field) =>
        await RefusedAsync(await (await app.ClientFor("gm01")).GetAsync(path), field);

    /// <summary>A query value that is not even of its parameter's type fails model binding: 400 naming the parameter, not 500 or "body".</summary>
    [Theory]
    [InlineData("/api/audit?page=99999999999999999999", "page")]
    [InlineData("/api/audit?Page=NaN", "page")]
    [InlineData("/api/audit?from=9999-12-31T23:59:59-14:00", "from")]
    [InlineData("/api/leave?mine=maybe", "mine")]
    public async Task A_value_that_does_not_bind_is_refused_naming_the_parameter_with_the_security_headers(string path, string field) =>
        await RefusedAsync(await (await app.ClientFor("gm01")).GetAsync(path), field);
}
