using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// "violationsChanged" (Discipline/ViolationEvents.cs) over a real SignalR client: a violation raised, appealed or
/// raised by the clock reaches the person charged, their department head and the floor (floor manager, GM), and
/// nobody else, so each one's fines page follows it without a reload.
/// </summary>
public sealed class ViolationEventsTests(ViolationEventsTests.Venue app) : ServerTest(app), IClassFixture<ViolationEventsTests.Venue>
{
    public sealed class Venue : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T21:00:00+08:00");
    }

    private Task<BoardListener> ListenAs(string badge) => BoardListener.StartAsync(app, badge);

    private static async Task<JsonElement> RaiseAsync(HttpClient by, string badge, string evidence)
    {
        var answer = await by.PostAsJsonAsync("/api/violations", new { badge, type = "staffConflict", evidence });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single();
    }

    [Fact]
    public async Task A_violation_raised_and_appealed_reaches_the_person_their_head_and_the_floor_but_no_one_else()
    {
        await using var person = await ListenAs("m01");
        await using var head = await ListenAs("dh01");
        await using var floor = await ListenAs("fm01");
        await using var gmBoard = await ListenAs("gm01");
        await using var colleague = await ListenAs("m02");
        await using var otherHead = await ListenAs("dh02");
        var gm = await app.ClientFor("gm01");

        var raised = await RaiseAsync(gm, "m01", "与保安争执");
        var day = raised.Str("businessDay");
        bool OfTonight(JsonElement e) => e.Str("businessDay") == day;
        foreach (var heard in new[] { person, head, floor, gmBoard }) await heard.WaitForAsync("violationsChanged", OfTonight);

        // The person appeals on their phone: the floor (who decides) hears it.
        var before = floor.Heard.Count(h => h.Event == "violationsChanged");
        var appeal = await (await app.ClientFor("m01")).PostAsJsonAsync($"/api/violations/{raised.Str("id")}/appeal", new { reason = "是保安先动手" });
        Assert.Equal(HttpStatusCode.OK, appeal.StatusCode);
        await floor.WaitForAsync("violationsChanged", _ => floor.Heard.Count(h => h.Event == "violationsChanged") > before);

        // Notices go out in order and each connection receives in order: once m02 hears of their own fine and dh02 of
        // one in their department (m08's), anything about m01's would already have reached them.
        await RaiseAsync(gm, "m02", "标记：m02");
        await RaiseAsync(gm, "m08", "标记：m08");
        await colleague.WaitForAsync("violationsChanged", OfTonight);
        await otherHead.WaitForAsync("violationsChanged", OfTonight);
        Assert.Single(colleague.Heard, h => h.Event == "violationsChanged");
        Assert.Single(otherHead.Heard, h => h.Event == "violationsChanged");
    }

    [Fact]
    public async Task An_off_post_fine_raised_by_the_clock_reaches_the_person_live()
    {
        await using var person = await ListenAs("m05");
        var floor = await app.ClientFor("fm01");
        var sent = await floor.PostAsJsonAsync("/api/pings", new { badges = new[] { "m05" }, message = "在哪" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        var ping = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single();
        await person.WaitForAsync("pinged", p => p.Str("id") == ping.Str("id"));

        // Nobody answers; the clock passes the due time and the discipline sweep raises the off-post fine.
        var due = DateTimeOffset.Parse(ping.Str("dueAt"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/clock", new { now = due.AddMinutes(1) })).StatusCode);
        await app.SweptThroughNowAsync();
        var changed = await person.WaitForAsync("violationsChanged", _ => true);
        Assert.Equal(ping.Str("sentAt")[..10], changed.Str("businessDay"));
        var m05 = app.With(db => db.MainStaff("m05").Id);
        Assert.Equal(1, app.With(db => db.Violations.Count(v => v.Kind == "offPost" && v.StaffId == m05)));
    }
}
