using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// SPEC.md "Attendance and leave" (issue 14): a confirmed suspension (停职; here the second off-post of the month,
/// confirmed by the floor) lasts the house-rule business days (attendance.suspensionDays, default 3) from the day it is
/// confirmed: no booking (403 naming it and its last day), skipped in the rotation, no performance, shown on the
/// statement and the home page. A proposed or dismissed one does nothing. On the simulated clock, at the day boundaries.
/// </summary>
public sealed class SuspensionTests(AttendanceNightTests.Venue app) : ServerTest(app), IClassFixture<AttendanceNightTests.Venue>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task At(string local) => await (await app.ClientFor("gm01")).SetClockAsync(T(local));

    private async Task Rules(object change)
    {
        var put = await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules", change);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> Book(string badge, string arrival) =>
        await (await app.ClientFor(badge)).PostAsJsonAsync("/api/bookings", new { customerName = "停职测试", customerPhone = DeskClient.NewPhone(), arrival, partySize = 4 });

    /// <summary>The refusal of a suspended booker: 403 with the rule's text naming them and the suspension's dates.</summary>
    private static async Task ExpectSuspended(HttpResponseMessage refused, string badge, string lastDay)
    {
        var problem = await Problem.Expect(refused, HttpStatusCode.Forbidden);
        Assert.EndsWith("/booking.suspended", problem.Str("type"));
        Assert.Equal($"{badge} 已被停职（2026-11-20 起，最后一天 {lastDay}），停职期间不能订房。", problem.Detail());
    }

    private async Task<List<JsonElement>> Suspensions(string badge) =>
        (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>($"/api/violations?badge={badge}")).EnumerateArray()
            .Where(v => v.Str("type") == "suspension").ToList();

    private async Task<Dictionary<string, JsonElement>> Queue() =>
        (await (await app.ClientFor("h02")).GetFromJsonAsync<JsonElement>("/api/rotation")).EnumerateArray().ToDictionary(q => q.Str("badge"));

    private async Task<JsonElement> Standing(string badge) =>
        (await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/performance?month=2026-11")).EnumerateArray().Single(s => s.Str("badge") == badge);

    [Fact]
    public async Task A_confirmed_suspension_refuses_bookings_skips_the_rotation_and_voids_performance_for_its_house_rule_days()
    {
        var floor = await app.ClientFor("fm01");
        // Two unanswered pings each for m06 and m07: the second off-post of the month proposes a suspension.
        foreach (var (sent, late) in new[] { ("15:00", "15:05:01"), ("15:10", "15:15:01") })
        {
            await At($"2026-11-20T{sent}");
            Assert.Equal(HttpStatusCode.Created, (await floor.PostAsJsonAsync("/api/pings", new { badges = new[] { "m06", "m07" } })).StatusCode);
            await At($"2026-11-20T{late}");
            await app.SweptThroughNowAsync();
        }
        var m06Suspension = Assert.Single(await Suspensions("m06"));
        var m07Suspension = Assert.Single(await Suspensions("m07"));
        Assert.Equal("proposed", m06Suspension.Str("status"));

        // Proposed does nothing: m06 books tonight's guest (the booking that will earn on a suspended day).
        await At("2026-11-20T15:20");
        var booked = await Book("m06", "2026-11-20T20:00:00+08:00");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = Json(await booked.Content.ReadAsStringAsync());

        // The floor confirms m06's and dismisses m07's.
        floor = await app.ClientFor("fm01");
        Assert.Equal(HttpStatusCode.OK, (await floor.PostAsJsonAsync($"/api/violations/{m06Suspension.Str("id")}/confirm", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await floor.PostAsJsonAsync($"/api/violations/{m07Suspension.Str("id")}/dismiss", new { reason = "电话没信号" })).StatusCode);

        // Day 1 (the day it is confirmed): m06 cannot book, nor can the desk for them; dismissed m07 can.
        await ExpectSuspended(await Book("m06", "2026-11-20T21:00:00+08:00"), "m06", "2026-11-22");
        await ExpectSuspended(await (await app.ClientFor("h02")).PostAsJsonAsync("/api/bookings",
            new { customerName = "前台代订", customerPhone = DeskClient.NewPhone(), arrival = "21:00", partySize = 4, bookerBadge = "m06" }), "m06", "2026-11-22");
        Assert.Equal(HttpStatusCode.Created, (await Book("m07", "2026-11-20T21:00:00+08:00")).StatusCode);

        // The rotation skips the suspended m06, who keeps the place; m07 and m01 are available.
        await At("2026-11-20T17:50");
        foreach (var badge in new[] { "m06", "m07", "m01" })
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(badge)).PostAsync("/api/attendance/sign-in", null)).StatusCode);
        var queue = await Queue();
        Assert.False(queue["m06"].GetProperty("available").GetBoolean());
        Assert.Equal("suspended", queue["m06"].Str("reason"));
        Assert.True(queue["m07"].GetProperty("available").GetBoolean());
        Assert.True(queue["m01"].GetProperty("available").GetBoolean());
        await At("2026-11-20T19:30");
        var host = await app.ClientFor("h02");
        var walkIn = await host.PostAsJsonAsync($"/api/rooms/{(await host.FreeRoomsAsync())[0]}/open", new { walkIn = true, partySize = 2 });
        Assert.Equal("m07", Json(await walkIn.Content.ReadAsStringAsync()).Str("managerBadge"));
        Assert.Equal(1, (await Queue())["m06"].GetProperty("position").GetInt32());
        var skip = Assert.Single((await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/rotation/history?businessDay=2026-11-20")).EnumerateArray(),
            h => h.Str("kind") == "skipped");
        Assert.Equal(("m06", "suspended"), (skip.Str("badge"), skip.Str("reason")));

        // No performance on a suspended day: the booking made before the confirmation still credits m06, the card is
        // signed, and the spend stays out of the month's performance.
        await At("2026-11-20T19:50");
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        await At("2026-11-20T20:00");
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") })).StatusCode);
        Assert.Equal("m06", Json(await (await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = booking.Id() })).Content.ReadAsStringAsync()).Str("managerBadge"));
        var before = await Standing("m06");
        await At("2026-11-20T23:00");
        var closed = await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1234, discount = 0, roomCharge = 300 });
        Assert.Equal("m06", Json(await closed.Content.ReadAsStringAsync()).Str("creditedBadge"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m06")).PostAsync("/api/performance-cards/2026-11-20/sign", null)).StatusCode);
        var after = await Standing("m06");
        Assert.Equal(before.GetProperty("spend").GetDecimal(), after.GetProperty("spend").GetDecimal());
        Assert.Equal(before.GetProperty("rooms").GetInt32(), after.GetProperty("rooms").GetInt32());
        Assert.Equal(before.GetProperty("unsignedSpend").GetDecimal() + 1234m, after.GetProperty("unsignedSpend").GetDecimal());

        // The statement shows the suspension's dates (API and page), the home page too; not m07's dismissed one.
        var statement = await (await app.ClientFor("m06")).GetFromJsonAsync<JsonElement>("/api/statements/m06?month=2026-11");
        var period = Assert.Single(statement.GetProperty("suspensionPeriods").EnumerateArray());
        Assert.Equal(("2026-11-20", "2026-11-22"), (period.Str("from"), period.Str("to")));
        Assert.Empty((await (await app.ClientFor("m07")).GetFromJsonAsync<JsonElement>("/api/statements/m07?month=2026-11")).GetProperty("suspensionPeriods").EnumerateArray());
        var m06Pages = await PageSession.SignedIn(app, "m06");
        var page = await m06Pages.GetStringAsync("/statements?month=2026-11");
        Assert.Contains("data-testid=\"statement-suspensions\"", page);
        Assert.Contains("data-to=\"2026-11-22\"", page);
        var home = await m06Pages.GetStringAsync("/");
        Assert.Contains("data-testid=\"suspended\"", home);
        Assert.Contains("data-from=\"2026-11-20\" data-to=\"2026-11-22\"", home);
        Assert.DoesNotContain("data-testid=\"suspended\"", await (await PageSession.SignedIn(app, "m07")).GetStringAsync("/"));

        // Day 2 refused under the 3-day rule; a 1-day rule ends it after day 1, so day 2 is allowed; back to 3 days.
        await At("2026-11-21T17:00");
        await ExpectSuspended(await Book("m06", "2026-11-21T20:00:00+08:00"), "m06", "2026-11-22");
        await Rules(new { attendance = new { suspensionDays = 1 } });
        Assert.Equal(HttpStatusCode.Created, (await Book("m06", "2026-11-21T20:00:00+08:00")).StatusCode);
        await Rules(new { attendance = new { suspensionDays = 3 } });

        // Day 3 is the last day: refused, and skipped in that night's rotation. Day 4 (the first day after the
        // house-rule days, from the 06:00 cut-off): allowed, available in the rotation, and the home page is clear.
        await At("2026-11-22T17:00");
        await ExpectSuspended(await Book("m06", "2026-11-22T20:00:00+08:00"), "m06", "2026-11-22");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m06")).PostAsync("/api/attendance/sign-in", null)).StatusCode);
        Assert.Equal("suspended", (await Queue())["m06"].Str("reason"));
        await At("2026-11-23T05:59");
        await ExpectSuspended(await Book("m06", "2026-11-23T20:00:00+08:00"), "m06", "2026-11-22");
        await At("2026-11-23T06:00");
        Assert.Equal(HttpStatusCode.Created, (await Book("m06", "2026-11-23T20:00:00+08:00")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m06")).PostAsync("/api/attendance/sign-in", null)).StatusCode);
        Assert.True((await Queue())["m06"].GetProperty("available").GetBoolean());
        Assert.DoesNotContain("data-testid=\"suspended\"", await (await PageSession.SignedIn(app, "m06")).GetStringAsync("/"));
    }
}
