using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// SPEC.md "Attendance and leave" and "Walk-in rotation" (issue 14), on the simulated clock at the 18:00 sign-in:
/// late after a call-in is recorded without a fine and keeps the rotation; one minute late without a call-in is fined
/// within the house-rule range and skipped in tonight's rotation with a reason, keeping the place, and is back in the
/// next business day's queue.
/// </summary>
public sealed class LatenessConsequencesTests(AttendanceNightTests.Venue app) : ServerTest(app), IClassFixture<AttendanceNightTests.Venue>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task At(string local) => await (await app.ClientFor("gm01")).SetClockAsync(T(local));

    private async Task<JsonElement> SignIn(string badge) =>
        Json(await (await (await app.ClientFor(badge)).PostAsync("/api/attendance/sign-in", null)).Content.ReadAsStringAsync());

    /// <summary>The person's violations of the night of 2026-11-20 (the demo venue has a history of its own before it).</summary>
    private async Task<List<JsonElement>> ViolationsOf(string badge) =>
        (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>($"/api/violations?badge={badge}")).EnumerateArray()
            .Where(v => v.Str("businessDay") == "2026-11-20").ToList();

    private async Task<Dictionary<string, JsonElement>> Queue(string? businessDay = null) =>
        (await (await app.ClientFor("h02")).GetFromJsonAsync<JsonElement>("/api/rotation" + (businessDay is null ? "" : "?businessDay=" + businessDay)))
            .EnumerateArray().ToDictionary(q => q.Str("badge"));

    [Fact]
    public async Task Late_after_a_call_in_is_not_fined_and_late_without_one_is_fined_and_skipped_for_the_night_only()
    {
        // The late fine is the house rule's, not a constant: a changed range decides it.
        var rules = await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules", new { attendance = new { lateFineMin = 70, lateFineMax = 90 } });
        Assert.True(rules.StatusCode == HttpStatusCode.OK, await rules.Content.ReadAsStringAsync());

        // 17:30 m01 calls in (will be late).
        await At("2026-11-20T17:30");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("m01")).PostAsJsonAsync("/api/attendance/call-in", new { reason = "堵车" })).StatusCode);

        // 18:00:00 m02 is on time; 18:01 m03 is one minute late without a call-in; 18:30 m01 is late after calling in.
        await At("2026-11-20T18:00");
        Assert.False((await SignIn("m02")).GetProperty("late").GetBoolean());
        await At("2026-11-20T18:01");
        var m03 = await SignIn("m03");
        Assert.True(m03.GetProperty("late").GetBoolean());
        Assert.True(m03.GetProperty("bookingSuspended").GetBoolean());
        await At("2026-11-20T18:30");
        var m01 = await SignIn("m01");
        Assert.True(m01.GetProperty("late").GetBoolean());
        Assert.True(m01.GetProperty("calledIn").GetBoolean());
        Assert.False(m01.GetProperty("bookingSuspended").GetBoolean());

        // Lateness after a call-in is recorded, not fined (SPEC: only 无故迟到 is fined); without one, the fine is the
        // house rule's, inside its range.
        Assert.DoesNotContain(await ViolationsOf("m01"), v => v.Str("type") == "late");
        var fine = Assert.Single(await ViolationsOf("m03"), v => v.Str("type") == "late").GetProperty("fine").GetDecimal();
        Assert.Equal(70m, fine);
        Assert.InRange(fine, 70m, 90m);
        var sheet = (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/attendance")).EnumerateArray().ToDictionary(p => p.Str("badge"));
        Assert.True(sheet["m01"].GetProperty("late").GetBoolean());

        // Tonight's queue: m02, m03, m01 in sign-in order. m03 is skipped with the reason; the others are available.
        var queue = await Queue();
        Assert.Equal(["m02", "m03", "m01"], queue.Values.OrderBy(q => q.GetProperty("position").GetInt32()).Select(q => q.Str("badge")));
        Assert.False(queue["m03"].GetProperty("available").GetBoolean());
        Assert.Equal("lateNoCallIn", queue["m03"].Str("reason"));
        Assert.True(queue["m02"].GetProperty("available").GetBoolean());
        Assert.True(queue["m01"].GetProperty("available").GetBoolean());

        // Two walk-ins: m02 gets the first; the second passes m03 by (recorded with the reason) and goes to m01.
        await At("2026-11-20T19:30");
        var host = await app.ClientFor("h02");
        var rooms = await host.FreeRoomsAsync();
        var given = new List<string>();
        foreach (var room in rooms.Take(2))
        {
            var open = await host.PostAsJsonAsync($"/api/rooms/{room}/open", new { walkIn = true, partySize = 2 });
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            given.Add(Json(await open.Content.ReadAsStringAsync()).Str("managerBadge"));
        }
        Assert.Equal(["m02", "m01"], given);
        // m03 kept the place at the front of the queue.
        queue = await Queue();
        Assert.Equal(1, queue["m03"].GetProperty("position").GetInt32());
        Assert.False(queue["m03"].GetProperty("available").GetBoolean());
        var history = (await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/rotation/history?businessDay=2026-11-20")).EnumerateArray().ToList();
        var skip = Assert.Single(history, h => h.Str("kind") == "skipped");
        Assert.Equal("m03", skip.Str("badge"));
        Assert.Equal("lateNoCallIn", skip.Str("reason"));

        // The next business day, on time: m03 is available again (and may book again).
        await At("2026-11-21T17:50");
        Assert.False((await SignIn("m03")).GetProperty("late").GetBoolean());
        var tomorrow = await Queue();
        Assert.True(tomorrow["m03"].GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, tomorrow["m03"].GetProperty("reason").ValueKind);
        await (await app.ClientFor("m03")).BookAsync(T("2026-11-21T21:00"));
        // The night before stays as it was.
        Assert.Equal("lateNoCallIn", (await Queue("2026-11-20"))["m03"].Str("reason"));
    }
}
