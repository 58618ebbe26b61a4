using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// SPEC.md "Attendance and leave" on the simulated clock, at and around each boundary: the 18:00 sign-in, the
/// call-in, the customer dinner's hour of notice and 20:30 return, the 5-minute ping, closing at 02:00, and the
/// end of the business day for those who never came.
/// </summary>
public sealed class AttendanceNightTests(AttendanceNightTests.Venue app) : ServerTest(app), IClassFixture<AttendanceNightTests.Venue>
{
    /// <summary>15:00 on 2026-11-20, before anyone signs in for the night; other attendance tests use it too (a server per class).</summary>
    public sealed class Venue : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T15:00:00+08:00");
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task At(string local) => await (await app.ClientFor("gm01")).SetClockAsync(T(local));

    /// <summary>The person's violations of this night (the demo venue has a history of its own before it).</summary>
    private async Task<List<JsonElement>> ViolationsOf(string badge) =>
        (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>($"/api/violations?badge={badge}")).EnumerateArray()
            .Where(v => string.CompareOrdinal(v.Str("businessDay"), "2026-11-20") >= 0).ToList();

    private async Task<JsonElement> Today(string badge) =>
        await (await app.ClientFor(badge)).GetFromJsonAsync<JsonElement>("/api/attendance/today");

    [Fact]
    public async Task A_night_of_attendance_rules_at_their_boundaries()
    {
        // 15:59 and 16:00:00 ask a customer dinner from 17:00 in time (an hour ahead); 16:00:01 is too late.
        await At("2026-11-20T15:59");
        var dinner6 = Json(await (await (await app.ClientFor("m06")).PostAsJsonAsync("/api/leave", new { kind = "customerDinner", from = "2026-11-20T17:00:00+08:00", to = "2026-11-20T20:00:00+08:00", reason = "陪王总吃饭" })).Content.ReadAsStringAsync());
        Assert.Equal("pending", dinner6.Str("status"));
        await At("2026-11-20T16:00");
        var m08 = await (await app.ClientFor("m08")).PostAsJsonAsync("/api/leave", new { kind = "customerDinner", from = "17:00", to = "20:00", reason = "陪李总" });
        Assert.Equal(HttpStatusCode.Created, m08.StatusCode);
        var dinner8 = Json(await m08.Content.ReadAsStringAsync());
        await At("2026-11-20T16:00:01");
        var tooLate = await (await app.ClientFor("m07")).PostAsJsonAsync("/api/leave", new { kind = "customerDinner", from = "17:00", to = "20:00", reason = "x" });
        Assert.Equal(["from"], (await Problem.Expect(tooLate, HttpStatusCode.BadRequest)).ErrorFields());
        var floor = await app.ClientFor("fm01");
        foreach (var d in new[] { dinner6, dinner8 })
            Assert.Equal("approved", Json(await (await floor.PostAsync($"/api/leave/{d.Str("id")}/approve", null)).Content.ReadAsStringAsync()).Str("status"));
        await Problem.Expect(await (await app.ClientFor("m06")).PostAsync($"/api/leave/{dinner6.Str("id")}/approve", null), HttpStatusCode.Forbidden);
        // m05 asks for the night off but nobody approves it.
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("m05")).PostAsJsonAsync("/api/leave", new { kind = "personal", from = "19:00", to = "02:00", reason = "家里有事" })).StatusCode);

        // 17:30 m01 calls in: will be late.
        await At("2026-11-20T17:30");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m01")).PostAsJsonAsync("/api/attendance/call-in", new { reason = "堵车" })).StatusCode);

        // 18:00:00 is on time; 18:00:01 is late, and without a call-in costs the day.
        await At("2026-11-20T18:00");
        var onTime = Json(await (await (await app.ClientFor("m02")).PostAsync("/api/attendance/sign-in", null)).Content.ReadAsStringAsync());
        Assert.False(onTime.GetProperty("late").GetBoolean());
        await At("2026-11-20T18:00:01");
        var m03 = await app.ClientFor("m03");
        var late = Json(await (await m03.PostAsync("/api/attendance/sign-in", null)).Content.ReadAsStringAsync());
        Assert.True(late.GetProperty("late").GetBoolean());
        Assert.True(late.GetProperty("noPay").GetBoolean());
        Assert.True(late.GetProperty("bookingSuspended").GetBoolean());
        Assert.True(late.GetProperty("performanceCancelled").GetBoolean());
        var refused = await m03.PostAsJsonAsync("/api/bookings", new { customerName = "赵总", customerPhone = "13900001111", arrival = "21:00", partySize = 4 });
        var problem = await Problem.Expect(refused, HttpStatusCode.Forbidden);
        Assert.Contains("m03", problem.Detail());
        Assert.Contains("18:00", problem.Detail());
        // The desk cannot book for a suspended manager either.
        await Problem.Expect(await (await app.ClientFor("h02")).PostAsJsonAsync("/api/bookings", new { customerName = "赵总", customerPhone = "13900001111", arrival = "21:00", partySize = 4, bookerBadge = "m03" }), HttpStatusCode.Forbidden);
        var lateFine = Assert.Single(await ViolationsOf("m03"), v => v.Str("type") == "late");
        Assert.Equal(50m, lateFine.GetProperty("fine").GetDecimal());
        Assert.Equal("proposed", lateFine.Str("status"));
        await Problem.Expect(await (await app.ClientFor("m04")).PostAsJsonAsync("/api/attendance/call-in", new { reason = "晚了" }), HttpStatusCode.Conflict);

        // 18:30 m01, who called in, is late but keeps the right to book.
        await At("2026-11-20T18:30");
        var m01 = await app.ClientFor("m01");
        var calledIn = Json(await (await m01.PostAsync("/api/attendance/sign-in", null)).Content.ReadAsStringAsync());
        Assert.True(calledIn.GetProperty("late").GetBoolean());
        Assert.False(calledIn.GetProperty("bookingSuspended").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await m01.PostAsJsonAsync("/api/bookings", new { customerName = "钱总", customerPhone = "13900002222", arrival = "21:00", partySize = 4 })).StatusCode);
        await (await app.ClientFor("m04")).PostAsync("/api/attendance/sign-in", null);

        // Customer dinners: back at 20:30:00 is in time; 20:30:01 is absent with the day's performance cancelled.
        await At("2026-11-20T20:30");
        await (await app.ClientFor("m06")).PostAsync($"/api/leave/{dinner6.Str("id")}/back", null);
        await At("2026-11-20T20:30:01");
        await (await app.ClientFor("m08")).PostAsync($"/api/leave/{dinner8.Str("id")}/back", null);
        await app.SweptThroughNowAsync();
        Assert.True((await Today("m08")).GetProperty("absent").GetBoolean());
        Assert.True((await Today("m08")).GetProperty("performanceCancelled").GetBoolean());
        Assert.False((await Today("m06")).GetProperty("absent").GetBoolean());

        // Pings: answered at 21:05:00 is in time; at 21:05:01 it is off-post (fine 100).
        await At("2026-11-20T21:00");
        var pings = Json(await (await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m02", "m04" }, message = "在哪个房？" })).Content.ReadAsStringAsync());
        string PingOf(string badge) => pings.EnumerateArray().Single(p => p.Str("badge") == badge).Str("id");
        await At("2026-11-20T21:05");
        Assert.True(Json(await (await (await app.ClientFor("m02")).PostAsync($"/api/pings/{PingOf("m02")}/answer", null)).Content.ReadAsStringAsync()).GetProperty("inTime").GetBoolean());
        await At("2026-11-20T21:05:01");
        Assert.False(Json(await (await (await app.ClientFor("m04")).PostAsync($"/api/pings/{PingOf("m04")}/answer", null)).Content.ReadAsStringAsync()).GetProperty("inTime").GetBoolean());
        await app.SweptThroughNowAsync();
        Assert.Single(await ViolationsOf("m04"), v => v.Str("type") == "offPost");
        Assert.DoesNotContain(await ViolationsOf("m02"), v => v.Str("type") == "offPost");
        Assert.Equal(100m, (await ViolationsOf("m04")).Single(v => v.Str("type") == "offPost").GetProperty("fine").GetDecimal());

        // A second off-post in the month (never answered) proposes a suspension.
        await At("2026-11-20T21:20");
        await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m04" } });
        await At("2026-11-20T21:25:01");
        await app.SweptThroughNowAsync();
        Assert.Single(await ViolationsOf("m04"), v => v.Str("type") == "suspension");
        Assert.Equal(2, (await ViolationsOf("m04")).Count(v => v.Str("type") == "offPost"));

        // Closing is 02:00: m02 leaving at 01:59 is absent; m01 at 02:00 is not.
        await At("2026-11-21T01:59");
        Assert.True(Json(await (await (await app.ClientFor("m02")).PostAsync("/api/attendance/sign-out", null)).Content.ReadAsStringAsync()).GetProperty("absent").GetBoolean());
        await At("2026-11-21T02:00");
        Assert.False(Json(await (await (await app.ClientFor("m01")).PostAsync("/api/attendance/sign-out", null)).Content.ReadAsStringAsync()).GetProperty("absent").GetBoolean());
        Assert.Equal(200m, (await ViolationsOf("m02")).Single(v => v.Str("type") == "absent").GetProperty("fine").GetDecimal());

        // After the business day: who never signed in is absent; m05's unapproved leave costs 100; dinners on leave are fine.
        await At("2026-11-21T06:00:01");
        await app.SweptThroughNowAsync();
        Assert.Equal(100m, (await ViolationsOf("m05")).Single(v => v.Str("type") == "unapprovedLeave").GetProperty("fine").GetDecimal());
        Assert.Single(await ViolationsOf("m12"), v => v.Str("type") == "absent");
        Assert.DoesNotContain(await ViolationsOf("m01"), v => v.Str("type") is "absent" or "unapprovedLeave");
        Assert.DoesNotContain(await ViolationsOf("m06"), v => v.Str("type") is "absent" or "unapprovedLeave");

        // The night's cancelled performance does not count even if the card is signed.
        var day = await app.WithAsync(db => db.AttendanceDays.Where(d => d.BusinessDay == new DateOnly(2026, 11, 20) && d.PerformanceCancelled)
            .Join(db.Users, d => d.StaffId, u => u.Id, (d, u) => u.UserName).OrderBy(b => b).ToListAsync());
        // m03 and m04 came late without a call-in (m04's call-in came too late); m08 was back late from dinner.
        Assert.Equal(["m03", "m04", "m08"], day);
    }
}
