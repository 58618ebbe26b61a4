using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Complaints;

/// <summary>
/// SPEC.md "Complaints": the three limits on the simulated clock, at each boundary (in time at the limit, overdue a
/// minute after), the working-day count across a weekend, a holiday and a make-up working day, the weekly days off as
/// a house rule, and the escalation department head → floor manager → GM, recorded by the sweeper and sent live.
/// The clock starts on Friday 2026-11-20 (Shanghai); this class moves it twelve days on, so it has its own venue.
/// </summary>
public sealed class ComplaintDeadlineTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Shanghai);

    private async Task<JsonElement> TakeAsync(HttpClient staff)
    {
        var response = await staff.PostAsJsonAsync("/api/complaints", new { category = "service", severity = "medium", description = "服务员态度差" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, JsonElement complaint) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/complaints/{complaint.Str("id")}");

    private static string? EscalatedTo(JsonElement c) =>
        c.GetProperty("escalatedTo").ValueKind == JsonValueKind.Null ? null : c.GetProperty("escalatedTo").GetString();

    [Fact]
    public async Task Each_limit_holds_at_its_instant_and_escalates_a_minute_later_counting_working_days_of_the_venues_calendar()
    {
        var gm = await app.ClientFor("gm01");
        var host = await app.ClientFor("h02");
        var floor = await app.ClientFor("fm01");
        await gm.SetClockAsync(At(11, 20, 20));

        // The GM's calendar: bad input named, only the GM edits it.
        Assert.Contains("day", (await Problem.Expect(await gm.PutAsJsonAsync("/api/working-calendar/2026-13-01", new { working = false }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("working", (await Problem.Expect(await gm.PutAsJsonAsync("/api/working-calendar/2026-11-25", new { note = "店休" }), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await floor.PutAsJsonAsync("/api/working-calendar/2026-11-25", new { working = false }), HttpStatusCode.Forbidden);
        await Problem.Expect(await gm.DeleteAsync("/api/working-calendar/2026-11-26"), HttpStatusCode.NotFound);

        // Wednesday 25th a holiday: from Friday 20th, seven working days are 23, 24, 26, 27, 30 Nov, 1 and 2 Dec.
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/working-calendar/2026-11-25", new { working = false, note = "店庆休息" })).StatusCode);
        var overHoliday = await TakeAsync(host);
        Assert.Equal(At(12, 3, 0), overHoliday.GetProperty("finalBy").GetDateTimeOffset());
        // Saturday 28th made a working day (调休): the seventh is 1 Dec.
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/working-calendar/2026-11-28", new { working = true, note = "调休上班" })).StatusCode);
        var withMakeUp = await TakeAsync(host);
        Assert.Equal(At(12, 2, 0), withMakeUp.GetProperty("finalBy").GetDateTimeOffset());
        var calendar = await gm.GetFromJsonAsync<JsonElement>("/api/working-calendar?from=2026-11-01&to=2026-11-30");
        Assert.Equal(["2026-11-25", "2026-11-28"], calendar.GetProperty("days").EnumerateArray().Select(d => d.Str("day")).ToArray());

        // Only Sunday off (a house rule): Saturdays count too; what was made before keeps its limits.
        await gm.ChangeRulesAsync(new { complaints = new { weeklyDaysOff = new[] { 7 } } });
        var sundaysOnly = await TakeAsync(host);
        Assert.Equal(At(12, 1, 0), sundaysOnly.GetProperty("finalBy").GetDateTimeOffset()); // 21, 23, 24, 26, 27, 28, 30 Nov
        Assert.Equal(At(12, 3, 0), (await ReadAsync(floor, overHoliday)).GetProperty("finalBy").GetDateTimeOffset());

        // The floor's screen hears each step live.
        var token = floor.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/board"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.LongPolling;
            }).Build();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<(string Id, string Escalation)>();
        screen.On<JsonElement>("complaintChanged", e => heard.Enqueue((e.Str("id"), e.Str("escalation"))));
        await BoardListener.StartJoinedAsync(screen);

        // Acknowledge within 10 minutes: at 20:10 in time, at 20:11 with the department head.
        await gm.SetClockAsync(At(11, 20, 20, 10));
        Assert.False((await ReadAsync(floor, overHoliday)).GetProperty("overdue").GetBoolean());
        Assert.Null(EscalatedTo(await ReadAsync(floor, overHoliday)));
        await gm.SetClockAsync(At(11, 20, 20, 11));
        var late = await ReadAsync(floor, overHoliday);
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.Equal("departmentHead", EscalatedTo(late));
        Assert.Contains((await floor.GetFromJsonAsync<JsonElement>("/api/complaints?overdue=true")).EnumerateArray(), c => c.Str("id") == overHoliday.Str("id"));
        await app.SweptThroughNowAsync();
        Assert.Equal(Encore.Domain.EscalationLevel.DepartmentHead, await app.WithAsync(db => db.Complaints.Where(c => c.Id == Guid.Parse(overHoliday.Str("id"))).Select(c => c.Escalation).SingleAsync()));
        await Eventually(() => heard.Any(h => h.Id == overHoliday.Str("id") && h.Escalation == "departmentHead"), "the escalation to the department head, live");

        // Acknowledged, it is in time again until its solution limit (48 hours): Sunday 22nd 20:00.
        Assert.Equal(HttpStatusCode.OK, (await floor.PostAsync($"/api/complaints/{overHoliday.Str("id")}/acknowledge", null)).StatusCode);
        Assert.False((await ReadAsync(floor, overHoliday)).GetProperty("overdue").GetBoolean());
        Assert.DoesNotContain((await floor.GetFromJsonAsync<JsonElement>("/api/complaints?overdue=true")).EnumerateArray(), c => c.Str("id") == overHoliday.Str("id"));
        await gm.SetClockAsync(At(11, 22, 20));
        Assert.Null(EscalatedTo(await ReadAsync(floor, overHoliday)));
        await gm.SetClockAsync(At(11, 22, 20, 1));
        Assert.Equal("floorManager", EscalatedTo(await ReadAsync(floor, overHoliday)));
        Assert.Equal("floorManager", EscalatedTo(await ReadAsync(floor, withMakeUp)));

        // The final answer: the one with the make-up day is due first (end of 1 Dec), the holiday one a day later.
        await gm.SetClockAsync(At(12, 2, 0));
        Assert.Equal("floorManager", EscalatedTo(await ReadAsync(floor, withMakeUp)));
        await gm.SetClockAsync(At(12, 2, 0, 1));
        Assert.Equal("gm", EscalatedTo(await ReadAsync(floor, withMakeUp)));
        Assert.Equal("floorManager", EscalatedTo(await ReadAsync(floor, overHoliday)));
        await gm.SetClockAsync(At(12, 3, 0));
        Assert.Equal("floorManager", EscalatedTo(await ReadAsync(floor, overHoliday)));
        await gm.SetClockAsync(At(12, 3, 0, 1));
        Assert.Equal("gm", EscalatedTo(await ReadAsync(floor, overHoliday)));
        await app.SweptThroughNowAsync();
        Assert.Equal(Encore.Domain.EscalationLevel.Gm, await app.WithAsync(db => db.Complaints.Where(c => c.Id == Guid.Parse(overHoliday.Str("id"))).Select(c => c.Escalation).SingleAsync()));
        Assert.True(await app.WithAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "complaint.escalate" && a.ActorBadge == "system")));

        // Resolved, it is with nobody any more, and late: the solution came after its limit.
        var resolved = await floor.PostAsJsonAsync($"/api/complaints/{overHoliday.Str("id")}/resolve", new { resolution = "退还房费", satisfaction = 3 });
        var answer = JsonDocument.Parse(await resolved.Content.ReadAsStringAsync()).RootElement;
        Assert.False(answer.GetProperty("overdue").GetBoolean());
        Assert.True(answer.GetProperty("resolvedLate").GetBoolean());
    }

    private static async Task Eventually(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not seen within 10 s: {what}");
            await Task.Delay(50);
        }
    }
}
