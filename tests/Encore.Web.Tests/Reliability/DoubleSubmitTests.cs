using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Reliability;

/// <summary>
/// Every write that creates-or-updates one row (an upsert), sent six times at the same moment as a double tap or
/// two screens would: each answer is a success or a 409 problem, never a 5xx (and <see cref="ServerTest"/> fails
/// the test if the server logged an error), at least one succeeds, and one row stands afterwards.
/// </summary>
public sealed class DoubleSubmitTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const int Taps = 6;

    private static async Task<HttpResponseMessage[]> AtOnce(HttpClient client, HttpMethod method, string url, object? body) =>
        await StartingGate.AllAtOnce(Taps, _ => client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }));

    private static async Task ExpectNoFailure(HttpResponseMessage[] answers, string what)
    {
        foreach (var answer in answers)
        {
            var status = (int)answer.StatusCode;
            Assert.True(status is 200 or 201 or 409, $"{what}: {status} {await answer.Content.ReadAsStringAsync()}");
            if (status == 409) Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains(answers, a => a.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Six_identical_target_edits_at_once_all_answer_and_leave_one_target()
    {
        var floor = await app.ClientFor("fm01");
        var answers = await AtOnce(floor, HttpMethod.Put, "/api/targets/m03/2026-12", new { spend = 420000, rooms = 70 });
        await ExpectNoFailure(answers, "PUT /api/targets");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode)); // an upsert has no loser
        var m03Id = app.With(db => db.MainStaff("m03").Id);
        var targets = app.With(db => db.MonthlyTargets.Where(t => t.Month == "2026-12" && t.StaffId == m03Id).ToList());
        var target = Assert.Single(targets);
        Assert.Equal((420000m, 70), (target.Spend, target.Rooms));
    }

    [Fact]
    public async Task Six_house_rule_changes_at_once_all_answer_and_each_is_a_version()
    {
        var gm = await app.ClientFor("gm01");
        var versions = app.With(db => db.HouseRuleVersions.Count());
        var answers = await AtOnce(gm, HttpMethod.Put, "/api/house-rules", new { bookings = new { cleaningMinutes = 12 }, note = "双击" });
        await ExpectNoFailure(answers, "PUT /api/house-rules");
        var added = app.With(db => db.HouseRuleVersions.Count()) - versions;
        Assert.Equal(answers.Count(a => a.IsSuccessStatusCode), added);
        Assert.Equal(12, (await gm.GetFromJsonAsync<JsonElement>("/api/house-rules")).GetProperty("bookings").GetProperty("cleaningMinutes").GetInt32());
    }

    [Fact]
    public async Task Six_violation_type_edits_at_once_all_answer()
    {
        var gm = await app.ClientFor("gm01");
        await ExpectNoFailure(await AtOnce(gm, HttpMethod.Put, "/api/violation-types/quarrel", new { name = "吵架", fineMin = 200, fineMax = 500 }), "PUT /api/violation-types");
        var types = await gm.GetFromJsonAsync<JsonElement>("/api/violation-types");
        Assert.Single(types.EnumerateArray(), t => t.Str("code") == "quarrel");
    }

    [Fact]
    public async Task Six_sign_ins_at_once_make_one_attendance_day_and_one_place_in_the_rotation()
    {
        var m06 = await app.ClientFor("m06");
        await ExpectNoFailure(await AtOnce(m06, HttpMethod.Post, "/api/attendance/sign-in", null), "POST /api/attendance/sign-in");
        var m06Id = app.With(db => db.MainStaff("m06").Id);
        Assert.Equal(1, app.With(db => db.AttendanceDays.Count(d => d.BusinessDay == new DateOnly(2026, 11, 20) && d.StaffId == m06Id)));
        var rotation = await m06.GetFromJsonAsync<JsonElement>("/api/rotation");
        Assert.Equal(1, rotation.GetRawText().Split("\"m06\"").Length - 1);
    }

    [Fact]
    public async Task Six_signatures_of_one_card_at_once_sign_it_once()
    {
        var m08 = await app.ClientFor("m08");
        await ExpectNoFailure(await AtOnce(m08, HttpMethod.Post, "/api/performance-cards/2026-11-19/sign", null), "POST /api/performance-cards/{day}/sign");
        var m08Id = app.With(db => db.MainStaff("m08").Id);
        Assert.Equal(1, app.With(db => db.PerformanceCards.Count(c => c.BusinessDay == new DateOnly(2026, 11, 19) && c.StaffId == m08Id)));
    }

    [Fact]
    public async Task Six_edits_of_one_customer_file_and_six_consents_at_once_all_answer()
    {
        var owner = await app.ClientFor("m09");
        var created = await owner.PostAsJsonAsync("/api/customers", new { name = "双击客户", phone = "13955550909" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.Str("id");
        await ExpectNoFailure(await AtOnce(owner, HttpMethod.Put, $"/api/customers/{id}", new { name = "双击客户", phone = "13955550909", company = "双击公司" }), "PUT /api/customers/{id}");
        await ExpectNoFailure(await AtOnce(owner, HttpMethod.Post, $"/api/customers/{id}/consent", new { toBadge = "m10", reason = "同事代订" }), "POST /api/customers/{id}/consent");
        var customerId = Guid.Parse(id);
        Assert.Equal(1, app.With(db => db.CustomerConsents.Count(c => c.CustomerId == customerId)));
        Assert.Equal("双击公司", app.With(db => db.Customers.Single(c => c.Id == customerId).Company));
    }
}
