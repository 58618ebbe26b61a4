using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Appraisals.AppraisalApi;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Appraisals;

/// <summary>
/// API.md "Appraisal (考核)": self-assessment → supervisor → department review → published → appeal → decided, each by
/// the right person (403 otherwise), once and in order (409 otherwise), every step on the timeline and in the audit;
/// nobody reads another's appraisal unless above them.
/// </summary>
public sealed class AppraisalFlowTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_customer_managers_appraisal_goes_through_every_step_by_the_right_person_once_and_in_order()
    {
        var (fm01, dh01, dh02, m03, m04, gm) = (await app.ClientFor("fm01"), await app.ClientFor("dh01"), await app.ClientFor("dh02"),
            await app.ClientFor("m03"), await app.ClientFor("m04"), await app.ClientFor("gm01"));
        var month = await gm.ThisMonthAsync();

        // Starting: a superior of the person only; a period that exists and has begun; once per person and period.
        await Problem.Expect(await m04.PostAsJsonAsync("/api/appraisals", new { badge = "m03", period = month }), HttpStatusCode.Forbidden);
        await Problem.Expect(await dh02.PostAsJsonAsync("/api/appraisals", new { badge = "m03", period = month }), HttpStatusCode.Forbidden);
        Assert.Contains("period", (await Problem.Expect(await dh01.PostAsJsonAsync("/api/appraisals", new { badge = "m03", period = "2026-13" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("period", (await Problem.Expect(await dh01.PostAsJsonAsync("/api/appraisals", new { badge = "m03", period = "2099-Q1" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("badge", (await Problem.Expect(await dh01.PostAsJsonAsync("/api/appraisals", new { badge = "c01", period = month }), HttpStatusCode.BadRequest)).ErrorFields());
        var a = await dh01.StartAsync("m03", month);
        Assert.Equal("draft", a.Str("status"));
        Assert.Equal(1, a.GetProperty("templateVersion").GetInt32());
        Assert.Equal(100, a.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("weight").GetInt32()));
        Assert.Equal("newCustomers", a.Item("newCustomers").Str("source"));
        Assert.True(a.Item("attitude").GetProperty("byHand").GetBoolean());
        Assert.Null(a.Dec("total"));
        await Problem.Expect(await fm01.PostAsJsonAsync("/api/appraisals", new { badge = "m03", period = month }), HttpStatusCode.Conflict);

        // Self-assessment: the person only; every item scored by hand, nothing else, 0–100.
        await Problem.Expect(await dh01.SuperviseAsync(a, 80), HttpStatusCode.Conflict); // out of order
        await Problem.Expect(await dh01.SelfAsync(a, 80), HttpStatusCode.Forbidden);
        await Problem.Expect(await m04.SelfAsync(a, 80), HttpStatusCode.Forbidden);
        await Problem.Expect(await fm01.SelfAsync(a, 80), HttpStatusCode.Forbidden);
        var missing = await Problem.Expect(await m03.PutAsJsonAsync($"/api/appraisals/{a.Str("id")}/self", new { scores = new { attitude = 90 } }), HttpStatusCode.BadRequest);
        Assert.Contains("scores.ability", missing.ErrorFields());
        var scores = HandScores(a, 90);
        scores["bogus"] = 50;
        Assert.Contains("scores.bogus", (await Problem.Expect(await m03.PutAsJsonAsync($"/api/appraisals/{a.Str("id")}/self", new { scores }), HttpStatusCode.BadRequest)).ErrorFields());
        scores.Remove("bogus");
        scores["attitude"] = 101;
        Assert.Contains("scores.attitude", (await Problem.Expect(await m03.PutAsJsonAsync($"/api/appraisals/{a.Str("id")}/self", new { scores }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("draft", (await m03.GetAppraisalAsync(a)).Str("status")); // refused: nothing changed
        var self = await OkAsync(await m03.SelfAsync(a, 90));
        Assert.Equal("self", self.Str("status"));
        Assert.Equal(90m, self.Item("attitude").Dec("selfScore"));
        Assert.Null(self.Dec("total")); // self scores do not count
        await Problem.Expect(await m03.SelfAsync(a, 95), HttpStatusCode.Conflict);

        // The supervisor: the department head of the person's own department; not another head, not the floor.
        await Problem.Expect(await dh02.SuperviseAsync(a, 70), HttpStatusCode.Forbidden);
        await Problem.Expect(await fm01.SuperviseAsync(a, 70), HttpStatusCode.Forbidden);
        await Problem.Expect(await m03.SuperviseAsync(a, 70), HttpStatusCode.Forbidden);
        var scored = await OkAsync(await dh01.SuperviseAsync(a, 70));
        Assert.Equal("supervisor", scored.Str("status"));
        var expected = scored.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("weight").GetInt32()
            * (i.GetProperty("byHand").GetBoolean() ? 70m : i.Dec("measuredScore")!.Value)) / 100m;
        Assert.Equal(decimal.Round(expected, 2), scored.Dec("total"));
        Assert.Equal(70m, scored.Item("attitude").Dec("score"));
        Assert.Equal(90m, scored.Item("attitude").Dec("selfScore"));
        await Problem.Expect(await dh01.SuperviseAsync(a, 75), HttpStatusCode.Conflict);

        // Department review and publication: the floor (or the GM).
        await Problem.Expect(await dh01.StepAsync(a, "publish"), HttpStatusCode.Forbidden);
        await Problem.Expect(await fm01.StepAsync(a, "publish"), HttpStatusCode.Conflict); // not reviewed yet
        await Problem.Expect(await dh01.StepAsync(a, "review"), HttpStatusCode.Forbidden);
        await Problem.Expect(await m03.StepAsync(a, "review"), HttpStatusCode.Forbidden);
        Assert.Equal("reviewed", (await OkAsync(await fm01.StepAsync(a, "review"))).Str("status"));
        await Problem.Expect(await gm.StepAsync(a, "review"), HttpStatusCode.Conflict);
        var published = await OkAsync(await fm01.StepAsync(a, "publish"));
        Assert.Equal("published", published.Str("status"));
        Assert.Equal(published.GetProperty("publishedAt").GetDateTimeOffset().AddDays(7), published.GetProperty("appealDeadline").GetDateTimeOffset());
        await Problem.Expect(await fm01.StepAsync(a, "publish"), HttpStatusCode.Conflict);

        // The appeal: the person only; decided above the supervisor (the floor or the GM for a manager's).
        await Problem.Expect(await fm01.AppealAsync(a), HttpStatusCode.Forbidden);
        await Problem.Expect(await m04.AppealAsync(a), HttpStatusCode.Forbidden);
        Assert.Contains("reason", (await Problem.Expect(await m03.PostAsJsonAsync($"/api/appraisals/{a.Str("id")}/appeal", new { reason = "" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("appealed", (await OkAsync(await m03.AppealAsync(a))).Str("status"));
        await Problem.Expect(await m03.AppealAsync(a), HttpStatusCode.Conflict);
        var decide = $"/api/appraisals/{a.Str("id")}/appeal/decide";
        await Problem.Expect(await dh01.PostAsJsonAsync(decide, new { upheld = true, comment = "x" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await m03.PostAsJsonAsync(decide, new { upheld = true, comment = "x" }), HttpStatusCode.Forbidden);
        Assert.Contains("upheld", (await Problem.Expect(await fm01.PostAsJsonAsync(decide, new { comment = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("scores", (await Problem.Expect(await fm01.PostAsJsonAsync(decide, new { upheld = false, scores = new { attitude = 90 }, comment = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
        var final = await OkAsync(await fm01.PostAsJsonAsync(decide, new { upheld = true, scores = new { attitude = 90 }, comment = "态度分调整为 90" }));
        Assert.Equal("final", final.Str("status"));
        Assert.Equal(90m, final.Item("attitude").Dec("score"));
        Assert.Equal(70m, final.Item("attitude").Dec("supervisorScore"));
        Assert.Equal(decimal.Round(expected + 20m * 20 / 100, 2), final.Dec("total"));
        await Problem.Expect(await gm.PostAsJsonAsync(decide, new { upheld = false, comment = "x" }), HttpStatusCode.Conflict);

        // The timeline: every step, by whom; and the audit.
        var timeline = (await m03.GetAppraisalAsync(a)).GetProperty("timeline").EnumerateArray().Select(e => (e.Str("step"), e.Str("byBadge"))).ToList();
        Assert.Equal([("created", "dh01"), ("self", "m03"), ("supervisor", "dh01"), ("reviewed", "fm01"), ("published", "fm01"), ("appealed", "m03"), ("upheld", "fm01")], timeline);
        var id = a.Str("id");
        var actions = await app.WithAsync(db => db.AuditEntries.Where(e => e.EntityId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Action).ToListAsync()); // in writing order (ids are time-ordered): PostgreSQL keeps no order unasked
        Assert.Equal(["appraisal.start", "appraisal.self", "appraisal.supervisor", "appraisal.review", "appraisal.publish", "appraisal.appeal", "appraisal.decide"],
            actions.Distinct().ToArray());
    }

    [Fact]
    public async Task Nobody_reads_another_s_appraisal_unless_above_them()
    {
        var (fm01, dh01, gm) = (await app.ClientFor("fm01"), await app.ClientFor("dh01"), await app.ClientFor("gm01"));
        var a = await fm01.StartAsync("m02", "2026-Q4");
        Assert.Equal("quarter", a.Str("periodKind"));
        await OkAsync(await (await app.ClientFor("m02")).GetAsync($"/api/appraisals/{a.Str("id")}"));
        await OkAsync(await dh01.GetAsync($"/api/appraisals/{a.Str("id")}"));
        await OkAsync(await gm.GetAsync($"/api/appraisals/{a.Str("id")}"));
        await Problem.Expect(await (await app.ClientFor("m01")).GetAsync($"/api/appraisals/{a.Str("id")}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("dh02")).GetAsync($"/api/appraisals/{a.Str("id")}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("h01")).GetAsync($"/api/appraisals/{a.Str("id")}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await fm01.GetAsync($"/api/appraisals/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        // Lists: one's own (a manager), one's department (a head), everyone (the floor).
        async Task<List<string>> Badges(string who, string query = "") =>
            (await OkAsync(await (await app.ClientFor(who)).GetAsync("/api/appraisals" + query))).EnumerateArray().Select(r => r.Str("badge")).Distinct().Order().ToList();
        Assert.Equal(["m01"], await Badges("m01"));
        Assert.All(await Badges("dh01"), b => Assert.Contains(b, new[] { "m01", "m02", "m03", "m04", "m05", "m06" }));
        Assert.Contains("m02", await Badges("dh01"));
        Assert.DoesNotContain("m02", await Badges("dh02"));
        Assert.Contains("m09", await Badges("fm01"));
        Assert.Contains("m02", await Badges("gm01", "?badge=m02&period=2026-Q4"));
        Assert.Equal(["m02"], await Badges("gm01", "?badge=m02&period=2026-Q4"));
        Assert.Contains("period", (await Problem.Expect(await gm.GetAsync("/api/appraisals?period=Q4"), HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task Each_queue_holds_what_waits_on_that_person()
    {
        async Task<List<(string Badge, string Action)>> Queue(string who) =>
            (await OkAsync(await (await app.ClientFor(who)).GetAsync("/api/appraisals?queue=mine"))).EnumerateArray()
                .SelectMany(r => r.GetProperty("actions").EnumerateArray().Select(x => (r.Str("badge"), x.GetString()!))).ToList();
        // The demo: m04 waits on themselves, m05 on their head, m07 on the review, m08 on publication, m02's appeal on a decision.
        Assert.Contains(("m04", "self"), await Queue("m04"));
        Assert.Contains(("m05", "supervisor"), await Queue("dh01"));
        Assert.DoesNotContain(await Queue("dh02"), q => q.Badge == "m05");
        var floor = await Queue("fm01");
        Assert.Contains(("m07", "review"), floor);
        Assert.Contains(("m08", "publish"), floor);
        Assert.Contains(("m02", "decide"), floor);
        Assert.Contains(("m01", "appeal"), await Queue("m01"));
        Assert.Empty(await Queue("m03"));
    }

    [Fact]
    public async Task A_department_heads_appraisal_is_scored_by_the_floor_and_its_appeal_decided_by_the_GM()
    {
        var (fm01, dh02, gm) = (await app.ClientFor("fm01"), await app.ClientFor("dh02"), await app.ClientFor("gm01"));
        await Problem.Expect(await (await app.ClientFor("dh01")).PostAsJsonAsync("/api/appraisals", new { badge = "dh02", period = "2026-10" }), HttpStatusCode.Forbidden);
        var a = await fm01.StartAsync("dh02", "2026-10");
        Assert.Equal("departmentHead", a.Str("role"));
        await OkAsync(await dh02.SelfAsync(a, 80));
        await Problem.Expect(await gm.SuperviseAsync(a, 80), HttpStatusCode.Forbidden);
        await OkAsync(await fm01.SuperviseAsync(a, 75));
        await OkAsync(await fm01.StepAsync(a, "review"));
        await OkAsync(await fm01.StepAsync(a, "publish"));
        await OkAsync(await dh02.AppealAsync(a));
        var decide = $"/api/appraisals/{a.Str("id")}/appeal/decide";
        await Problem.Expect(await fm01.PostAsJsonAsync(decide, new { upheld = false, comment = "维持" }), HttpStatusCode.Forbidden);
        var final = await OkAsync(await gm.PostAsJsonAsync(decide, new { upheld = false, comment = "维持原评分" }));
        Assert.Equal("final", final.Str("status"));
        Assert.Equal("rejected", final.GetProperty("timeline").EnumerateArray().Last().Str("step"));
        // The floor manager's own: supervised by the GM; nobody above the GM is appraised.
        var floor = await gm.StartAsync("fm01", "2026-10");
        await OkAsync(await fm01.SelfAsync(floor, 80));
        await Problem.Expect(await fm01.SuperviseAsync(floor, 80), HttpStatusCode.Forbidden);
        await OkAsync(await gm.SuperviseAsync(floor, 80));
        await Problem.Expect(await fm01.StepAsync(floor, "review"), HttpStatusCode.Forbidden);
        Assert.Contains("badge", (await Problem.Expect(await gm.PostAsJsonAsync("/api/appraisals", new { badge = "gm01", period = "2026-10" }), HttpStatusCode.BadRequest)).ErrorFields());
    }
}
