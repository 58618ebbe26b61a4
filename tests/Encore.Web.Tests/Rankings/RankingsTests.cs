using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Rankings;

/// <summary>
/// API.md "Appraisal, rankings, training": the month's places and points of the customer managers, commendations, the
/// year's star. The figures are checked against the demo data read here on their own: the standings' attainment and
/// complaints, the fines that stand and the commendations counted in the database.
/// </summary>
public sealed class RankingsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static int? Int(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt32();

    [Fact]
    public async Task The_months_places_and_points_follow_attainment_complaints_fines_and_commendations_of_the_demo()
    {
        var gm = await app.ClientFor("gm01");
        // November: the demo has no appraisal of it published, so places follow attainment.
        const string month = "2026-11";
        var ranking = await OkAsync(await gm.GetAsync($"/api/rankings?month={month}"));
        Assert.Equal("attainment", ranking.Str("basis"));
        var rows = ranking.GetProperty("points").EnumerateArray().ToList();

        // By hand: the managers' attainment and complaints as GET /api/performance has them …
        var standings = (await OkAsync(await gm.GetAsync($"/api/performance?month={month}"))).EnumerateArray()
            .Where(s => s.Str("role") == "manager").ToDictionary(s => s.Str("badge"));
        Assert.Equal(standings.Keys.Order(), rows.Select(r => r.Str("badge")).Order());
        // … the fines that stand and the commendations not withdrawn, counted in the database.
        var (fines, praise) = await app.WithAsync(async db =>
        {
            var first = new DateOnly(2026, 11, 1);
            var next = first.AddMonths(1);
            // Main's people (hangzhou's have the same badges).
            var f = await (from v in db.Violations join u in db.MainStaff() on v.StaffId equals u.Id
                           where v.BusinessDay >= first && v.BusinessDay < next
                                 && (v.Status == Domain.ViolationStatus.Confirmed || v.Status == Domain.ViolationStatus.Upheld)
                           select u.UserName!).ToListAsync();
            var c = await (from x in db.Set<Commendation>() join u in db.MainStaff() on x.StaffId equals u.Id
                           where x.BusinessDay >= first && x.BusinessDay < next && x.WithdrawnAt == null
                           select u.UserName!).ToListAsync();
            return (f, c);
        });
        Assert.NotEmpty(praise); // the demo commends someone in every one of the last three months

        var byScore = standings.Values.OrderByDescending(s => s.GetProperty("attainment").GetDecimal()).ToList();
        foreach (var row in rows)
        {
            var badge = row.Str("badge");
            var standing = standings[badge];
            Assert.True(row.GetProperty("figures").GetBoolean());
            Assert.Equal(decimal.Round(standing.GetProperty("attainment").GetDecimal() * 100, 1), row.GetProperty("score").GetDecimal());
            // Place: one more than the number of managers with a strictly higher attainment.
            Assert.Equal(1 + byScore.Count(s => s.GetProperty("attainment").GetDecimal() > standing.GetProperty("attainment").GetDecimal()), Int(row, "place"));
            Assert.Equal(standing.GetProperty("complaints").GetInt32(), Int(row, "complaints"));
            Assert.Equal(fines.Count(b => b == badge), Int(row, "fines"));
            Assert.Equal(praise.Count(b => b == badge), Int(row, "commendations"));
            var expectedPlacePoints = Int(row, "place") switch { 1 => 5, 2 => 3, 3 => 1, var p when p == rows.Max(r => Int(r, "place")) => -3, _ => 0 };
            Assert.Equal(expectedPlacePoints, Int(row, "placePoints"));
            Assert.Equal(expectedPlacePoints - 2 * Int(row, "complaints") - Int(row, "fines") + 2 * Int(row, "commendations"), Int(row, "points"));
        }
        Assert.Equal(rows.Select(r => Int(r, "points")), rows.Select(r => Int(r, "points")).OrderDescending());
        Assert.All(ranking.GetProperty("best").EnumerateArray(), r => Assert.True(Int(r, "place") <= 3));
        Assert.Equal(rows.Max(r => Int(r, "place")), Int(ranking.GetProperty("worst")[0], "place"));
        // Every team with two or more ranked managers has a best and a last.
        Assert.NotEmpty(ranking.GetProperty("teams").EnumerateArray());
        Assert.All(ranking.GetProperty("teams").EnumerateArray(), t => Assert.Equal(1, Int(t.GetProperty("best")[0], "teamPlace")));
    }

    [Fact]
    public async Task A_month_with_published_appraisals_places_by_their_totals_and_leaves_the_unappraised_unplaced()
    {
        // October: the demo published (or finalized) appraisals of some managers; their totals, read here from the table.
        var totals = await app.WithAsync(db => (from a in db.Set<Appraisal>() join u in db.MainStaff() on a.StaffId equals u.Id
                                                 where a.Period == "2026-10" && (a.Status == "published" || a.Status == "appealed" || a.Status == "final") && a.Total != null
                                                 select new { Badge = u.UserName!, Total = a.Total!.Value }).ToDictionaryAsync(x => x.Badge, x => x.Total));
        Assert.NotEmpty(totals);
        var ranking = await OkAsync(await (await app.ClientFor("gm01")).GetAsync("/api/rankings?month=2026-10"));
        Assert.Equal("appraisal", ranking.Str("basis"));
        foreach (var row in ranking.GetProperty("points").EnumerateArray())
        {
            if (totals.TryGetValue(row.Str("badge"), out var total))
            {
                Assert.Equal(total, row.GetProperty("score").GetDecimal());
                Assert.Equal(1 + totals.Values.Count(t => t > total), Int(row, "place"));
            }
            else
            {
                Assert.Null(Int(row, "place"));
                Assert.Equal(0, Int(row, "placePoints"));
            }
        }
    }

    [Fact]
    public async Task Everyone_sees_names_and_places_and_only_their_own_figures_or_their_departments()
    {
        var gmRows = (await OkAsync(await (await app.ClientFor("gm01")).GetAsync("/api/rankings"))).GetProperty("points").EnumerateArray().ToList();
        var m01 = (await OkAsync(await (await app.ClientFor("m01")).GetAsync("/api/rankings"))).GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(gmRows.Select(r => (r.Str("badge"), Int(r, "place"))), m01.Select(r => (r.Str("badge"), Int(r, "place"))));
        Assert.All(m01, r =>
        {
            var own = r.Str("badge") == "m01";
            Assert.Equal(own, r.GetProperty("figures").GetBoolean());
            Assert.Equal(own, r.GetProperty("points").ValueKind != JsonValueKind.Null);
            Assert.Equal(own, r.GetProperty("score").ValueKind != JsonValueKind.Null);
            Assert.Equal(own, r.GetProperty("fines").ValueKind != JsonValueKind.Null);
        });
        var departments = await app.WithAsync(db => db.MainStaff().ToDictionaryAsync(u => u.UserName!, u => u.Department));
        var dh01 = (await OkAsync(await (await app.ClientFor("dh01")).GetAsync("/api/rankings"))).GetProperty("points").EnumerateArray().ToList();
        Assert.Contains(dh01, r => !r.GetProperty("figures").GetBoolean());
        Assert.All(dh01, r => Assert.Equal(departments[r.Str("badge")] == departments["dh01"], r.GetProperty("figures").GetBoolean()));
        // The star table hides points the same way.
        var star = await OkAsync(await (await app.ClientFor("m02")).GetAsync("/api/rankings/star?year=2026"));
        Assert.All(star.GetProperty("table").EnumerateArray(), r => Assert.Equal(r.Str("badge") == "m02", r.GetProperty("points").ValueKind != JsonValueKind.Null));
    }

    [Fact]
    public async Task A_commendation_adds_its_points_live_and_a_withdrawal_takes_them_back()
    {
        var fm = await app.ClientFor("fm01");
        var before = (await OkAsync(await fm.GetAsync("/api/rankings"))).GetProperty("points").EnumerateArray().Single(r => r.Str("badge") == "m05");
        await using var listener = await BoardListener.StartAsync(app, "m05");
        var given = await OkAsync(await fm.PostAsJsonAsync("/api/commendations", new { badge = "m05", reason = "主动帮同事顶班" }), HttpStatusCode.Created);
        Assert.Equal("fm01", given.Str("givenBy"));
        Assert.True(given.GetProperty("canWithdraw").GetBoolean());
        await listener.WaitForAsync("rankingsChanged", e => e.Str("month") == "2026-11");
        var after = (await OkAsync(await fm.GetAsync("/api/rankings"))).GetProperty("points").EnumerateArray().Single(r => r.Str("badge") == "m05");
        Assert.Equal(Int(before, "commendations") + 1, Int(after, "commendations"));
        Assert.Equal(Int(before, "points") + 2, Int(after, "points"));
        Assert.Contains((await OkAsync(await (await app.ClientFor("m09")).GetAsync("/api/commendations"))).EnumerateArray(), c => c.Str("id") == given.Str("id"));

        // Another head may not withdraw the floor's commendation; the floor may, once.
        var id = given.Str("id");
        await Problem.Expect(await (await app.ClientFor("m05")).PostAsJsonAsync($"/api/commendations/{id}/withdraw", new { reason = "x" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("dh02")).PostAsJsonAsync($"/api/commendations/{id}/withdraw", new { reason = "x" }), HttpStatusCode.Forbidden);
        var withdrawn = await OkAsync(await fm.PostAsJsonAsync($"/api/commendations/{id}/withdraw", new { reason = "记错人了" }));
        Assert.Equal("fm01", withdrawn.Str("withdrawnBy"));
        await Problem.Expect(await fm.PostAsJsonAsync($"/api/commendations/{id}/withdraw", new { reason = "再撤一次" }), HttpStatusCode.Conflict);
        var again = (await OkAsync(await fm.GetAsync("/api/rankings"))).GetProperty("points").EnumerateArray().Single(r => r.Str("badge") == "m05");
        Assert.Equal(Int(before, "points"), Int(again, "points"));
    }

    [Fact]
    public async Task Commending_is_refused_by_name_for_bad_input_and_by_rule_for_the_wrong_person()
    {
        var dh01 = await app.ClientFor("dh01");
        var (own, other) = await app.WithAsync(async db =>
        {
            var department = db.MainStaff("dh01").Department;
            var managers = await db.MainStaff().Where(u => u.UserName!.StartsWith("m") && u.UserName.Length == 3).OrderBy(u => u.UserName).ToListAsync();
            return (managers.First(u => u.Department == department).UserName!, managers.First(u => u.Department != department).UserName!);
        });
        var count = await app.WithAsync(db => db.Set<Commendation>().CountAsync());
        Assert.Equal(["reason"], (await Problem.Expect(await dh01.PostAsJsonAsync("/api/commendations", new { badge = own }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["badge"], (await Problem.Expect(await dh01.PostAsJsonAsync("/api/commendations", new { badge = "nobody", reason = "好" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["businessDay"], (await Problem.Expect(await dh01.PostAsJsonAsync("/api/commendations", new { badge = own, reason = "好", businessDay = "2026-11-21" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["businessDay"], (await Problem.Expect(await dh01.PostAsJsonAsync("/api/commendations", new { badge = own, reason = "好", businessDay = "2026-09-30" }), HttpStatusCode.BadRequest)).ErrorFields());
        var english = await app.ClientFor("dh01", language: "en");
        Assert.Contains("Reason", (await Problem.Expect(await english.PostAsJsonAsync("/api/commendations", new { badge = own }), HttpStatusCode.BadRequest)).Detail());
        await Problem.Expect(await dh01.PostAsJsonAsync("/api/commendations", new { badge = other, reason = "好" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await dh01.PostAsJsonAsync("/api/commendations", new { badge = "dh01", reason = "好" }), HttpStatusCode.Conflict);
        await Problem.Expect(await (await app.ClientFor("m01")).PostAsJsonAsync("/api/commendations", new { badge = "m02", reason = "好" }), HttpStatusCode.Forbidden);
        Assert.Equal(count, await app.WithAsync(db => db.Set<Commendation>().CountAsync()));
        // The first of last month is the earliest night, a head's own person is fine.
        await OkAsync(await dh01.PostAsJsonAsync("/api/commendations", new { badge = own, reason = "月初表现好", businessDay = "2026-10-01" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_star_of_the_year_has_the_most_points_over_its_months()
    {
        var gm = await app.ClientFor("gm01");
        var star = await OkAsync(await gm.GetAsync("/api/rankings/star?year=2026"));
        Assert.False(star.GetProperty("final").GetBoolean());
        Assert.Equal("2026-11", star.Str("throughMonth"));
        var table = star.GetProperty("table").EnumerateArray().ToList();
        // Each person's year is the sum of their months, as GET /api/rankings gives them.
        var monthly = new Dictionary<string, int>();
        for (var m = 1; m <= 11; m++)
            foreach (var r in (await OkAsync(await gm.GetAsync($"/api/rankings?month=2026-{m:00}"))).GetProperty("points").EnumerateArray())
                monthly[r.Str("badge")] = monthly.GetValueOrDefault(r.Str("badge")) + Int(r, "points")!.Value;
        Assert.All(table, r => Assert.Equal(monthly[r.Str("badge")], Int(r, "points")));
        var top = monthly.Values.Max();
        Assert.Equal(monthly.Where(p => p.Value == top).Select(p => p.Key).Order(), star.GetProperty("star").EnumerateArray().Select(r => r.Str("badge")).Order());
        Assert.Equal(["year"], (await Problem.Expect(await gm.GetAsync("/api/rankings/star?year=2027"), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["month"], (await Problem.Expect(await gm.GetAsync("/api/rankings?month=2026-13"), HttpStatusCode.BadRequest)).ErrorFields());
    }
}
