using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// Late answers to pings (查岗) arriving at the very moment the discipline sweeper marks those pings off-post: both
/// change the same rows, and the answer must still be recorded (late, inTime false), never refused with a 409 the
/// manager can do nothing about.
/// </summary>
public sealed class PingRaceTests(PingRaceTests.Venue app) : ServerTest(app), IClassFixture<PingRaceTests.Venue>
{
    public sealed class Venue : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-11-20T21:00:00+08:00");
    }

    [Fact]
    public async Task Late_answers_racing_the_off_post_sweep_are_all_recorded()
    {
        var badges = Enumerable.Range(1, 12).Select(i => $"m{i:00}").ToArray();
        var managers = new List<HttpClient>();
        foreach (var badge in badges) managers.Add(await app.ClientFor(badge));
        var floor = await app.ClientFor("fm01");
        var gm = await app.ClientFor("gm01");
        var offPostBefore = app.With(db => db.Violations.Count(v => v.Kind == "offPost"));
        var late = 0;
        // Six rounds of twelve: the sweep of each ping meets its answer at a different moment, so the conflict
        // happens on most runs (it cannot be made certain from outside without a hook in the app).
        for (var round = 0; round < 6; round++)
        {
            var sentAt = DateTimeOffset.Parse("2026-11-20T21:00:00+08:00").AddMinutes(10 * round);
            if (round > 0) Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/clock", new { now = sentAt })).StatusCode);
            var sent = await floor.PostAsJsonAsync("/api/pings", new { badges, message = $"第{round + 1}次查岗" });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            var pings = JsonDocument.Parse(await sent.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
                .ToDictionary(p => p.Str("badge"), p => p.Str("id"));

            // 5 minutes and 1 second later the pings are due: the sweeper wakes on the clock move while the answers go out.
            var answers = await StartingGate.AllAtOnce(badges.Length + 1, async i =>
                i == badges.Length
                    ? await gm.PutAsJsonAsync("/api/clock", new { now = sentAt.AddMinutes(5).AddSeconds(1) })
                    : await managers[i].PostAsync($"/api/pings/{pings[badges[i]]}/answer", null));
            Assert.Equal(HttpStatusCode.OK, answers[^1].StatusCode);
            for (var i = 0; i < badges.Length; i++)
                Assert.True(answers[i].StatusCode == HttpStatusCode.OK, $"round {round}, {badges[i]}: {(int)answers[i].StatusCode} {await answers[i].Content.ReadAsStringAsync()}");

            await app.SweptThroughNowAsync();
            var ids = pings.Values.Select(Guid.Parse).ToList();
            var stored = app.With(db => db.Pings.Where(p => ids.Contains(p.Id)).ToList());
            Assert.All(stored, p => Assert.NotNull(p.AnsweredAt));
            // Whoever answered before the clock moved was in time; everyone else is off-post, once.
            Assert.All(stored, p => Assert.Equal(p.AnsweredAt > p.DueAt, p.OffPost));
            late += stored.Count(p => p.OffPost);
        }
        Assert.Equal(offPostBefore + late, app.With(db => db.Violations.Count(v => v.Kind == "offPost")));
    }
}
