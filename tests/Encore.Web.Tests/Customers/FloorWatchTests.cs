using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// Issue 14, "contacts and new customers": the floor manager sees each night the customer managers under the daily
/// contact minimum (customers.contactsPerDayMin) and, from day performance.newCustomersCheckDay of the month, those
/// below the mid-month new-customer quota (performance.newCustomersPerMonth by day performance.newCustomersDueDay).
/// The clock stands on the evening of 9 December, the day before the default check day. The managers are created by
/// the tests, so the demo history counts for none of them.
/// </summary>
public sealed class FloorWatchTests(FloorWatchTests.NinthOfMonth app) : ServerTest(app), IClassFixture<FloorWatchTests.NinthOfMonth>
{
    public sealed class NinthOfMonth : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-12-09T21:00:00+08:00");
    }

    private async Task<string> NewManagerAsync(string department = "营销二部")
    {
        var badge = "fw" + Random.Shared.Next(10_000, 99_999);
        var created = await (await app.ClientFor("gm01")).PostAsJsonAsync("/api/staff",
            new { badge, name = "督导测试", password = "secret-123", roles = new[] { "manager" }, department });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return badge;
    }

    private async Task RulesAsync(object change)
    {
        var put = await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules", change);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> WatchAsync(string viewer = "fm01") =>
        await (await app.ClientFor(viewer)).GetFromJsonAsync<JsonElement>("/api/oversight/contacts");

    private static JsonElement? Row(JsonElement list, string badge) =>
        list.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(r => r!.Value.Str("badge") == badge);

    /// <summary>Files <paramref name="count"/> new customers for the manager; their ids.</summary>
    private static async Task<List<string>> FileAsync(HttpClient manager, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var filed = await manager.PostAsJsonAsync("/api/customers", new { name = "督导客" + i, phone = DeskClient.NewPhone() });
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
            ids.Add((await filed.Content.ReadFromJsonAsync<JsonElement>()).Id());
        }
        return ids;
    }

    [Fact]
    public async Task Four_contacts_are_under_the_minimum_five_are_not_and_a_changed_minimum_moves_the_line()
    {
        await RulesAsync(new { customers = new { contactsPerDayMin = 5, contactsPerDayMax = 10 } });
        var badge = await NewManagerAsync();
        var manager = await app.ClientFor(badge, "secret-123");
        var customers = await FileAsync(manager, 5);
        Assert.Equal(0, Row((await WatchAsync()).GetProperty("underContacts"), badge)!.Value.GetProperty("contacts").GetInt32());

        foreach (var id in customers.Take(4))
            Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/customers/{id}/contacts", new { channel = "call" })).StatusCode);
        var four = await WatchAsync();
        Assert.Equal(5, four.GetProperty("contactsPerDayMin").GetInt32());
        Assert.Equal(4, Row(four.GetProperty("underContacts"), badge)!.Value.GetProperty("contacts").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/customers/{customers[4]}/contacts", new { channel = "wechat" })).StatusCode);
        Assert.Null(Row((await WatchAsync()).GetProperty("underContacts"), badge));

        // The GM raises the minimum to 6: five contacts are under it again.
        await RulesAsync(new { customers = new { contactsPerDayMin = 6 } });
        var six = await WatchAsync();
        Assert.Equal(6, six.GetProperty("contactsPerDayMin").GetInt32());
        Assert.Equal(5, Row(six.GetProperty("underContacts"), badge)!.Value.GetProperty("contacts").GetInt32());
        await RulesAsync(new { customers = new { contactsPerDayMin = 5 } });
    }

    [Fact]
    public async Task The_new_customer_quota_is_checked_from_the_10th_and_the_rules_move_it()
    {
        await RulesAsync(new { performance = new { newCustomersPerMonth = 7, newCustomersDueDay = 15, newCustomersCheckDay = 10 } });
        var gm = await app.ClientFor("gm01");
        var badge = await NewManagerAsync();
        var manager = await app.ClientFor(badge, "secret-123");
        await FileAsync(manager, 6);

        // The 9th: not checked yet, nobody listed.
        Assert.Equal("2026-12-09", (await WatchAsync()).Str("businessDay"));
        var ninth = (await WatchAsync()).GetProperty("newCustomers");
        Assert.False(ninth.GetProperty("checked").GetBoolean());
        Assert.Equal("2026-12-10", ninth.Str("checkedFrom"));
        Assert.Empty(ninth.GetProperty("below").EnumerateArray());

        // The 10th: six of seven is below the quota, due by the 15th.
        await gm.SetClockAsync(DateTimeOffset.Parse("2026-12-10T21:00:00+08:00"));
        var tenth = (await WatchAsync()).GetProperty("newCustomers");
        Assert.True(tenth.GetProperty("checked").GetBoolean());
        Assert.Equal("2026-12-15", tenth.Str("dueBy"));
        Assert.False(tenth.GetProperty("pastDue").GetBoolean());
        Assert.Equal(7, tenth.GetProperty("quota").GetInt32());
        Assert.Equal(6, Row(tenth.GetProperty("below"), badge)!.Value.GetProperty("filed").GetInt32());

        // The seventh new customer reaches it.
        await FileAsync(manager, 1);
        Assert.Null(Row((await WatchAsync()).GetProperty("newCustomers").GetProperty("below"), badge));

        // A quota of 8 lists them again; a check day of the 11th checks nobody on the 10th.
        await RulesAsync(new { performance = new { newCustomersPerMonth = 8 } });
        Assert.Equal(7, Row((await WatchAsync()).GetProperty("newCustomers").GetProperty("below"), badge)!.Value.GetProperty("filed").GetInt32());
        await RulesAsync(new { performance = new { newCustomersCheckDay = 11 } });
        var moved = (await WatchAsync()).GetProperty("newCustomers");
        Assert.False(moved.GetProperty("checked").GetBoolean());
        Assert.Empty(moved.GetProperty("below").EnumerateArray());
        await RulesAsync(new { performance = new { newCustomersPerMonth = 7, newCustomersCheckDay = 10 } });
        // A past business day asked for by name: on the 9th the quota was not checked yet.
        Assert.False((await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/oversight/contacts?businessDay=2026-12-09"))
            .GetProperty("newCustomers").GetProperty("checked").GetBoolean());
    }

    [Fact]
    public async Task A_department_head_watches_their_own_department_and_a_manager_is_refused()
    {
        var second = await NewManagerAsync("营销二部");
        var first = await NewManagerAsync("营销一部");
        var dh01 = (await WatchAsync("dh01")).GetProperty("underContacts");
        Assert.NotNull(Row(dh01, first));
        Assert.Null(Row(dh01, second));
        Assert.NotNull(Row((await WatchAsync("dh02")).GetProperty("underContacts"), second));
        var gm = (await WatchAsync("gm01")).GetProperty("underContacts");
        Assert.NotNull(Row(gm, first));
        Assert.NotNull(Row(gm, second));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("m01")).GetAsync("/api/oversight/contacts")).StatusCode);
        var bad = await Problem.Expect(await (await app.ClientFor("fm01", language: "en")).GetAsync("/api/oversight/contacts?businessDay=2026-13-01"), HttpStatusCode.BadRequest);
        Assert.Equal(["businessDay"], bad.ErrorFields());
    }

    [Fact]
    public async Task The_floor_watch_page_lists_them_on_a_phone_sized_page()
    {
        var badge = await NewManagerAsync();
        var fm = await PageSession.SignedIn(app, "fm01");
        var html = await fm.GetStringAsync("/oversight");
        Assert.Contains("data-testid=\"under-contacts\"", html);
        Assert.Contains($"data-badge=\"{badge}\"", html);
        Assert.Contains("data-testid=\"forecast\"", html);
        // A department head watches, without the forecast.
        var dh = await PageSession.SignedIn(app, "dh02");
        var head = await dh.GetStringAsync("/oversight");
        Assert.Contains($"data-badge=\"{badge}\"", head);
        Assert.DoesNotContain("data-testid=\"forecast\"", head);
    }
}
