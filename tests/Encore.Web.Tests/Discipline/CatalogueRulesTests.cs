using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using System.Text.Json.Nodes;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// Issue 14: the violation catalogue's fine ranges are the house rules in force, not constants. Each number is changed
/// with PUT /api/house-rules to a value unlike its default; the catalogue shows it, and a raised fine at the new
/// maximum is taken while one above it (and one below the new minimum) is refused naming `fine`.
/// </summary>
public sealed class CatalogueRulesTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    /// <summary>The one message a refusal gives for <paramref name="field"/> (it names the field and the broken rule).</summary>
    private static string Error(JsonElement problem, string field) =>
        Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;

    /// <summary>A PUT /api/house-rules body setting the rules at these JSON paths ("fines.complaintMin" → { fines: { complaintMin } }).</summary>
    private static JsonObject Patch(params (string Path, decimal Value)[] rules)
    {
        var body = new JsonObject();
        foreach (var (path, value) in rules)
        {
            var parts = path.Split('.');
            var section = (body[parts[0]] ??= new JsonObject()).AsObject();
            section[parts[1]] = value;
        }
        return body;
    }

    private async Task RulesAsync(JsonObject patch) => await (await app.ClientFor("gm01")).ChangeRulesAsync(patch);

    private async Task<JsonElement> TypeAsync(string code) =>
        (await (await app.ClientFor("fm01")).GetFromJsonAsync<JsonElement>("/api/violation-types")).EnumerateArray().Single(t => t.Str("code") == code);

    private Task<HttpResponseMessage> RaiseAsync(string code, decimal fine) =>
        app.ClientFor("fm01").ContinueWith(c => c.Result.PostAsJsonAsync("/api/violations",
            new { badge = "m11", type = code, fine, evidence = "店规范围测试", shared = false })).Unwrap();

    [Theory]
    [InlineData("complaint", "fines.complaintMin", "fines.complaintMax")]
    [InlineData("bookingRules", "fines.bookingRuleMin", "fines.bookingRuleMax")]
    [InlineData("roomGrabbing", "fines.roomGrabbingMin", "fines.roomGrabbingMax")]
    [InlineData("quarrel", "fines.quarrelMin", "fines.quarrelMax")]
    [InlineData("late", "attendance.lateFineMin", "attendance.lateFineMax")]
    [InlineData("absent", "attendance.absentFineMin", "attendance.absentFineMax")]
    public async Task A_ranges_ends_are_the_house_rules_in_force(string code, string minRule, string maxRule)
    {
        await RulesAsync(Patch((minRule, 120), (maxRule, 777)));
        var type = await TypeAsync(code);
        Assert.Equal(120m, type.GetProperty("fineMin").GetDecimal());
        Assert.Equal(777m, type.GetProperty("fineMax").GetDecimal());
        Assert.Equal([minRule, maxRule], type.GetProperty("rangeRules").EnumerateArray().Select(r => r.GetString()));

        Assert.Equal(HttpStatusCode.Created, (await RaiseAsync(code, 777)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RaiseAsync(code, 120)).StatusCode);
        Assert.Equal("罚款金额：必须在 120 到 777 之间", Error(await Problem.Expect(await RaiseAsync(code, 778), HttpStatusCode.BadRequest), "fine"));
        Assert.Equal("罚款金额：必须在 120 到 777 之间", Error(await Problem.Expect(await RaiseAsync(code, 119), HttpStatusCode.BadRequest), "fine"));
    }

    [Theory]
    [InlineData("staffConflict", "fines.staffConflict")]
    [InlineData("authorityExceeded", "fines.authorityExceeded")]
    [InlineData("otherRoom", "fines.otherRoomFine")]
    [InlineData("emptyDiary", "fines.emptyDiaryFine")]
    [InlineData("cheating", "bookings.cheatingFine")]
    [InlineData("unapprovedLeave", "attendance.unapprovedLeaveFine")]
    [InlineData("offPost", "attendance.offPostFine")]
    public async Task A_one_amount_type_is_its_house_rule(string code, string rule)
    {
        await RulesAsync(Patch((rule, 333)));
        var type = await TypeAsync(code);
        Assert.Equal(333m, type.GetProperty("fineMin").GetDecimal());
        Assert.Equal(333m, type.GetProperty("fineMax").GetDecimal());
        Assert.Equal([rule], type.GetProperty("rangeRules").EnumerateArray().Select(r => r.GetString()));

        Assert.Equal(HttpStatusCode.Created, (await RaiseAsync(code, 333)).StatusCode);
        Assert.Equal("罚款金额：必须在 333 到 333 之间", Error(await Problem.Expect(await RaiseAsync(code, 334), HttpStatusCode.BadRequest), "fine"));
        Assert.Equal("罚款金额：必须在 333 到 333 之间", Error(await Problem.Expect(await RaiseAsync(code, 332), HttpStatusCode.BadRequest), "fine"));
    }

    [Fact]
    public async Task An_empty_upper_end_leaves_a_type_open_up_to_one_item()
    {
        // SPEC.md "≥500": by default room-grabbing has no maximum of its own.
        await RulesAsync(new JsonObject { ["fines"] = new JsonObject { ["roomGrabbingMin"] = 650, ["roomGrabbingMax"] = null } });
        var type = await TypeAsync("roomGrabbing");
        Assert.Equal(650m, type.GetProperty("fineMin").GetDecimal());
        Assert.Equal(JsonValueKind.Null, type.GetProperty("fineMax").ValueKind);
        Assert.Equal(HttpStatusCode.Created, (await RaiseAsync("roomGrabbing", 5000)).StatusCode);
        Assert.StartsWith("罚款金额：必须在 650 到 ", Error(await Problem.Expect(await RaiseAsync("roomGrabbing", 649), HttpStatusCode.BadRequest), "fine"));
        // A maximum below the minimum is refused naming the minimum, and nothing changes.
        var refused = await Problem.Expect(await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules",
            new { fines = new { roomGrabbingMax = 600 } }), HttpStatusCode.BadRequest);
        Assert.Contains("抢房罚款上限", Error(refused, "fines.roomGrabbingMin"));
        Assert.Equal(JsonValueKind.Null, (await TypeAsync("roomGrabbing")).GetProperty("fineMax").ValueKind);
    }

    [Fact]
    public async Task A_range_the_house_rules_set_is_changed_there_not_in_the_catalogue()
    {
        await RulesAsync(Patch(("fines.quarrelMin", 210), ("fines.quarrelMax", 520)));
        var gm = await app.ClientFor("gm01");
        var refused = await Problem.Expect(await gm.PutAsJsonAsync("/api/violation-types/quarrel", new { name = "吵架打架", fineMin = 250, fineMax = 520 }),
            HttpStatusCode.BadRequest);
        // Named by the field and the house rule to change (its label and path); the maximum, as in force, is no problem.
        Assert.Equal("罚款下限：由店规“争吵打架罚款下限”（fines.quarrelMin）规定，请在店规中修改", Error(refused, "fineMin"));
        Assert.Equal(["fineMin"], refused.ErrorFields());
        Assert.Equal(210m, (await TypeAsync("quarrel")).GetProperty("fineMin").GetDecimal());

        // The range as read, sent back with a new name (what a form does), is saved.
        var renamed = await gm.PutAsJsonAsync("/api/violation-types/quarrel", new { name = "争吵或打架", fineMin = 210, fineMax = 520 });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("争吵或打架", (await TypeAsync("quarrel")).Str("name"));

        // A type the GM adds keeps its own range.
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/violation-types/uniform", new { name = "未穿工服", fineMin = 20, fineMax = 50 })).StatusCode);
        var uniform = await TypeAsync("uniform");
        Assert.Equal(50m, uniform.GetProperty("fineMax").GetDecimal());
        Assert.Empty(uniform.GetProperty("rangeRules").EnumerateArray());
    }
}
