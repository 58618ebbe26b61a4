using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.GuestService;

/// <summary>
/// Issue 16, SPEC.md "Guest service": lost property kept for the house-rule days and disposed of only after them,
/// returned once to a claimant; valuables handed back only against their receipt code (a wrong code hands nothing
/// over and is audited); every refusal names its field and changes nothing.
/// </summary>
public sealed class GuestRegisterTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return Json(body);
    }

    private string Room() => app.With(db => db.Rooms.OrderBy(r => r.Number).Select(r => r.Number).First());

    private int LostItems() => app.With(db => db.LostItems.Count());

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).AddHours(-6).DateTime);

    [Fact]
    public async Task A_found_item_is_kept_the_house_rule_days_and_disposed_of_by_the_floor_only_after()
    {
        var gm = await app.ClientFor("gm01");
        await gm.ChangeRulesAsync(new { guestService = new { lostItemKeepDays = 3 } });
        var now = await gm.NowAsync();
        var today = Day(now);
        var host = await app.ClientFor("h02");
        var item = await CreatedAsync(await host.PostAsJsonAsync("/api/lost-items", new { roomNumber = Room(), description = "黑色钱包", storage = "前台抽屉 A" }));
        Assert.Equal("kept", item.Str("status"));
        var keepUntil = today.AddDays(3);
        Assert.Equal(keepUntil.ToString("yyyy-MM-dd"), item.Str("keepUntil"));
        Assert.Equal("h02", item.Str("foundByBadge"));
        // Any member of staff registers what they find.
        await CreatedAsync(await (await app.ClientFor("m01")).PostAsJsonAsync("/api/lost-items", new { roomNumber = Room(), description = "打火机", storage = "前台" }));

        // Bad input: named fields, nothing written.
        var before = LostItems();
        var unknown = await Problem.Expect(await host.PostAsJsonAsync("/api/lost-items", new { roomNumber = "X-404", description = "伞", storage = "柜" }), HttpStatusCode.BadRequest);
        Assert.Equal(["roomNumber"], unknown.ErrorFields());
        var missing = await Problem.Expect(await host.PostAsJsonAsync("/api/lost-items", new { roomNumber = Room() }), HttpStatusCode.BadRequest);
        Assert.Equal(["description", "storage"], missing.ErrorFields().Order());
        Assert.Equal(before, LostItems());

        // Disposal: the floor only, and only after keepUntil (the day itself is still kept).
        var id = item.Str("id");
        var fm = await app.ClientFor("fm01");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostAsJsonAsync($"/api/lost-items/{id}/dispose", new { note = "无人认领" })).StatusCode);
        var early = await Problem.Expect(await fm.PostAsJsonAsync($"/api/lost-items/{id}/dispose", new { note = "无人认领" }), HttpStatusCode.Conflict);
        Assert.Contains(keepUntil.ToString("yyyy-MM-dd"), early.Detail());
        await gm.SetClockAsync(new DateTimeOffset(keepUntil.ToDateTime(new TimeOnly(23, 0)), TimeSpan.FromHours(8)));
        var lastDay = await Problem.Expect(await (await app.ClientFor("fm01")).PostAsJsonAsync($"/api/lost-items/{id}/dispose", new { note = "无人认领" }), HttpStatusCode.Conflict);
        Assert.Contains("keepUntil", lastDay.Detail());
        Assert.Equal(["note"], (await Problem.Expect(await (await app.ClientFor("fm01")).PostAsJsonAsync($"/api/lost-items/{id}/dispose", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        await gm.SetClockAsync(new DateTimeOffset(keepUntil.AddDays(1).ToDateTime(new TimeOnly(19, 0)), TimeSpan.FromHours(8)));
        fm = await app.ClientFor("fm01");
        var disposed = Json(await (await fm.PostAsJsonAsync($"/api/lost-items/{id}/dispose", new { note = "无人认领，交保洁" })).Content.ReadAsStringAsync());
        Assert.Equal("disposed", disposed.Str("status"));
        Assert.Equal("fm01", disposed.Str("closedByBadge"));
        Assert.False(string.IsNullOrEmpty(disposed.Str("closedAt")));
        // Gone is gone: neither returned nor disposed again.
        await Problem.Expect(await (await app.ClientFor("h02")).PostAsJsonAsync($"/api/lost-items/{id}/return", new { claimantName = "张三", claimantPhone = "13800001111" }), HttpStatusCode.Conflict);
        var list = await fm.GetFromJsonAsync<JsonElement>("/api/lost-items?status=disposed");
        Assert.Contains(list.EnumerateArray(), i => i.Str("id") == id);
        Assert.DoesNotContain((await fm.GetFromJsonAsync<JsonElement>("/api/lost-items?status=kept")).EnumerateArray(), i => i.Str("id") == id);
    }

    [Fact]
    public async Task A_kept_item_is_returned_once_to_a_claimant_who_leaves_name_and_phone()
    {
        var host = await app.ClientFor("h02");
        var item = await CreatedAsync(await host.PostAsJsonAsync("/api/lost-items", new { roomNumber = Room(), description = "银色手表", storage = "保险柜" }));
        var id = item.Str("id");
        var bad = await Problem.Expect(await host.PostAsJsonAsync($"/api/lost-items/{id}/return", new { claimantPhone = "12345" }), HttpStatusCode.BadRequest);
        Assert.Equal(["claimantName", "claimantPhone"], bad.ErrorFields().Order());
        Assert.Equal("kept", app.With(db => db.LostItems.Single(i => i.Id == Guid.Parse(id)).Status));
        var phone = DeskClient.NewPhone();
        var returned = Json(await (await host.PostAsJsonAsync($"/api/lost-items/{id}/return", new { claimantName = "李女士", claimantPhone = phone, note = "描述相符" })).Content.ReadAsStringAsync());
        Assert.Equal("returned", returned.Str("status"));
        Assert.Equal("h02", returned.Str("closedByBadge"));
        Assert.Equal(phone, returned.Str("claimantPhone"));
        var again = await Problem.Expect(await host.PostAsJsonAsync($"/api/lost-items/{id}/return", new { claimantName = "王五", claimantPhone = DeskClient.NewPhone() }), HttpStatusCode.Conflict);
        Assert.Contains("lostItem.notKept", again.GetProperty("type").GetString());
        // A manager reads the register with the claimant's phone masked; the desk in full.
        var seenByManager = (await (await app.ClientFor("m01")).GetFromJsonAsync<JsonElement>("/api/lost-items?status=returned")).EnumerateArray().Single(i => i.Str("id") == id);
        Assert.Equal(phone[..3] + "****" + phone[^4..], seenByManager.Str("claimantPhone"));
        Assert.Equal(["status"], (await Problem.Expect(await host.GetAsync("/api/lost-items?status=lost"), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await host.PostAsJsonAsync($"/api/lost-items/{Guid.NewGuid()}/return", new { claimantName = "王五", claimantPhone = DeskClient.NewPhone() }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Valuables_go_back_only_against_their_receipt_code_and_a_wrong_code_hands_nothing_over()
    {
        var host = await app.ClientFor("h02");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("m01")).PostAsJsonAsync("/api/valuables", new { guestName = "刘女士", guestPhone = DeskClient.NewPhone(), description = "项链" })).StatusCode);
        var count = app.With(db => db.Valuables.Count());
        var bad = await Problem.Expect(await host.PostAsJsonAsync("/api/valuables", new { guestName = "刘女士", description = "项链", roomNumber = "X-404" }), HttpStatusCode.BadRequest);
        Assert.Equal(["guestPhone"], bad.ErrorFields());
        Assert.Equal(["roomNumber"], (await Problem.Expect(await host.PostAsJsonAsync("/api/valuables", new { guestName = "刘女士", guestPhone = DeskClient.NewPhone(), description = "项链", roomNumber = "X-404" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(count, app.With(db => db.Valuables.Count()));

        var taken = await CreatedAsync(await host.PostAsJsonAsync("/api/valuables", new { guestName = "刘女士", guestPhone = DeskClient.NewPhone(), description = "金项链一条", roomNumber = Room() }));
        var id = taken.Str("id");
        var code = taken.Str("receiptCode");
        Assert.Matches("^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$", code);
        // The code is the guest's key: never listed, never in the audit log.
        var listed = await host.GetStringAsync("/api/valuables?status=held");
        Assert.Contains(id, listed);
        Assert.DoesNotContain(code, listed);
        Assert.DoesNotContain(app.With(db => db.AuditEntries.Where(a => a.EntityId == id).ToList()), a => (a.After ?? "").Contains(code));

        var wrong = code[..5] + (code[5] == 'A' ? 'B' : 'A');
        var refused = await Problem.Expect(await host.PostAsJsonAsync($"/api/valuables/{id}/return", new { receiptCode = wrong }), HttpStatusCode.Conflict);
        Assert.Equal(["receiptCode"], refused.ErrorFields());
        // Nothing was handed over: still held, in the list of held ones, and the attempt is on record.
        var held = (await host.GetFromJsonAsync<JsonElement>("/api/valuables?status=held")).EnumerateArray().Single(v => v.Str("id") == id);
        Assert.Equal("held", held.Str("status"));
        Assert.Equal("", held.Str("returnedAt"));
        Assert.Null(app.With(db => db.Valuables.Single(v => v.Id == Guid.Parse(id)).ReturnedAt));
        Assert.Equal(1, app.With(db => db.AuditEntries.Count(a => a.EntityId == id && a.Action == "valuable.wrongCode")));
        Assert.Equal(["receiptCode"], (await Problem.Expect(await host.PostAsJsonAsync($"/api/valuables/{id}/return", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        // In Chinese by default, in English on request.
        Assert.Contains("取物凭证码不正确", refused.Detail());
        var english = await Problem.Expect(await (await app.ClientFor("h02", language: "en")).PostAsJsonAsync($"/api/valuables/{id}/return", new { receiptCode = wrong }), HttpStatusCode.Conflict);
        Assert.Contains("receipt code is wrong", english.Detail());

        // The right code (as a guest reads it, lower case) hands them back, recording who and when.
        var desk = await app.ClientFor("h01");
        var returned = Json(await (await desk.PostAsJsonAsync($"/api/valuables/{id}/return", new { receiptCode = code.ToLowerInvariant() })).Content.ReadAsStringAsync());
        Assert.Equal("returned", returned.Str("status"));
        Assert.Equal("h01", returned.Str("returnedByBadge"));
        Assert.False(string.IsNullOrEmpty(returned.Str("returnedAt")));
        var twice = await Problem.Expect(await desk.PostAsJsonAsync($"/api/valuables/{id}/return", new { receiptCode = code }), HttpStatusCode.Conflict);
        Assert.Contains("h01", twice.Detail());
        Assert.Contains((await desk.GetFromJsonAsync<JsonElement>("/api/valuables?status=returned")).EnumerateArray(), v => v.Str("id") == id);
    }
}
