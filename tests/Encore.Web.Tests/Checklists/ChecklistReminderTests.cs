using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Checklists;

/// <summary>
/// The closing round must be complete before the business day's cut-off: checklists.closingReminderMinutes before it,
/// on the simulated clock, a night whose round is not complete reminds the floor manager (once, live), and a night
/// whose round is complete reminds nobody. Its own venue: the clock only moves forward.
/// </summary>
public sealed class ChecklistReminderTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>The instant the business day <paramref name="day"/> ends: 06:00 the next morning, Shanghai (the default cut-off).</summary>
    private static DateTimeOffset CutoffAfter(DateOnly day) => new(day.AddDays(1).ToDateTime(new TimeOnly(6, 0)), Shanghai);

    private async Task<JsonElement> ClosingAsync(DateOnly day) =>
        await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>($"/api/checklists/closing?businessDay={day:yyyy-MM-dd}");

    [Fact]
    public async Task The_floor_manager_is_reminded_at_the_house_rule_minutes_before_the_cut_off_when_the_closing_round_is_not_complete()
    {
        var gm = await app.ClientFor("gm01");
        await gm.ChangeRulesAsync(new { checklists = new { closingReminderMinutes = 45 } });
        var first = await ClosingAsync(DateOnly.FromDateTime((await gm.NowAsync()).ToOffset(Shanghai).AddHours(-6).DateTime));
        var day = DateOnly.Parse(first.Str("businessDay"));
        var remindAt = CutoffAfter(day).AddMinutes(-45);
        Assert.Equal(remindAt, first.GetProperty("remindAt").GetDateTimeOffset());
        Assert.Equal(CutoffAfter(day), first.GetProperty("dueBy").GetDateTimeOffset());
        await using var floor = await BoardListener.StartAsync(app, "fm01");

        // Started, not finished; a minute before the reminder: nothing yet.
        var run = await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/checklists/runs", new { template = "closing" });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        await gm.SetClockAsync(remindAt.AddMinutes(-1));
        await app.SweptThroughNowAsync();
        var before = await ClosingAsync(day);
        Assert.Equal("incomplete", before.Str("state"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("remindedAt").ValueKind);
        Assert.DoesNotContain(floor.Heard, h => h.Event == "closingRoundReminder");

        // At the reminder minute: reminded once, live, recorded.
        await gm.SetClockAsync(remindAt);
        await app.SweptThroughNowAsync();
        var reminded = await ClosingAsync(day);
        Assert.Equal(remindAt, reminded.GetProperty("remindedAt").GetDateTimeOffset());
        var heard = await floor.WaitForAsync("closingRoundReminder", r => r.Str("businessDay") == day.ToString("yyyy-MM-dd"));
        Assert.Equal("incomplete", heard.Str("state"));
        await gm.SetClockAsync(remindAt.AddMinutes(10));
        await app.SweptThroughNowAsync();
        Assert.Equal(remindAt, (await ClosingAsync(day)).GetProperty("remindedAt").GetDateTimeOffset());
        Assert.Single(floor.Heard, h => h.Event == "closingRoundReminder");
        Assert.Equal(1, app.With(db => db.ChecklistReminders.Count(r => r.BusinessDay == day)));

        // The next night's round complete before the reminder: nobody is reminded.
        var next = day.AddDays(1);
        await gm.SetClockAsync(new DateTimeOffset(next.AddDays(1).ToDateTime(new TimeOnly(2, 0)), Shanghai));
        var fm = await app.ClientFor("fm01");
        var closing = JsonDocument.Parse(await (await fm.PostAsJsonAsync("/api/checklists/runs", new { template = "closing" })).Content.ReadAsStringAsync()).RootElement;
        foreach (var item in closing.GetProperty("items").EnumerateArray())
            Assert.Equal(HttpStatusCode.OK, (await fm.PutAsJsonAsync($"/api/checklists/runs/{closing.Str("id")}/items/{item.Str("id")}", new { ok = true })).StatusCode);
        await gm.SetClockAsync(CutoffAfter(next).AddMinutes(-45));
        await app.SweptThroughNowAsync();
        var complete = await ClosingAsync(next);
        Assert.Equal("complete", complete.Str("state"));
        Assert.Equal(JsonValueKind.Null, complete.GetProperty("remindedAt").ValueKind);
        Assert.Single(floor.Heard, h => h.Event == "closingRoundReminder");
    }

    [Fact]
    public async Task The_closing_reminder_minutes_are_bounded()
    {
        var refused = await Problem.Expect(await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules",
            new { checklists = new { closingReminderMinutes = 0 } }), HttpStatusCode.BadRequest);
        Assert.Equal(["checklists.closingReminderMinutes"], refused.ErrorFields());
    }
}
