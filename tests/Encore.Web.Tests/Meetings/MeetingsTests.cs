using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Meetings;

/// <summary>
/// Issue 17, meetings (API.md "Diary (工作日记), meetings, checklists, shift handover"): the floor calls a pre-shift
/// meeting (its agenda pre-filled), staff check in (late after the start, by the sign-in rule), attendance reads
/// present, late, absent and on leave, the minutes' actions show on the owner's home page until done.
/// The simulated clock starts at 18:00 on 2026-11-20 (Shanghai).
/// </summary>
public static class MeetingTest
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    public static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Shanghai);
    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    public static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return Json(body);
    }

    public static string StatusOf(JsonElement meeting, string badge) =>
        meeting.GetProperty("attendance").EnumerateArray().Single(a => a.Str("badge") == badge).Str("status");

    public static int Meetings(EncoreFactory app) => app.With(db => db.Set<Encore.Web.Data.Meeting>().Count() + db.Set<Encore.Web.Data.MeetingAction>().Count());

}

/// <summary>One simulated clock of its own: the clock only moves forward.</summary>
public sealed class MeetingLatenessTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Check_in_at_the_start_minute_is_on_time_one_minute_after_is_late_and_twice_is_refused()
    {
        var gm = await app.ClientFor("gm01");
        await gm.SetClockAsync(MeetingTest.At(20, 18, 30));
        var floor = await app.ClientFor("fm01");
        // No agenda given for a pre-shift meeting: the brief is filled with tonight's bookings and the month's targets.
        var created = await MeetingTest.Ok(await floor.PostAsJsonAsync("/api/meetings", new { kind = "preShift", startsAt = "2026-11-20T19:00:00+08:00" }), HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Equal("2026-11-20", created.Str("businessDay"));
        var brief = created.GetProperty("brief");
        Assert.Equal(brief.GetProperty("byManager").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()), brief.GetProperty("bookings").GetInt32());
        // The targets are GET /api/performance's figures, not a computation of their own.
        var standings = await floor.GetFromJsonAsync<JsonElement>("/api/performance?month=2026-11");
        var m01 = standings.EnumerateArray().First(s => s.Str("badge") == "m01" && s.Str("role") == "manager");
        var briefM01 = brief.GetProperty("targets").EnumerateArray().Single(t => t.Str("badge") == "m01");
        Assert.Equal(m01.GetProperty("spend").GetDecimal(), briefM01.GetProperty("spend").GetDecimal());
        Assert.Equal(m01.GetProperty("targetSpend").GetDecimal(), briefM01.GetProperty("targetSpend").GetDecimal());
        Assert.Equal("expected", MeetingTest.StatusOf(created, "m03"));

        await gm.SetClockAsync(MeetingTest.At(20, 19, 0));
        var onTime = await MeetingTest.Ok(await (await app.ClientFor("m03")).PostAsync($"/api/meetings/{id}/check-in", null));
        Assert.False(onTime.GetProperty("late").GetBoolean());
        await gm.SetClockAsync(MeetingTest.At(20, 19, 1));
        var m04 = await app.ClientFor("m04");
        var late = await MeetingTest.Ok(await m04.PostAsync($"/api/meetings/{id}/check-in", null));
        Assert.True(late.GetProperty("late").GetBoolean());
        var twice = await Problem.Expect(await m04.PostAsync($"/api/meetings/{id}/check-in", null), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/meeting.alreadyCheckedIn", twice.Str("type"));
        Assert.Contains("19:01", twice.Detail());

        // Every write is in the audit log: the meeting called, each check-in (by whom).
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "meeting.create" && a.EntityId == id && a.ActorBadge == "fm01")));
        Assert.Equal(2, app.With(db => db.AuditEntries.Count(a => a.Action == "meeting.checkIn" && a.After!.Contains(id))));
        var meeting = await floor.GetFromJsonAsync<JsonElement>($"/api/meetings/{id}");
        Assert.Equal("present", MeetingTest.StatusOf(meeting, "m03"));
        Assert.Equal("late", MeetingTest.StatusOf(meeting, "m04"));
        // A late check-in is recorded on the meeting only: the night's attendance row is not touched (no fine, no flag).
        var m04Id = app.With(db => db.MainStaff("m04").Id);
        Assert.False(app.With(db => db.AttendanceDays.Any(d => d.StaffId == m04Id && d.BusinessDay == new DateOnly(2026, 11, 20) && d.Late)));
        var list = await floor.GetFromJsonAsync<JsonElement>("/api/meetings?businessDay=2026-11-20");
        var summary = list.EnumerateArray().Single(m => m.Str("id") == id);
        Assert.Equal(1, summary.GetProperty("counts").GetProperty("present").GetInt32());
        Assert.Equal(1, summary.GetProperty("counts").GetProperty("late").GetInt32());
    }
}

/// <summary>One simulated clock of its own: the clock only moves forward.</summary>
public sealed class MeetingAttendanceTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Attendance_reads_on_leave_and_absent_once_check_in_closes_by_the_house_rule()
    {
        var gm = await app.ClientFor("gm01");
        await gm.SetClockAsync(MeetingTest.At(21, 17, 0));
        // Check-in stays open 10 minutes after the start (the default is 30).
        await gm.ChangeRulesAsync(new { attendance = new { meetingCheckInMinutes = 10 } });
        // m05 asks for the night off and the floor approves it.
        var leave = await MeetingTest.Ok(await (await app.ClientFor("m05")).PostAsJsonAsync("/api/leave",
            new { kind = "personal", from = "2026-11-21T18:00:00+08:00", to = "2026-11-22T02:00:00+08:00", reason = "家里有事" }), HttpStatusCode.Created);
        var floor = await app.ClientFor("fm01");
        await MeetingTest.Ok(await floor.PostAsJsonAsync($"/api/leave/{leave.Str("id")}/approve", new { }));
        var created = await MeetingTest.Ok(await floor.PostAsJsonAsync("/api/meetings", new { kind = "preShift", startsAt = "19:00", agenda = "消防检查" }), HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Equal("消防检查", created.Str("agenda"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("brief").ValueKind);
        Assert.Equal("onLeave", MeetingTest.StatusOf(created, "m05"));
        Assert.Equal("expected", MeetingTest.StatusOf(created, "m06"));

        // Minutes written while the meeting runs do not close it.
        await gm.SetClockAsync(MeetingTest.At(21, 19, 5));
        await MeetingTest.Ok(await floor.PutAsJsonAsync($"/api/meetings/{id}/minutes", new { minutes = "今晚重点：VIP 包厢", actions = Array.Empty<object>() }));
        // At the last minute of the house rule check-in is still open (late); one minute later it is closed.
        await gm.SetClockAsync(MeetingTest.At(21, 19, 10));
        Assert.True((await MeetingTest.Ok(await (await app.ClientFor("m07")).PostAsync($"/api/meetings/{id}/check-in", null))).GetProperty("late").GetBoolean());
        var open = await floor.GetFromJsonAsync<JsonElement>($"/api/meetings/{id}");
        Assert.False(open.GetProperty("ended").GetBoolean());
        Assert.Equal("expected", MeetingTest.StatusOf(open, "m06"));
        await gm.SetClockAsync(MeetingTest.At(21, 19, 11));
        var ended = await floor.GetFromJsonAsync<JsonElement>($"/api/meetings/{id}");
        Assert.True(ended.GetProperty("ended").GetBoolean());
        Assert.Equal("absent", MeetingTest.StatusOf(ended, "m06"));
        Assert.Equal("onLeave", MeetingTest.StatusOf(ended, "m05"));
        Assert.Equal("late", MeetingTest.StatusOf(ended, "m07"));
        var closed = await Problem.Expect(await (await app.ClientFor("m08")).PostAsync($"/api/meetings/{id}/check-in", null), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/meeting.ended", closed.Str("type"));
        Assert.Contains("19:10", closed.Detail());
        Assert.Equal("absent", MeetingTest.StatusOf(await floor.GetFromJsonAsync<JsonElement>($"/api/meetings/{id}"), "m08"));
    }
}

/// <summary>One simulated clock of its own: the clock only moves forward.</summary>
public sealed class MeetingActionsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task An_action_shows_on_its_owners_home_page_until_done_and_the_overdue_ones_are_marked()
    {
        var gm = await app.ClientFor("gm01");
        await gm.SetClockAsync(MeetingTest.At(22, 18, 0));
        var head = await app.ClientFor("dh01");
        var created = await MeetingTest.Ok(await head.PostAsJsonAsync("/api/meetings", new { kind = "weekly", startsAt = "2026-11-22T18:30:00+08:00", agenda = "周会" }), HttpStatusCode.Created);
        var id = created.Str("id");
        // A department head's meeting expects their team (m01–m06 of 营销一部), not the other department.
        var expected = created.GetProperty("attendance").EnumerateArray().Select(a => a.Str("badge")).ToList();
        Assert.Contains("m02", expected);
        Assert.DoesNotContain("m07", expected);
        const string text = "整理大客户名单（测试）";
        var written = await MeetingTest.Ok(await head.PutAsJsonAsync($"/api/meetings/{id}/minutes",
            new { minutes = "本周业绩回顾", actions = new[] { new { text, ownerBadge = "m02", due = "2026-11-23" } } }));
        var actionId = written.GetProperty("actions").EnumerateArray().Single().Str("id");

        var m02 = await app.ClientFor("m02");
        var m02Page = await PageSession.SignedIn(app, "m02");
        var home = await m02Page.GetStringAsync("/");
        Assert.Contains($"data-action=\"{actionId}\" data-overdue=\"false\"", home);
        var mine = await m02.GetFromJsonAsync<JsonElement>("/api/meetings/actions?owner=me&open=true");
        Assert.Contains(mine.EnumerateArray(), a => a.Str("id") == actionId && !a.GetProperty("overdue").GetBoolean());
        // Two business days on it is overdue, and marked so on the home page.
        await gm.SetClockAsync(MeetingTest.At(24, 20, 0));
        mine = await m02.GetFromJsonAsync<JsonElement>("/api/meetings/actions?owner=me&open=true");
        Assert.True(mine.EnumerateArray().Single(a => a.Str("id") == actionId).GetProperty("overdue").GetBoolean());
        Assert.Contains($"data-action=\"{actionId}\" data-overdue=\"true\"", await m02Page.GetStringAsync("/"));
        // The venue's open actions, as the shift handover reads them.
        var open = await app.WithAsync(async db => await Encore.Web.Meetings.MeetingQueries.OpenActionsAsync(db,
            Encore.Web.Platform.VenueNow.At(db.Venues.First().Id, MeetingTest.At(24, 20, 0), Encore.Domain.HouseRules.Defaults)));
        Assert.Contains(open, a => a.Id == Guid.Parse(actionId) && a.Overdue && a.OwnerBadge == "m02");

        // Another manager may not mark it done; the owner does, and it leaves the home page.
        await Problem.Expect(await (await app.ClientFor("m03")).PostAsync($"/api/meetings/actions/{actionId}/done", null), HttpStatusCode.Forbidden);
        var done = await MeetingTest.Ok(await m02.PostAsync($"/api/meetings/actions/{actionId}/done", null));
        Assert.True(done.GetProperty("done").GetBoolean());
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "meeting.minutes" && a.EntityId == id && a.ActorBadge == "dh01")));
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "meeting.actionDone" && a.EntityId == actionId && a.ActorBadge == "m02")));
        Assert.DoesNotContain($"data-action=\"{actionId}\"", await m02Page.GetStringAsync("/"));
        await Problem.Expect(await m02.PostAsync($"/api/meetings/actions/{actionId}/done", null), HttpStatusCode.Conflict);
        // A manager reads only their own actions.
        await Problem.Expect(await m02.GetAsync("/api/meetings/actions?owner=all"), HttpStatusCode.Forbidden);
        Assert.Contains((await head.GetFromJsonAsync<JsonElement>("/api/meetings/actions?owner=m02")).EnumerateArray(), a => a.Str("id") == actionId && a.GetProperty("done").GetBoolean());
    }
}

/// <summary>One simulated clock of its own: the clock only moves forward.</summary>
public sealed class MeetingInputTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Bad_input_names_the_field_and_changes_nothing_and_a_manager_may_not_run_meetings()
    {
        var floor = await app.ClientFor("fm01");
        var before = MeetingTest.Meetings(app);
        Assert.Equal(["kind"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/meetings", new { kind = "party", startsAt = "19:00" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["startsAt"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/meetings", new { kind = "preShift" }), HttpStatusCode.BadRequest)).ErrorFields());
        var created = await MeetingTest.Ok(await floor.PostAsJsonAsync("/api/meetings", new { kind = "postShift", startsAt = "2026-11-30T02:15:00+08:00", agenda = "班后会" }), HttpStatusCode.Created);
        Assert.Equal("2026-11-29", created.Str("businessDay"));
        var id = created.Str("id");
        before = MeetingTest.Meetings(app);
        var unknown = await Problem.Expect(await floor.PutAsJsonAsync($"/api/meetings/{id}/minutes",
            new { minutes = "纪要", actions = new[] { new { text = "回访", ownerBadge = "nobody99", due = "2026-12-01" } } }), HttpStatusCode.BadRequest);
        Assert.Equal(["actions[0].ownerBadge"], unknown.ErrorFields());
        var badDue = await Problem.Expect(await floor.PutAsJsonAsync($"/api/meetings/{id}/minutes",
            new { minutes = "纪要", actions = new[] { new { text = "回访", ownerBadge = "m01", due = "2026-13-01" } } }), HttpStatusCode.BadRequest);
        Assert.Equal(["actions[0].due"], badDue.ErrorFields());
        Assert.Equal(before, MeetingTest.Meetings(app));
        Assert.Null(app.With(db => db.Set<Encore.Web.Data.Meeting>().Single(m => m.Id == Guid.Parse(id)).Minutes));

        // A manager neither calls a meeting nor writes minutes (403 by the capability), and nothing changes.
        var manager = await app.ClientFor("m01");
        await Problem.Expect(await manager.PostAsJsonAsync("/api/meetings", new { kind = "preShift", startsAt = "19:00" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await manager.PutAsJsonAsync($"/api/meetings/{id}/minutes", new { minutes = "x", actions = Array.Empty<object>() }), HttpStatusCode.Forbidden);
        // Nor does another department head write the floor's minutes.
        await Problem.Expect(await (await app.ClientFor("dh02")).PutAsJsonAsync($"/api/meetings/{id}/minutes", new { minutes = "x", actions = Array.Empty<object>() }), HttpStatusCode.Forbidden);
        Assert.Equal(before, MeetingTest.Meetings(app));
        await Problem.Expect(await floor.GetAsync($"/api/meetings/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(["businessDay"], (await Problem.Expect(await floor.GetAsync("/api/meetings?businessDay=2026-02-30"), HttpStatusCode.BadRequest)).ErrorFields());
    }
}

/// <summary>One simulated clock of its own: the clock only moves forward.</summary>
public sealed class MeetingsDemoTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_demo_has_past_meetings_with_attendance_minutes_and_m01s_open_action()
    {
        var floor = await app.ClientFor("fm01");
        var week = await floor.GetFromJsonAsync<JsonElement>("/api/meetings?from=2026-11-13&to=2026-11-19");
        Assert.True(week.EnumerateArray().Count(m => m.Str("kind") == "preShift") == 7, week.ToString());
        Assert.Contains(week.EnumerateArray(), m => m.GetProperty("counts").GetProperty("late").GetInt32() > 0);
        Assert.Contains(week.EnumerateArray(), m => m.GetProperty("hasMinutes").GetBoolean());
        var m01 = await (await app.ClientFor("m01")).GetFromJsonAsync<JsonElement>("/api/meetings/actions?owner=me&open=true");
        Assert.NotEmpty(m01.EnumerateArray());
    }
}
