using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.GuestService;

/// <summary>
/// Issue 16, SPEC.md "Stored drinks" (存酒): stored under the customer and their manager until the house-rule
/// expiry, a withdrawal never more than remains (409 naming quantity, nothing changed), none after expiry, read like
/// the customer file, and the manager reminded the house-rule days before expiry, once per bottle.
/// </summary>
public sealed class StoredDrinksTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).AddHours(-6).DateTime);

    private static DateTimeOffset Evening(DateOnly day) => new(day.ToDateTime(new TimeOnly(20, 0)), TimeSpan.FromHours(8));

    private async Task<string> CustomerOfAsync(string badge, string name)
    {
        var response = await (await app.ClientFor(badge)).PostAsJsonAsync("/api/customers", new { name, phone = DeskClient.NewPhone() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Json(await response.Content.ReadAsStringAsync()).Str("id");
    }

    private async Task<JsonElement> StoreAsync(HttpClient client, string customerId, int quantity, string item = "轩尼诗 VSOP")
    {
        var response = await client.PostAsJsonAsync("/api/stored-drinks", new { customerId, item, quantity });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return Json(body);
    }

    private int Remaining(string id) => app.With(db => db.StoredDrinks.Single(d => d.Id == Guid.Parse(id)).Remaining);

    [Fact]
    public async Task Stored_drinks_are_withdrawn_never_beyond_what_remains_and_not_after_the_house_rule_expiry()
    {
        var gm = await app.ClientFor("gm01");
        await gm.ChangeRulesAsync(new { guestService = new { storedDrinkDays = 10 } });
        var today = Day(await gm.NowAsync());
        var customer = await CustomerOfAsync("m02", "存酒客");
        var host = await app.ClientFor("h02");
        var stored = await StoreAsync(host, customer, 5);
        var id = stored.Str("id");
        Assert.Equal(5, stored.GetProperty("remaining").GetInt32());
        Assert.Equal(today.AddDays(10).ToString("yyyy-MM-dd"), stored.Str("expiresOn"));
        Assert.Equal("m02", stored.Str("ownerBadge"));
        Assert.Equal("m02", app.With(db => db.Users.Single(u => u.Id == db.StoredDrinks.Single(d => d.Id == Guid.Parse(id)).OwnerId).UserName));

        // Bad input, each field named; nothing stored.
        var count = app.With(db => db.StoredDrinks.Count());
        var missing = await Problem.Expect(await host.PostAsJsonAsync("/api/stored-drinks", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["customerId", "item", "quantity"], missing.ErrorFields().Order());
        Assert.Equal(["customerId"], (await Problem.Expect(await host.PostAsJsonAsync("/api/stored-drinks", new { customerId = Guid.NewGuid(), item = "啤酒", quantity = 1 }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["quantity"], (await Problem.Expect(await host.PostAsJsonAsync("/api/stored-drinks", new { customerId = customer, item = "啤酒", quantity = 0 }), HttpStatusCode.BadRequest)).ErrorFields());
        // Another manager's customer is not theirs to store for.
        await Problem.Expect(await (await app.ClientFor("m03")).PostAsJsonAsync("/api/stored-drinks", new { customerId = customer, item = "啤酒", quantity = 1 }), HttpStatusCode.Forbidden);
        Assert.Equal(count, app.With(db => db.StoredDrinks.Count()));

        // More than remains: refused naming quantity, nothing withdrawn.
        var beyond = await Problem.Expect(await host.PostAsJsonAsync($"/api/stored-drinks/{id}/withdraw", new { quantity = 6 }), HttpStatusCode.Conflict);
        Assert.Equal(["quantity"], beyond.ErrorFields());
        Assert.Contains("5", beyond.Detail());
        Assert.Equal(5, Remaining(id));
        Assert.Equal(0, app.With(db => db.StoredDrinkWithdrawals.Count(w => w.StoredDrinkId == Guid.Parse(id))));
        var owner = await app.ClientFor("m02");
        var withdrawn = Json(await (await owner.PostAsJsonAsync($"/api/stored-drinks/{id}/withdraw", new { quantity = 2 })).Content.ReadAsStringAsync());
        Assert.Equal(3, withdrawn.GetProperty("remaining").GetInt32());
        Assert.Equal("m02", withdrawn.GetProperty("withdrawals")[0].Str("byBadge"));
        await Problem.Expect(await (await app.ClientFor("m03")).PostAsJsonAsync($"/api/stored-drinks/{id}/withdraw", new { quantity = 1 }), HttpStatusCode.Forbidden);
        Assert.Equal(3, Remaining(id));

        // Read like the customer file: the owner, the floor, the GM; another manager is refused.
        var file = await owner.GetFromJsonAsync<JsonElement>($"/api/customers/{customer}/stored-drinks");
        Assert.Equal(3, file.EnumerateArray().Single(d => d.Str("id") == id).GetProperty("remaining").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("fm01")).GetAsync($"/api/customers/{customer}/stored-drinks")).StatusCode);
        await Problem.Expect(await (await app.ClientFor("m03")).GetAsync($"/api/customers/{customer}/stored-drinks"), HttpStatusCode.Forbidden);
        await Problem.Expect(await owner.GetAsync($"/api/customers/{Guid.NewGuid()}/stored-drinks"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await app.ClientFor("m03")).GetFromJsonAsync<JsonElement>("/api/stored-drinks")).EnumerateArray(), d => d.Str("id") == id);
        Assert.Contains((await host.GetFromJsonAsync<JsonElement>("/api/stored-drinks")).EnumerateArray(), d => d.Str("id") == id);

        // The expiry day is the last one a withdrawal is allowed; the day after, none.
        await gm.SetClockAsync(Evening(today.AddDays(10)));
        host = await app.ClientFor("h02");
        Assert.Equal(2, Json(await (await host.PostAsJsonAsync($"/api/stored-drinks/{id}/withdraw", new { quantity = 1 })).Content.ReadAsStringAsync()).GetProperty("remaining").GetInt32());
        await gm.SetClockAsync(Evening(today.AddDays(11)));
        var expired = await Problem.Expect(await (await app.ClientFor("h02")).PostAsJsonAsync($"/api/stored-drinks/{id}/withdraw", new { quantity = 1 }), HttpStatusCode.Conflict);
        Assert.Contains(today.AddDays(10).ToString("yyyy-MM-dd"), expired.Detail());
        Assert.Equal(2, Remaining(id));
    }

    private async Task<List<JsonElement>> RemindersAsync(string badge, string customerId) =>
        (await (await app.ClientFor(badge)).GetFromJsonAsync<JsonElement>("/api/return-visits")).EnumerateArray()
            .Where(v => v.Str("customerId") == customerId && v.Str("reason") == "storedDrinksExpiring").ToList();

    [Fact]
    public async Task The_manager_is_reminded_the_house_rule_days_before_stored_drinks_expire_once_per_bottle()
    {
        var gm = await app.ClientFor("gm01");
        await gm.ChangeRulesAsync(new { guestService = new { storedDrinkDays = 10, storedDrinkReminderDays = 4 } });
        var today = Day(await gm.NowAsync());
        var customer = await CustomerOfAsync("m04", "提醒客");
        await StoreAsync(await app.ClientFor("h02"), customer, 2);
        await app.SweptThroughNowAsync();
        Assert.Empty(await RemindersAsync("m04", customer));

        // The day before the reminder day: nothing yet.
        await gm.SetClockAsync(Evening(today.AddDays(5)));
        await app.SweptThroughNowAsync();
        Assert.Empty(await RemindersAsync("m04", customer));

        // Four days before the expiry: one return visit for the owner.
        await gm.SetClockAsync(Evening(today.AddDays(6)));
        await app.SweptThroughNowAsync();
        var reminder = Assert.Single(await RemindersAsync("m04", customer));
        Assert.Equal(today.AddDays(6).ToString("yyyy-MM-dd"), reminder.Str("dueDay"));
        Assert.Equal("m04", reminder.Str("ownerBadge"));
        Assert.Empty(await RemindersAsync("m05", customer));

        // Once per bottle: the days after schedule no second one.
        await gm.SetClockAsync(Evening(today.AddDays(7)));
        await app.SweptThroughNowAsync();
        Assert.Single(await RemindersAsync("m04", customer));
    }

    [Fact]
    public async Task The_guest_service_house_rules_are_bounded()
    {
        var refused = await Problem.Expect(await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules",
            new { guestService = new { lostItemKeepDays = 0, storedDrinkDays = 1000, storedDrinkReminderDays = -1 } }), HttpStatusCode.BadRequest);
        Assert.Equal(["guestService.lostItemKeepDays", "guestService.storedDrinkDays", "guestService.storedDrinkReminderDays"], refused.ErrorFields().Order());
    }
}
