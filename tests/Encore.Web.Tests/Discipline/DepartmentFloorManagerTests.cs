using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// Issue 14: the floor manager responsible for a department (the GM's assignment; the demo makes fm01 responsible for
/// every department) takes the 40% of its people's shared fines, whichever floor manager raised it and however the
/// badges sort; whether a type is shared is its house rule (`shared` in the request overrides it); and that floor
/// manager or the GM — not another floor manager — decides their leave.
/// </summary>
public sealed class DepartmentFloorManagerTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    /// <summary>fa01: a second floor manager whose badge and name sort before fm01's (阿 before 李).</summary>
    private async Task<HttpClient> SecondFloorManagerAsync()
    {
        var gm = await app.ClientFor("gm01");
        var created = await gm.PostAsJsonAsync("/api/staff", new { badge = "fa01", name = "阿经理", password = EncoreFactory.PasswordOf("fa01"), roles = new[] { "floorManager" }, department = "营业部" });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await created.Content.ReadAsStringAsync());
        return await app.ClientFor("fa01");
    }

    private async Task<JsonElement> DepartmentAsync(string name) =>
        (await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/departments")).EnumerateArray().Single(d => d.Str("name") == name);

    private async Task<HttpResponseMessage> AssignAsync(string department, string badge) =>
        await (await app.ClientFor("gm01")).PutAsJsonAsync($"/api/departments/{(await DepartmentAsync(department)).Str("id")}/floor-manager", new { badge });

    private async Task<List<JsonElement>> RaiseAsync(HttpClient by, object body)
    {
        var response = await by.PostAsJsonAsync("/api/violations", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return Json(text).EnumerateArray().ToList();
    }

    private static Dictionary<string, decimal> ByBadge(List<JsonElement> charges) =>
        charges.ToDictionary(c => c.Str("badge"), c => c.GetProperty("fine").GetDecimal());

    private async Task RulesAsync(object change) => await (await app.ClientFor("gm01")).ChangeRulesAsync(change);

    [Fact]
    public async Task A_shared_type_splits_to_the_departments_floor_manager_not_the_raiser_nor_the_first_by_badge()
    {
        var fa01 = await SecondFloorManagerAsync();
        Assert.Equal("fm01", (await DepartmentAsync("营销二部")).Str("floorManagerBadge"));
        // Raised by fa01 without `shared`: a complaint is shared by its house rule; the 40% is fm01's, who answers for 营销二部.
        var complaint = ByBadge(await RaiseAsync(fa01, new { badge = "m08", type = "complaint", fine = 400, evidence = "客人投诉态度" }));
        Assert.Equal(new Dictionary<string, decimal> { ["fm01"] = 160, ["dh02"] = 120, ["m08"] = 120 }, complaint);

        // The GM makes fa01 responsible for 营销二部: the next shared fine's 40% is fa01's, whoever raises it.
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("营销二部", "fa01")).StatusCode);
        Assert.Equal("fa01", (await DepartmentAsync("营销二部")).Str("floorManagerBadge"));
        var quarrel = ByBadge(await RaiseAsync(await app.ClientFor("fm01"), new { badge = "m08", type = "quarrel", fine = 200, evidence = "与同事争吵" }));
        Assert.Equal(new Dictionary<string, decimal> { ["fa01"] = 80, ["dh02"] = 60, ["m08"] = 60 }, quarrel);

        // Found and reported by the floor manager: the person pays it all.
        var found = ByBadge(await RaiseAsync(fa01, new { badge = "m08", type = "complaint", fine = 300, evidence = "巡查发现", foundByFloorManager = true }));
        Assert.Equal(new Dictionary<string, decimal> { ["m08"] = 300 }, found);

        // Nobody responsible for the department: that part falls to the person.
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("营销二部", "")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await DepartmentAsync("营销二部")).GetProperty("floorManagerBadge").ValueKind);
        var nobody = ByBadge(await RaiseAsync(fa01, new { badge = "m08", type = "complaint", fine = 300, evidence = "无人负责" }));
        Assert.Equal(new Dictionary<string, decimal> { ["dh02"] = 90, ["m08"] = 210 }, nobody);
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("营销二部", "fm01")).StatusCode);
    }

    [Fact]
    public async Task Whether_a_type_is_shared_is_its_house_rule_and_shared_in_the_request_overrides_it()
    {
        var floor = await app.ClientFor("fm01");
        // Defaults: staff conflict is not shared, room-grabbing is.
        Assert.Equal(["m03"], ByBadge(await RaiseAsync(floor, new { badge = "m03", type = "staffConflict", fine = 200, evidence = "与保安冲突" })).Keys);
        var types = (await floor.GetFromJsonAsync<JsonElement>("/api/violation-types")).EnumerateArray().ToDictionary(t => t.Str("code"), t => t.GetProperty("shared").GetBoolean());
        Assert.False(types["staffConflict"]);
        Assert.True(types["roomGrabbing"]);
        Assert.True(types["tips"]);

        // The rules flip: staff conflict now splits, room-grabbing no longer does.
        await RulesAsync(new { fines = new { staffConflictShared = true, roomGrabbingShared = false } });
        Assert.Equal(new Dictionary<string, decimal> { ["fm01"] = 80, ["dh01"] = 60, ["m03"] = 60 },
            ByBadge(await RaiseAsync(floor, new { badge = "m03", type = "staffConflict", fine = 200, evidence = "与保安冲突" })));
        Assert.Equal(["m03"], ByBadge(await RaiseAsync(floor, new { badge = "m03", type = "roomGrabbing", fine = 500, evidence = "抢房" })).Keys);

        // `shared` in the request overrides the rule, either way.
        Assert.Equal(3, (await RaiseAsync(floor, new { badge = "m03", type = "roomGrabbing", fine = 500, evidence = "抢房", shared = true })).Count);
        Assert.Single(await RaiseAsync(floor, new { badge = "m03", type = "staffConflict", fine = 200, evidence = "冲突", shared = false }));
        await RulesAsync(new { fines = new { staffConflictShared = false, roomGrabbingShared = true } });
    }

    [Fact]
    public async Task Assigning_a_departments_floor_manager_is_the_GMs_refused_by_name_and_audited()
    {
        var id = (await DepartmentAsync("咨客部")).Str("id");
        var gm = await app.ClientFor("gm01");
        // A body without the badge clears nothing by accident.
        Assert.Equal(["badge"], (await Problem.Expect(await gm.PutAsJsonAsync($"/api/departments/{id}/floor-manager", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        var unknown = await Problem.Expect(await gm.PutAsJsonAsync($"/api/departments/{id}/floor-manager", new { badge = "zz99" }), HttpStatusCode.BadRequest);
        Assert.Equal(["badge"], unknown.ErrorFields());
        var manager = await Problem.Expect(await gm.PutAsJsonAsync($"/api/departments/{id}/floor-manager", new { badge = "m01" }), HttpStatusCode.BadRequest);
        Assert.Equal(["badge"], manager.ErrorFields());
        Assert.Contains("不是营业经理", manager.Detail());
        await Problem.Expect(await gm.PutAsJsonAsync($"/api/departments/{Guid.NewGuid()}/floor-manager", new { badge = "fm01" }), HttpStatusCode.NotFound);
        await Problem.Expect(await (await app.ClientFor("fm01")).PutAsJsonAsync($"/api/departments/{id}/floor-manager", new { badge = "fm01" }), HttpStatusCode.Forbidden);
        Assert.Equal("fm01", (await DepartmentAsync("咨客部")).Str("floorManagerBadge"));

        await SecondFloorManagerAsync();
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("咨客部", "fa01")).StatusCode);
        var audit = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=department.floorManager");
        var entry = Assert.Single(audit.EnumerateArray(), e => string.Equals(e.Str("entityId"), id, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("gm01", entry.Str("actorBadge"));
        Assert.Contains("FloorManagerId", entry.Str("after"));
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("咨客部", "fm01")).StatusCode);
    }

    private async Task<string> LeaveOfAsync(string badge)
    {
        var now = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/clock");
        var from = now.GetProperty("now").GetDateTimeOffset().AddDays(3);
        var response = await (await app.ClientFor(badge)).PostAsJsonAsync("/api/leave",
            new { kind = "personal", from = from.ToString("O"), to = from.AddHours(8).ToString("O"), reason = "家中有事" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return Json(text).Str("id");
    }

    [Fact]
    public async Task Leave_is_decided_by_the_persons_own_floor_manager_or_the_GM_not_another_floor_manager()
    {
        var fa01 = await SecondFloorManagerAsync();
        var fm01 = await app.ClientFor("fm01");
        // m04 is in 营销一部, fm01's: fa01 is refused, naming the rule and who decides; nothing changes.
        var leave = await LeaveOfAsync("m04");
        var refused = await Problem.Expect(await fa01.PostAsJsonAsync($"/api/leave/{leave}/approve", new { }), HttpStatusCode.Forbidden);
        Assert.Equal("只有 营销一部 的负责营业经理 fm01 或总经理可以处理此请假。", refused.Detail());
        await Problem.Expect(await fa01.PostAsJsonAsync($"/api/leave/{leave}/reject", new { note = "不批" }), HttpStatusCode.Forbidden);
        var mine = (await (await app.ClientFor("m04")).GetFromJsonAsync<JsonElement>("/api/leave")).EnumerateArray().Single(l => l.Str("id") == leave);
        Assert.Equal("pending", mine.Str("status"));
        var approved = await fm01.PostAsJsonAsync($"/api/leave/{leave}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("fm01", Json(await approved.Content.ReadAsStringAsync()).Str("decidedBy"));

        // The GM decides anyone's.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PostAsJsonAsync($"/api/leave/{await LeaveOfAsync("m05")}/approve", new { })).StatusCode);

        // Responsibility moves with the assignment: fa01 now decides 营销一部's leave, fm01 no longer does.
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("营销一部", "fa01")).StatusCode);
        var next = await LeaveOfAsync("m06");
        await Problem.Expect(await fm01.PostAsJsonAsync($"/api/leave/{next}/approve", new { }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await fa01.PostAsJsonAsync($"/api/leave/{next}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync("营销一部", "fm01")).StatusCode);
    }
}
