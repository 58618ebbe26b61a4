using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Complaints;

/// <summary>API.md "Complaints": intake, who sees what, handling within authority, resolution, fines and statistics.</summary>
public sealed class ComplaintsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<JsonElement> TakeAsync(HttpClient staff, object body)
    {
        var response = await staff.PostAsJsonAsync("/api/complaints", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return Json(text);
    }

    [Fact]
    public async Task A_complaint_about_a_managers_room_is_theirs_to_see_and_handle_within_their_authority_and_the_floor_resolves_it()
    {
        var room = await app.OpenRoomForAsync("m05", "13300000051");
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var host = await app.ClientFor("h02");
        var taken = await TakeAsync(host, new
        {
            category = "service", severity = "medium", description = "上酒太慢，催了三次", roomNumber = room,
            guestName = "钱先生", guestPhone = "133 0000 0052", staffBadges = new[] { "m05" },
        });
        Assert.Equal("open", taken.Str("status"));
        Assert.Equal("m05", taken.Str("managerBadge"));
        Assert.Equal("h02", taken.Str("createdBy"));
        Assert.Equal(now.AddMinutes(10), taken.GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal(now.AddHours(48), taken.GetProperty("solutionBy").GetDateTimeOffset());
        Assert.False(taken.GetProperty("overdue").GetBoolean());
        Assert.Equal("13300000052", taken.Str("guestPhone")); // the desk that took it sees what it typed
        var id = taken.Str("id");

        // The room's manager and their department head see it; another manager does not even find it.
        var manager = await app.ClientFor("m05");
        Assert.Contains((await manager.GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray(), c => c.Str("id") == id);
        Assert.Contains((await (await app.ClientFor("dh01")).GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray(), c => c.Str("id") == id);
        var other = await app.ClientFor("m07");
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray(), c => c.Str("id") == id);
        await Problem.Expect(await other.GetAsync($"/api/complaints/{id}"), HttpStatusCode.NotFound);
        await Problem.Expect(await other.PostAsync($"/api/complaints/{id}/acknowledge", null), HttpStatusCode.NotFound);

        // The manager acknowledges it and apologises; a comp within their ¥200 is theirs to give, beyond it needs an approval.
        var acknowledged = Json(await (await manager.PostAsync($"/api/complaints/{id}/acknowledge", null)).Content.ReadAsStringAsync());
        Assert.Equal("acknowledged", acknowledged.Str("status"));
        Assert.Equal("m05", acknowledged.Str("acknowledgedBy"));
        await Problem.Expect(await manager.PostAsync($"/api/complaints/{id}/acknowledge", null), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/complaints/{id}/actions", new { kind = "comp", note = "送果盘", value = 188 })).StatusCode);
        var beyond = await Problem.Expect(await manager.PostAsJsonAsync($"/api/complaints/{id}/actions", new { kind = "comp", note = "送洋酒", value = 880 }), HttpStatusCode.Forbidden);
        Assert.Contains("审批", beyond.Detail());

        // Only the floor resolves; the satisfaction is 1–5.
        await Problem.Expect(await manager.PostAsJsonAsync($"/api/complaints/{id}/resolve", new { resolution = "已致歉", satisfaction = 4 }), HttpStatusCode.Forbidden);
        var floor = await app.ClientFor("fm01");
        var six = await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/resolve", new { resolution = "已致歉", satisfaction = 6 }), HttpStatusCode.BadRequest);
        Assert.Contains("satisfaction", six.ErrorFields());
        var resolved = Json(await (await floor.PostAsJsonAsync($"/api/complaints/{id}/resolve", new { resolution = "致歉并赠送果盘，客人接受", satisfaction = 4 })).Content.ReadAsStringAsync());
        Assert.Equal("resolved", resolved.Str("status"));
        Assert.Equal(4, resolved.GetProperty("satisfaction").GetInt32());
        Assert.False(resolved.GetProperty("resolvedLate").GetBoolean());
        var actions = resolved.GetProperty("actions").EnumerateArray().ToList();
        Assert.Single(actions);
        Assert.Equal("comp", actions[0].Str("kind"));
        Assert.Equal(188m, actions[0].GetProperty("value").GetDecimal());
        await Problem.Expect(await manager.PostAsJsonAsync($"/api/complaints/{id}/actions", new { kind = "apology", note = "再次致歉" }), HttpStatusCode.Conflict);

        // Every write is in the audit log under its action.
        var audited = await app.WithAsync(db => db.AuditEntries.Where(a => a.EntityId == id || a.Action.StartsWith("complaint.")).Select(a => a.Action).ToListAsync());
        Assert.Contains("complaint.create", audited);
        Assert.Contains("complaint.acknowledge", audited);
        Assert.Contains("complaint.act", audited);
        Assert.Contains("complaint.resolve", audited);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_changes_nothing()
    {
        var host = await app.ClientFor("h02");
        var before = await app.WithAsync(db => db.Complaints.CountAsync());
        async Task Refused(object body, string field)
        {
            var problem = await Problem.Expect(await host.PostAsJsonAsync("/api/complaints", body), HttpStatusCode.BadRequest);
            Assert.Contains(field, problem.ErrorFields());
        }
        await Refused(new { severity = "low", description = "没有类别" }, "category");
        await Refused(new { category = "noise", severity = "low", description = "未知类别" }, "category");
        await Refused(new { category = "room", severity = "urgent", description = "未知严重程度" }, "severity");
        await Refused(new { category = "room", severity = "low" }, "description");
        await Refused(new { category = "room", severity = "low", description = "房间不存在", roomNumber = "9999" }, "roomNumber");
        await Refused(new { category = "room", severity = "low", description = "客户不存在", customerId = Guid.NewGuid() }, "customerId");
        await Refused(new { category = "room", severity = "low", description = "员工不存在", staffBadges = new[] { "m01", "nobody" } }, "staffBadges[1]");
        await Refused(new { category = "room", severity = "low", description = "电话不对", guestPhone = "12345" }, "guestPhone");
        // English on request, still naming the field.
        var english = await app.ClientFor("h02", language: "en");
        var problem = await Problem.Expect(await english.PostAsJsonAsync("/api/complaints", new { severity = "low", description = "x" }), HttpStatusCode.BadRequest);
        Assert.Contains("Category", problem.Detail());

        var taken = await TakeAsync(host, new { category = "hygiene", severity = "low", description = "沙发有污渍" });
        var floor = await app.ClientFor("fm01");
        var id = taken.Str("id");
        Assert.Contains("kind", (await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/actions", new { kind = "bribe", note = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("value", (await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/actions", new { kind = "comp", note = "送果盘" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("resolution", (await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/resolve", new { satisfaction = 3 }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("badge", (await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/fine", new { badge = "nobody" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("amount", (await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/fine", new { badge = "m05", amount = 600 }), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{Guid.NewGuid()}/resolve", new { resolution = "x", satisfaction = 3 }), HttpStatusCode.NotFound);

        Assert.Equal(before + 1, await app.WithAsync(db => db.Complaints.CountAsync()));
        var unchanged = Json(await (await floor.GetAsync($"/api/complaints/{id}")).Content.ReadAsStringAsync());
        Assert.Equal("open", unchanged.Str("status"));
        Assert.Empty(unchanged.GetProperty("actions").EnumerateArray());
        Assert.Empty(unchanged.GetProperty("fines").EnumerateArray());
    }

    [Fact]
    public async Task A_tips_complaint_proposes_a_tips_fine_escalating_five_then_ten_times_shared_and_linked_both_ways()
    {
        var room = await app.OpenRoomForAsync("m04", "13300000041");
        var taken = await TakeAsync(await app.ClientFor("h02"), new { category = "tips", severity = "high", description = "客服经理索要小费", roomNumber = room });
        var id = taken.Str("id");
        var floor = await app.ClientFor("fm01");
        Assert.Contains("tip", (await Problem.Expect(await floor.PostAsJsonAsync($"/api/complaints/{id}/fine", new { badge = "m04" }), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await (await app.ClientFor("m04")).PostAsJsonAsync($"/api/complaints/{id}/fine", new { badge = "m04", tip = 100 }), HttpStatusCode.Forbidden);

        var first = await floor.PostAsJsonAsync($"/api/complaints/{id}/fine", new { badge = "m04", tip = 100 });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var fine = Json(await first.Content.ReadAsStringAsync());
        Assert.Equal("tips", fine.Str("type"));
        Assert.Equal("proposed", fine.Str("status"));
        Assert.Equal(500m, fine.GetProperty("incidentFine").GetDecimal());
        Assert.Equal(id, fine.Str("complaintId"));
        // Shared 40/30/30 by the house rule (fines.tipsShared): the offender's part is 30%.
        Assert.Equal(150m, fine.GetProperty("fine").GetDecimal());

        var second = Json(await (await floor.PostAsJsonAsync($"/api/complaints/{id}/fine", new { badge = "m04", tip = 100 })).Content.ReadAsStringAsync());
        Assert.Equal(1000m, second.GetProperty("incidentFine").GetDecimal());

        // The manager finds it among their fines, to appeal like any other; the complaint lists what it proposed.
        var mine = await (await app.ClientFor("m04")).GetFromJsonAsync<JsonElement>("/api/violations");
        Assert.Contains(mine.EnumerateArray(), v => v.Str("id") == fine.Str("id") && v.Str("complaintId") == id);
        var complaint = await floor.GetFromJsonAsync<JsonElement>($"/api/complaints/{id}");
        Assert.Contains(complaint.GetProperty("fines").EnumerateArray(), f => f.Str("badge") == "m04" && f.Str("type") == "tips");
    }

    [Fact]
    public async Task Statistics_count_by_category_manager_and_room_what_the_caller_may_see()
    {
        var room = await app.OpenRoomForAsync("m06", "13300000061");
        var host = await app.ClientFor("h02");
        var gm = await app.ClientFor("gm01");
        var month = (await gm.NowAsync()).ToString("yyyy-MM");
        async Task<int> StandingComplaints() => (await gm.GetFromJsonAsync<JsonElement>($"/api/performance?month={month}")).EnumerateArray()
            .First(s => s.Str("badge") == "m06").GetProperty("complaints").GetInt32();
        var before = await StandingComplaints();
        await TakeAsync(host, new { category = "room", severity = "low", description = "麦克风有杂音", roomNumber = room });
        await TakeAsync(host, new { category = "room", severity = "low", description = "空调太冷", roomNumber = room });
        await TakeAsync(host, new { category = "billing", severity = "medium", description = "多算果盘", roomNumber = room });
        var today = (await (await app.ClientFor("gm01")).NowAsync()).ToString("yyyy-MM-dd");

        var floorStats = await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>($"/api/complaints/stats?from={today}&to={today}");
        var roomRow = floorStats.GetProperty("byRoom").EnumerateArray().Single(r => r.Str("key") == room);
        Assert.Equal(3, roomRow.GetProperty("count").GetInt32());
        var managerRow = floorStats.GetProperty("byManager").EnumerateArray().Single(r => r.Str("key") == "m06");
        Assert.Equal(3, managerRow.GetProperty("count").GetInt32());
        Assert.True(floorStats.GetProperty("byCategory").EnumerateArray().Single(r => r.Str("key") == "room").GetProperty("count").GetInt32() >= 2);

        // Another manager's statistics hold none of m06's complaints.
        var otherStats = await (await app.ClientFor("m08")).GetFromJsonAsync<JsonElement>($"/api/complaints/stats?from={today}&to={today}");
        Assert.DoesNotContain(otherStats.GetProperty("byManager").EnumerateArray(), r => r.Str("key") == "m06");
        // The standings count them against the room's manager (issue 16: complaints feed the standings).
        Assert.Equal(before + 3, await StandingComplaints());
        var bad = await Problem.Expect(await (await app.ClientFor("fm01")).GetAsync("/api/complaints/stats?from=2026-11-20&to=2026-11-01"), HttpStatusCode.BadRequest);
        Assert.Contains("to", bad.ErrorFields());
    }

    [Fact]
    public async Task A_complaint_about_a_customer_shows_in_their_file_history()
    {
        var manager = await app.ClientFor("m03");
        var filed = await manager.PostAsJsonAsync("/api/customers", new { name = "孙女士", phone = "13300000031" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var customerId = Json(await filed.Content.ReadAsStringAsync()).Str("id");
        var taken = await TakeAsync(await app.ClientFor("h02"), new { category = "service", severity = "low", description = "等位太久", customerId });
        Assert.Equal("m03", taken.Str("managerBadge")); // no room: the customer's owner answers for it
        Assert.Equal("孙女士", taken.Str("guestName"));
        var history = await manager.GetFromJsonAsync<JsonElement>($"/api/customers/{customerId}/history");
        var listed = Assert.Single(history.GetProperty("complaints").EnumerateArray());
        Assert.Equal(taken.Str("id"), listed.Str("id"));
        Assert.Equal("service", listed.Str("category"));
    }
}
