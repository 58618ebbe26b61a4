using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Customers;

/// <summary>SPEC.md "Return visits" on the simulated clock: after a visit, before a birthday, after 30 days unseen; overdue ones listed.</summary>
public sealed class ReturnVisitTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<List<JsonElement>> Visits(string badge, string customerId, string status = "") =>
        (await (await app.ClientFor(badge)).GetFromJsonAsync<JsonElement>($"/api/return-visits?status={status}")).EnumerateArray()
            .Where(v => v.Str("customerId") == customerId).ToList();

    [Fact]
    public async Task Return_visits_follow_the_visit_the_birthday_and_a_month_unseen()
    {
        var gm = await app.ClientFor("gm01");
        var m02 = await app.ClientFor("m02");
        // 2026-11-20 18:00. A customer whose birthday is on the 23rd: the birthday visit is due today.
        var created = Json(await (await m02.PostAsJsonAsync("/api/customers", new { name = "欧阳寿星", phone = "13911112201", birthday = "1990-11-23" })).Content.ReadAsStringAsync());
        var birthdayId = created.Str("id");
        var plain = Json(await (await m02.PostAsJsonAsync("/api/customers", new { name = "公孙常客", phone = "13911112202" })).Content.ReadAsStringAsync()).Str("id");
        await app.SweptAtAsync(T("2026-11-20T18:01"));
        var birthday = Assert.Single(await Visits("m02", birthdayId));
        Assert.Equal("birthday", birthday.Str("reason"));
        Assert.Equal("2026-11-20", birthday.Str("dueDay"));
        Assert.Empty(await Visits("m03", birthdayId)); // not m03's customer
        // The owner makes the call: the number in full. The floor and the GM follow the list with it masked.
        Assert.Equal("13911112201", birthday.Str("phone"));
        Assert.Equal("139****2201", (await Visits("fm01", birthdayId)).Single().Str("phone"));
        Assert.Equal("139****2201", (await Visits("gm01", birthdayId)).Single().Str("phone"));

        // A visit tonight: booked, arrived, opened and closed. The follow-up falls due the next business day.
        var booking = await m02.BookAsync(T("2026-11-20T20:00"), name: "公孙常客", phone: "13911112202");
        var room = await app.SeatAsync(booking);
        await (await app.ClientFor("gm01")).SetClockAsync(T("2026-11-20T23:00"));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1800 })).StatusCode);
        await (await app.ClientFor("gm01")).SetClockAsync(T("2026-11-21T18:00"));
        m02 = await app.ClientFor("m02");
        await app.SweptThroughNowAsync();
        Assert.Equal("2026-11-21", (await Visits("m02", plain, "due")).Single(x => x.Str("reason") == "afterVisit").Str("dueDay"));

        // Not done by the next day: overdue, listed for the manager and for the floor.
        await (await app.ClientFor("gm01")).SetClockAsync(T("2026-11-22T18:00"));
        gm = await app.ClientFor("gm01");
        m02 = await app.ClientFor("m02");
        var overdue = (await Visits("m02", plain, "overdue")).Single(x => x.Str("reason") == "afterVisit");
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        Assert.Contains((await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/return-visits?status=overdue")).EnumerateArray(), v => v.Str("id") == overdue.Str("id"));
        Assert.Equal(["satisfaction"], (await Problem.Expect(await m02.PostAsJsonAsync($"/api/return-visits/{overdue.Str("id")}", new { channel = "call", outcome = "满意", satisfaction = 6 }), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await (await app.ClientFor("m03")).PostAsJsonAsync($"/api/return-visits/{overdue.Str("id")}", new { channel = "call", outcome = "x", satisfaction = 3 }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await m02.PostAsJsonAsync($"/api/return-visits/{overdue.Str("id")}", new { channel = "wechat", outcome = "客人很满意，下周再来", satisfaction = 5 })).StatusCode);
        Assert.DoesNotContain(await Visits("m02", plain, "overdue"), x => x.Str("reason") == "afterVisit");
        // The satisfaction feeds the manager's figures.
        var standing = (await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/performance?month=2026-11")).EnumerateArray().Single(x => x.Str("badge") == "m02");
        Assert.Equal(5m, standing.GetProperty("returnVisitSatisfaction").GetDecimal());

        // The customer's whole story is on one page: the visit, the booking and who made it, the return visit.
        var history = await m02.GetFromJsonAsync<JsonElement>($"/api/customers/{plain}/history");
        Assert.Equal(1800m, history.GetProperty("totals").GetProperty("spend").GetDecimal());
        Assert.Equal("m02", history.GetProperty("bookings")[0].Str("bookerBadge"));
        Assert.Contains(history.GetProperty("returnVisits").EnumerateArray(), r => r.Str("reason") == "afterVisit" && r.GetProperty("satisfaction").GetInt32() == 5);
        await Problem.Expect(await (await app.ClientFor("m03")).GetAsync($"/api/customers/{plain}/history"), HttpStatusCode.Forbidden);

        // Thirty days after the visit without another: unseen.
        await app.SweptAtAsync(T("2026-12-20T18:00"));
        Assert.Equal("2026-12-20", (await Visits("m02", plain, "due")).Single(x => x.Str("reason") == "unseen").Str("dueDay"));
    }
}

