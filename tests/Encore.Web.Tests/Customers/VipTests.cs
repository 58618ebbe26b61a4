using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>VIP levels recomputed from the demo venue's 30 nights, exclusive managers for the top VIPs, and today's lists.</summary>
public sealed class VipTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_top_VIPs_get_levels_and_may_get_an_exclusive_manager()
    {
        await app.SweptThroughNowAsync(); // the customer sweeper has computed tonight's levels
        // The demo chain has a second venue whose customers the floor manager of this one may not see:
        // pick both customers from the main venue (PostgreSQL returns rows of either venue first).
        Assert.True(app.With(db => db.Customers.OfMain(db).Count(c => c.VipLevel == "diamond")) > 0);
        var diamond = app.With(db => db.Customers.OfMain(db).First(c => c.VipLevel == "diamond"));
        var nobody = app.With(db => db.Customers.OfMain(db).First(c => c.VipLevel == ""));
        var floor = await app.ClientFor("fm01");
        var named = await floor.PutAsJsonAsync($"/api/customers/{diamond.Id}/exclusive-manager", new { badge = "m05" });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var view = JsonDocument.Parse(await named.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("m05", view.Str("exclusiveManagerBadge"));
        Assert.Equal("diamond", view.Str("vipLevel"));
        await Problem.Expect(await floor.PutAsJsonAsync($"/api/customers/{nobody.Id}/exclusive-manager", new { badge = "m05" }), HttpStatusCode.Conflict);
        await Problem.Expect(await (await app.ClientFor("m05")).PutAsJsonAsync($"/api/customers/{diamond.Id}/exclusive-manager", new { badge = "m05" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Todays_birthdays_and_VIP_arrivals_are_listed()
    {
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var m06 = await app.ClientFor("m06");
        Assert.Equal(HttpStatusCode.Created, (await m06.PostAsJsonAsync("/api/customers", new { name = "今日寿星", phone = "13977700001", birthday = $"1988-{now:MM-dd}" })).StatusCode);
        var mine = await m06.GetFromJsonAsync<JsonElement>("/api/customers/today");
        Assert.Contains(mine.GetProperty("birthdays").EnumerateArray(), b => b.Str("name") == "今日寿星");
        Assert.Contains((await gm.GetFromJsonAsync<JsonElement>("/api/customers/today")).GetProperty("birthdays").EnumerateArray(), b => b.Str("name") == "今日寿星");
        Assert.DoesNotContain((await (await app.ClientFor("m07")).GetFromJsonAsync<JsonElement>("/api/customers/today")).GetProperty("birthdays").EnumerateArray(), b => b.Str("name") == "今日寿星");

        // A VIP booked tonight shows as a VIP arrival.
        await app.SweptThroughNowAsync();
        Assert.True(app.With(db => db.Customers.OfMain(db).Count(c => c.VipLevel != "")) > 0);
        var vip = app.With(db => db.Customers.OfMain(db).Where(c => c.VipLevel != "").Select(c => new { c.Id, Owner = db.Users.First(u => u.Id == c.OwnerId).UserName }).First());
        var owner = await app.ClientFor(vip.Owner!);
        var booked = await owner.PostAsJsonAsync("/api/bookings", new { customerId = vip.Id, arrival = now.AddHours(2).ToString("O"), partySize = 6 });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var arrivals = (await gm.GetFromJsonAsync<JsonElement>("/api/customers/today")).GetProperty("vipArrivals").EnumerateArray();
        Assert.Contains(arrivals, a => a.Str("customerId") == vip.Id.ToString());
    }
}
