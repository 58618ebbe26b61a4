using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Discipline;

/// <summary>
/// SPEC.md "Violations and fines": who pays the parts of a shared fine — the floor manager responsible for the
/// offender's department (the GM's assignment), the offender's own active department head — and that a part
/// nobody holds the post for falls to the offender, so the whole fine is always charged.
/// </summary>
public sealed class FineSplitTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<List<JsonElement>> Raise(string by, object body)
    {
        var response = await (await app.ClientFor(by)).PostAsJsonAsync("/api/violations", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return Json(text).EnumerateArray().ToList();
    }

    private async Task HireAsync(string badge, string role, string department, bool disabled = false)
    {
        var gm = await app.ClientFor("gm01");
        // A department is one of the venue's list (issue 13): a new one is added to it first (409 when it already is).
        var listed = await gm.PostAsJsonAsync("/api/departments", new { name = department });
        Assert.True(listed.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await listed.Content.ReadAsStringAsync());
        var created = await gm.PostAsJsonAsync("/api/staff", new { badge, name = $"新员工{badge}", password = EncoreFactory.PasswordOf(badge), roles = new[] { role }, department });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        if (disabled) Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync($"/api/staff/{badge}/disable", null)).StatusCode);
    }

    private static decimal Fine(JsonElement charge) => charge.GetProperty("fine").GetDecimal();

    [Fact]
    public async Task A_shared_fine_charges_the_offenders_own_department_head_and_is_one_incident()
    {
        var charges = await Raise("fm01", new { badge = "m09", type = "complaint", fine = 450, evidence = "包厢服务投诉", reason = "客人当场投诉", shared = true });
        Assert.Equal(3, charges.Count);
        var byBadge = charges.ToDictionary(c => c.Str("badge"));
        Assert.Equal(["dh02", "fm01", "m09"], byBadge.Keys.Order());   // m09 is in 营销二部: dh02's, not dh01's
        Assert.Equal(180m, Fine(byBadge["fm01"]));
        Assert.Equal(135m, Fine(byBadge["dh02"]));
        Assert.Equal(135m, Fine(byBadge["m09"]));
        Assert.Equal("floorManager", byBadge["fm01"].Str("chargedAs"));
        Assert.Equal("departmentHead", byBadge["dh02"].Str("chargedAs"));
        Assert.Equal("offender", byBadge["m09"].Str("chargedAs"));

        // One incident: every part carries it, and its id is the first part's.
        var incident = charges[0].Str("incidentId");
        Assert.All(charges, c => Assert.Equal(incident, c.Str("incidentId")));
        Assert.Single(charges, c => c.Str("id") == incident);
        Assert.Equal(3, charges.Select(c => c.Str("id")).Distinct().Count());
        Assert.All(charges, c =>
        {
            Assert.Equal(450m, c.GetProperty("incidentFine").GetDecimal());
            Assert.Equal("complaint", c.Str("type"));
            Assert.Equal("包厢服务投诉", c.Str("evidence"));
            Assert.Equal("客人当场投诉", c.Str("reason"));
            Assert.Equal("fm01", c.Str("raisedBy"));
            Assert.Equal("confirmed", c.Str("status"));
            Assert.False(c.GetProperty("dismissal").GetBoolean());
        });

        // The offender's statement lists the incident once, at their part.
        var list = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/violations?badge=m09");
        Assert.Equal(135m, Fine(Assert.Single(list.EnumerateArray(), v => v.Str("incidentId") == incident)));
    }

    [Fact]
    public async Task The_floor_manager_responsible_for_the_department_answers_for_it_whoever_raised_it()
    {
        await HireAsync("fm00", "floorManager", "营业部", disabled: true);
        await HireAsync("fm02", "floorManager", "营业部");

        // Issue 14: not the raiser, not the first by badge — the one the GM made responsible for 营销一部 (fm01 in the demo).
        var byFm02 = await Raise("fm02", new { badge = "m02", type = "complaint", fine = 300, evidence = "fm02 巡查", shared = true });
        Assert.Equal(["dh01", "fm01", "m02"], byFm02.Select(c => c.Str("badge")).Order());
        Assert.Equal(120m, Fine(byFm02.Single(c => c.Str("badge") == "fm01")));

        var byGm = await Raise("gm01", new { badge = "m02", type = "complaint", fine = 300, evidence = "总经理发现", shared = true });
        Assert.Equal(["dh01", "fm01", "m02"], byGm.Select(c => c.Str("badge")).Order());
        Assert.Equal("floorManager", byGm.Single(c => c.Str("badge") == "fm01").Str("chargedAs"));
        Assert.Equal("gm01", byGm[0].Str("raisedBy"));
    }

    [Fact]
    public async Task A_part_nobody_holds_the_post_for_falls_to_the_offender_and_the_whole_fine_is_charged()
    {
        // 营销三部 has only a department head who has left.
        await HireAsync("dh03", "departmentHead", "营销三部", disabled: true);
        await HireAsync("m13", "manager", "营销三部");
        // The new department's floor manager is fm01 (the GM's assignment); only its head's post is empty.
        var gm = await app.ClientFor("gm01");
        var department = (await gm.GetFromJsonAsync<JsonElement>("/api/departments")).EnumerateArray().Single(d => d.Str("name") == "营销三部");
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync($"/api/departments/{department.Str("id")}/floor-manager", new { badge = "fm01" })).StatusCode);
        var charges = await Raise("fm01", new { badge = "m13", type = "complaint", fine = 333, evidence = "新部门投诉", shared = true });
        Assert.Equal(2, charges.Count);
        var offender = charges.Single(c => c.Str("badge") == "m13");
        Assert.Equal("offender", offender.Str("chargedAs"));
        Assert.Equal(333m - 133.20m, Fine(offender));
        Assert.Equal(133.20m, Fine(charges.Single(c => c.Str("badge") == "fm01")));
        Assert.Equal(333m, charges.Sum(Fine));

        // A department head at fault pays their own head's part and their own: one charge, not two.
        var head = await Raise("fm01", new { badge = "dh01", type = "complaint", fine = 300, evidence = "部长投诉", shared = true });
        Assert.Equal(["dh01", "fm01"], head.Select(c => c.Str("badge")).Order());
        Assert.Equal(180m, Fine(head.Single(c => c.Str("badge") == "dh01")));
        Assert.Equal(300m, head.Sum(Fine));
    }
}
