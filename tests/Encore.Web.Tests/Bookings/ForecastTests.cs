using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Issue 14, "forecast": the GM and the floor manager see the coming 7 business days (tonight and the six after)
/// with bookings, guests, VIP arrivals by tier and room types, and the VIPs among them. The clock stands on the
/// evening of 20 November: tonight is the 20th, the last day in is the 26th.
/// </summary>
public sealed class ForecastTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static DateTimeOffset Evening(int daysAhead) => DateTimeOffset.Parse("2026-11-20T21:00:00+08:00").AddDays(daysAhead);

    private async Task<JsonElement> ForecastAsync(string badge = "fm01") =>
        await (await app.ClientFor(badge)).GetFromJsonAsync<JsonElement>("/api/forecast");

    private static JsonElement Day(JsonElement forecast, string day) =>
        forecast.GetProperty("days").EnumerateArray().Single(d => d.Str("businessDay") == day);

    private static int Count(JsonElement forecast) => forecast.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("bookings").GetInt32());

    [Fact]
    public async Task A_booking_6_days_ahead_is_in_one_7_or_8_days_ahead_is_not_nor_a_cancelled_one()
    {
        // A demo VIP (levels from the demo history) booked by their own manager. The customer sweeper sets the levels
        // after the seed: without the wait, a copy of the template read before its first pass had no gold VIP yet.
        await app.SweptThroughNowAsync();
        var vip = app.With(db => (from c in db.Customers join u in db.MainStaff() on c.OwnerId equals u.Id
                                  where c.VipLevel == "gold" && u.UserName!.StartsWith("m")
                                  select new { c.Name, c.Phone, c.VipLevel, Owner = u.UserName! }).First());
        var owner = await app.ClientFor(vip.Owner);
        var before = await ForecastAsync();
        Assert.Equal("2026-11-20", before.Str("from"));
        Assert.Equal("2026-11-26", before.Str("to"));
        Assert.Equal(7, before.GetProperty("days").GetArrayLength());

        var sixAhead = await owner.BookAsync(Evening(6), vip.Name, vip.Phone, partySize: 9);
        var sevenAhead = await owner.BookAsync(Evening(7), vip.Name, vip.Phone);
        var eightAhead = await owner.BookAsync(Evening(8), vip.Name, vip.Phone);
        var cancelled = await owner.BookAsync(Evening(3), vip.Name, vip.Phone);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/bookings/{cancelled.Id()}/cancel", new { reason = "客人改期" })).StatusCode);

        var after = await ForecastAsync();
        Assert.Equal(Count(before) + 1, Count(after));
        var was = Day(before, "2026-11-26");
        var now = Day(after, "2026-11-26");
        Assert.Equal(was.GetProperty("bookings").GetInt32() + 1, now.GetProperty("bookings").GetInt32());
        Assert.Equal(was.GetProperty("guests").GetInt32() + 9, now.GetProperty("guests").GetInt32());
        Assert.Equal(was.GetProperty("vipArrivals").GetProperty("gold").GetInt32() + 1, now.GetProperty("vipArrivals").GetProperty("gold").GetInt32());
        var medium = now.GetProperty("byRoomType").EnumerateArray().Single(r => r.Str("roomType") == "medium");
        Assert.True(medium.GetProperty("bookings").GetInt32() >= 1);
        Assert.Equal(Day(before, "2026-11-23").GetProperty("bookings").GetInt32(), Day(after, "2026-11-23").GetProperty("bookings").GetInt32());

        var vips = after.GetProperty("vips").EnumerateArray().Select(v => v.Str("bookingId")).ToList();
        Assert.Contains(sixAhead.Id(), vips);
        Assert.DoesNotContain(sevenAhead.Id(), vips);
        Assert.DoesNotContain(eightAhead.Id(), vips);
        Assert.DoesNotContain(cancelled.Id(), vips);
        var listed = after.GetProperty("vips").EnumerateArray().Single(v => v.Str("bookingId") == sixAhead.Id());
        Assert.Equal("gold", listed.Str("vipLevel"));
        Assert.Equal(vip.Name, listed.Str("customerName"));
        Assert.Equal(vip.Owner, listed.Str("bookerBadge"));
        // Nothing in it to call: the list plans the floor.
        Assert.DoesNotContain(vip.Phone, after.GetRawText());

        // The GM sees the same; tomorrow's forecast by name reaches the 27th.
        Assert.Equal(Count(after), Count(await ForecastAsync("gm01")));
        var tomorrow = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/forecast?from=2026-11-21");
        Assert.Contains(sevenAhead.Id(), tomorrow.GetProperty("vips").EnumerateArray().Select(v => v.Str("bookingId")));
    }

    [Theory]
    [InlineData("m01")]
    [InlineData("dh01")]
    [InlineData("h02")]
    public async Task Anyone_but_the_floor_and_the_GM_is_refused(string badge) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(badge)).GetAsync("/api/forecast")).StatusCode);

    [Fact]
    public async Task A_bad_from_is_refused_naming_it()
    {
        var problem = await Problem.Expect(await (await app.ClientFor("fm01", language: "en")).GetAsync("/api/forecast?from=tomorrow"), HttpStatusCode.BadRequest);
        Assert.Equal(["from"], problem.ErrorFields());
    }
}
