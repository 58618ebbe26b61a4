using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.GuestService;

/// <summary>
/// Issue 16, SPEC.md "Privacy": the GM erases a customer's personal data at their request. It is gone from the file,
/// from the search and from the audit entry the erasure writes; bookings, bills and stored drinks keep their numbers.
/// </summary>
public sealed class ErasureTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task Erasure_removes_the_personal_data_keeps_the_numbers_and_writes_none_of_it_to_the_audit_log()
    {
        var phone = DeskClient.NewPhone();
        const string name = "欧阳隐私";
        var manager = await app.ClientFor("m05");
        var created = await manager.PostAsJsonAsync("/api/customers", new { name, phone, birthday = "1988-03-04", notes = "喜欢靠窗的包厢", company = "隐私科技", title = "总监", tags = "商务", preferences = "威士忌" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Json(await created.Content.ReadAsStringAsync()).Str("id");
        // A visit with a bill, and stored drinks: numbers that must stay.
        var room = await app.OpenRoomForAsync("m05", phone);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2600 })).StatusCode);
        var drink = Json(await (await manager.PostAsJsonAsync("/api/stored-drinks", new { customerId = id, item = "芝华士", quantity = 3 })).Content.ReadAsStringAsync());
        var bookings = app.With(db => db.Bookings.Count(b => b.CustomerId == Guid.Parse(id)));
        var spend = app.With(db => db.RoomSessions.Where(s => db.Bookings.Any(b => b.Id == s.BookingId && b.CustomerId == Guid.Parse(id))).Select(s => s.Spend).ToList().Sum());
        Assert.Equal(1, bookings);
        Assert.Equal(2600m, spend);

        var gm = await app.ClientFor("gm01");
        // A complaint about the customer: the desk takes the guest's name and phone with it.
        var complained = await (await app.ClientFor("h02")).PostAsJsonAsync("/api/complaints", new { category = "service", severity = "low", description = "等位太久", customerId = id, guestPhone = phone });
        Assert.Equal(HttpStatusCode.Created, complained.StatusCode);
        var complaintId = Json(await complained.Content.ReadAsStringAsync()).Str("id");
        // Only the GM, and with a reason; a refusal changes nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("fm01")).PostAsJsonAsync($"/api/customers/{id}/erase", new { reason = "客人要求" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/customers/{id}/erase", new { reason = "客人要求" })).StatusCode);
        Assert.Equal(["reason"], (await Problem.Expect(await gm.PostAsJsonAsync($"/api/customers/{id}/erase", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(name, app.With(db => db.Customers.Single(c => c.Id == Guid.Parse(id)).Name));
        await Problem.Expect(await gm.PostAsJsonAsync($"/api/customers/{Guid.NewGuid()}/erase", new { reason = "客人要求" }), HttpStatusCode.NotFound);

        // The entries written before (by id: many share one instant on the frozen simulated clock).
        var auditBefore = app.With(db => db.AuditEntries.Select(a => a.Id).ToHashSet());
        var erased = await gm.PostAsJsonAsync($"/api/customers/{id}/erase", new { reason = "客人来电要求删除个人信息" });
        Assert.True(erased.StatusCode == HttpStatusCode.OK, await erased.Content.ReadAsStringAsync());

        // Gone from the file, as the GM (who sees every field) reads it.
        var file = await gm.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        Assert.Equal("已注销客户", file.Str("name"));
        Assert.Equal("", file.Str("phone"));
        Assert.Equal("", file.Str("birthday"));
        foreach (var field in new[] { "notes", "company", "title", "tags", "preferences" }) Assert.Equal("", file.Str(field));
        var raw = await gm.GetStringAsync($"/api/customers/{id}");
        foreach (var personal in new[] { name, phone, "1988-03-04", "喜欢靠窗", "隐私科技", "威士忌" }) Assert.DoesNotContain(personal, raw);
        Assert.Equal("", app.With(db => db.Customers.Single(c => c.Id == Guid.Parse(id)).Pinyin));
        // Gone from the search, by name, by pinyin and by phone, for the floor and for the former owner.
        foreach (var client in new[] { gm, await app.ClientFor("fm01"), manager })
            foreach (var q in new[] { name, "ouyang", phone[^4..] })
                Assert.DoesNotContain(id, await client.GetStringAsync($"/api/customers?q={Uri.EscapeDataString(q)}"));
        // And from the booking's copy of the guest's name and phone.
        var booking = app.With(db => db.Bookings.Single(b => b.CustomerId == Guid.Parse(id)));
        Assert.Equal("已注销客户", booking.CustomerName);
        Assert.NotEqual(phone, booking.CustomerPhone);
        // And from the complaint's: it stays (the figures count it), without the guest's name and phone.
        var complaint = await gm.GetStringAsync($"/api/complaints/{complaintId}");
        Assert.DoesNotContain(name, complaint);
        Assert.DoesNotContain(phone, complaint);
        Assert.Contains("等位太久", complaint);

        // The numbers stay.
        Assert.Equal(bookings, app.With(db => db.Bookings.Count(b => b.CustomerId == Guid.Parse(id))));
        Assert.Equal(spend, app.With(db => db.RoomSessions.Where(s => db.Bookings.Any(b => b.Id == s.BookingId && b.CustomerId == Guid.Parse(id))).Select(s => s.Spend).ToList().Sum()));
        var history = await gm.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/history");
        Assert.Equal(2600m, history.GetProperty("totals").GetProperty("spend").GetDecimal());
        Assert.Equal(3, (await gm.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/stored-drinks"))[0].GetProperty("remaining").GetInt32());
        Assert.Equal(drink.Str("id"), (await gm.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/stored-drinks"))[0].Str("id"));

        // Audited, and the audit log's new entries hold none of the erased data.
        var entries = app.With(db => db.AuditEntries.ToList()).Where(a => !auditBefore.Contains(a.Id)).ToList();
        var entry = Assert.Single(entries, a => a.Action == "customer.erase");
        Assert.Equal(id, entry.EntityId);
        // The log stores JSON with non-ASCII escaped (\uXXXX): compared as the text it reads back as.
        static string Text(string? json) => System.Text.RegularExpressions.Regex.Unescape(json ?? "");
        Assert.Contains("客人来电要求删除个人信息", Text(entry.After));
        foreach (var written in entries)
            foreach (var personal in new[] { name, phone, "1988-03-04", "喜欢靠窗", "隐私科技", "威士忌", "ouyang" })
                Assert.DoesNotContain(personal, Text(written.Before) + Text(written.After));

        // Erased once: a second erasure is refused.
        var again = await Problem.Expect(await gm.PostAsJsonAsync($"/api/customers/{id}/erase", new { reason = "再次" }), HttpStatusCode.Conflict);
        Assert.Contains("customer.erased", again.GetProperty("type").GetString());
        // Nor can the owner type the personal data back into the erased file.
        await Problem.Expect(await gm.PutAsJsonAsync($"/api/customers/{id}", new { name, phone }), HttpStatusCode.Conflict);
        Assert.Equal(0, app.With(db => db.Customers.Count(c => c.Name == name)));
    }

    [Fact]
    public async Task The_customer_file_offers_erasure_to_the_GM_only_and_shows_the_stored_drinks()
    {
        var response = await (await app.ClientFor("m06")).PostAsJsonAsync("/api/customers", new { name = "页面客", phone = DeskClient.NewPhone() });
        var id = Json(await response.Content.ReadAsStringAsync()).Str("id");
        var gmPage = await (await PageSession.SignedIn(app, "gm01")).GetStringAsync($"/customers/{id}");
        Assert.Contains("data-testid=\"erase-form\"", gmPage);
        Assert.Contains("data-testid=\"stored-drinks\"", gmPage);
        var floorPage = await (await PageSession.SignedIn(app, "fm01")).GetStringAsync($"/customers/{id}");
        Assert.DoesNotContain("erase-form", floorPage);
        Assert.Contains("data-testid=\"stored-drinks\"", floorPage);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PostAsJsonAsync($"/api/customers/{id}/erase", new { reason = "客人要求" })).StatusCode);
        // Erased: nothing left to erase.
        Assert.DoesNotContain("erase-form", await (await PageSession.SignedIn(app, "gm01")).GetStringAsync($"/customers/{id}"));
    }

    [Fact]
    public async Task Two_erased_files_keep_the_phone_index_unique()
    {
        var gm = await app.ClientFor("gm01");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var response = await (await app.ClientFor("m06")).PostAsJsonAsync("/api/customers", new { name = "注销" + i, phone = DeskClient.NewPhone() });
            ids.Add(Json(await response.Content.ReadAsStringAsync()).Str("id"));
        }
        foreach (var id in ids)
        {
            var erased = await gm.PostAsJsonAsync($"/api/customers/{id}/erase", new { reason = "客人要求" });
            Assert.True(erased.StatusCode == HttpStatusCode.OK, await erased.Content.ReadAsStringAsync());
        }
        var phones = app.With(db => db.Customers.Where(c => c.ErasedAt != null).Select(c => c.Phone).ToList());
        Assert.Equal(phones.Count, phones.Distinct().Count());
    }
}
