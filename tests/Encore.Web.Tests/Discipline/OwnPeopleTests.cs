using System.Net;
using System.Net.Http.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// Issue 12, item 10: pings go to one's own people only (a department head pinging the GM or the floor manager used to
/// put off-post fines on them), and a department head reads their own department's performance cards only, the same
/// rule as for statements. dh01 heads 营销一部 (m01–m06); m07–m12 are 营销二部.
/// </summary>
public sealed class OwnPeopleTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private int PingsTo(string badge) => app.With(db =>
    {
        var staff = db.MainStaff(badge).Id;
        return db.Pings.Count(p => p.StaffId == staff);
    });

    [Theory]
    [InlineData("dh01", "gm01")]
    [InlineData("dh01", "fm01")]
    [InlineData("dh01", "m07")]
    [InlineData("fm01", "gm01")]
    public async Task A_ping_to_someone_who_is_not_ones_own_is_refused_and_sends_nothing(string sender, string target)
    {
        var before = PingsTo(target);
        var problem = await Problem.Expect(await (await app.ClientFor(sender)).PostAsJsonAsync("/api/pings", new { badges = new[] { target } }),
            HttpStatusCode.Forbidden);
        Assert.Contains("ping.notYourPeople", problem.GetProperty("type").GetString());
        Assert.Equal(before, PingsTo(target));
    }

    [Fact]
    public async Task Ones_own_people_are_pinged_and_a_department_ping_reaches_only_them()
    {
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("dh01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m02" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/pings", new { badges = new[] { "m08", "dh02" } })).StatusCode);
        // Another department as a whole: none of them is dh01's.
        await Problem.Expect(await (await app.ClientFor("dh01")).PostAsJsonAsync("/api/pings", new { department = "营销二部" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_department_head_reads_their_departments_cards_only()
    {
        var head = await app.ClientFor("dh01");
        var day = (await (await app.ClientFor("gm01")).NowAsync()).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/api/performance-cards/{day}?badge=m03")).StatusCode);
        var refused = await Problem.Expect(await head.GetAsync($"/api/performance-cards/{day}?badge=m07"), HttpStatusCode.Forbidden);
        Assert.Contains("performance.notYourDepartment", refused.GetProperty("type").GetString());
        // The floor reads anyone's.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("fm01")).GetAsync($"/api/performance-cards/{day}?badge=m07")).StatusCode);
    }
}
