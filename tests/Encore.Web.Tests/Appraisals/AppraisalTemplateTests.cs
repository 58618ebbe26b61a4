using System.Net;
using System.Net.Http.Json;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Appraisals.AppraisalApi;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Appraisals;

/// <summary>The KPI templates per role: the seeds' defaults, weights adding up to 100 (400 naming weight), each save a version, an appraisal keeping its own.</summary>
public sealed class AppraisalTemplateTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static object Item(string key, int weight, string source = "manual", object? scale = null) => new { key, name = key, weight, source, scale };

    [Fact]
    public async Task Each_role_has_the_seeds_template_adding_up_to_100()
    {
        var m01 = await app.ClientFor("m01");
        var manager = await OkAsync(await m01.GetAsync("/api/appraisal/templates/manager"));
        var items = manager.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(100, items.Sum(i => i.GetProperty("weight").GetInt32()));
        // Customer development 50/30/20 of its 60; attitude and ability 20 each (SPEC.md).
        Assert.Equal([("newCustomers", 30), ("satisfaction", 18), ("retention", 12), ("manual", 20), ("manual", 20)],
            items.Select(i => (i.Str("source"), i.GetProperty("weight").GetInt32())).ToArray());
        foreach (var role in new[] { "departmentHead", "floorManager", "marketDevelopment" })
            Assert.Equal(100, (await OkAsync(await m01.GetAsync($"/api/appraisal/templates/{role}"))).GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("weight").GetInt32()));
        Assert.All((await OkAsync(await m01.GetAsync("/api/appraisal/templates/marketDevelopment"))).GetProperty("items").EnumerateArray(), i => Assert.Equal("manual", i.Str("source")));
        Assert.Contains("role", (await Problem.Expect(await m01.GetAsync("/api/appraisal/templates/host"), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await (await app.ClientFor("h01")).GetAsync("/api/appraisal/templates/manager"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_the_GM_edits_a_template_and_bad_ones_are_refused_by_name()
    {
        var gm = await app.ClientFor("gm01");
        var url = "/api/appraisal/templates/floorManager";
        var good = new { items = new[] { Item("operations", 60), Item("complaints", 40, "complaints", new { zeroAt = 5, fullAt = 0 }) } };
        await Problem.Expect(await (await app.ClientFor("fm01")).PutAsJsonAsync(url, good), HttpStatusCode.Forbidden);
        await Problem.Expect(await (await app.ClientFor("m01")).PutAsJsonAsync(url, good), HttpStatusCode.Forbidden);
        var before = (await OkAsync(await gm.GetAsync(url))).GetProperty("version").GetInt32();

        var weights = await Problem.Expect(await gm.PutAsJsonAsync(url, new { items = new[] { Item("a", 60), Item("b", 30) } }), HttpStatusCode.BadRequest);
        Assert.Equal(["weight"], weights.ErrorFields());
        Assert.Contains("100", weights.Detail());
        var bad = await Problem.Expect(await gm.PutAsJsonAsync(url, new { items = new[] { Item("a", 50, "bonus"), Item("b", 50, "fines") } }), HttpStatusCode.BadRequest);
        Assert.Equal(["items[0].source", "items[1].scale"], bad.ErrorFields().Order().ToArray());
        var keys = await Problem.Expect(await gm.PutAsJsonAsync(url, new { items = new[] { Item("a", 50), Item("a", 50, "attendance", new { zeroAt = 90, fullAt = 90 }) } }), HttpStatusCode.BadRequest);
        Assert.Equal(["items[1].key", "items[1].scale"], keys.ErrorFields().Order().ToArray());
        Assert.Contains("items", (await Problem.Expect(await gm.PutAsJsonAsync(url, new { items = Array.Empty<object>() }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, (await OkAsync(await gm.GetAsync(url))).GetProperty("version").GetInt32());

        var saved = await OkAsync(await gm.PutAsJsonAsync(url, good));
        Assert.Equal(before + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal("gm01", saved.Str("savedByBadge"));
        Assert.Equal(5m, saved.GetProperty("items")[1].GetProperty("scale").GetProperty("zeroAt").GetDecimal());
    }

    [Fact]
    public async Task An_appraisal_keeps_the_template_version_it_was_started_with()
    {
        // The department heads' template (the other tests here read the managers' and edit the floor's).
        var (gm, fm01) = (await app.ClientFor("gm01"), await app.ClientFor("fm01"));
        var url = "/api/appraisal/templates/departmentHead";
        var version = (await OkAsync(await gm.GetAsync(url))).GetProperty("version").GetInt32();
        var before = await fm01.StartAsync("dh01", "2026-Q4");
        Assert.Equal(version, before.GetProperty("templateVersion").GetInt32());

        var saved = await OkAsync(await gm.PutAsJsonAsync(url, new { items = new[]
        {
            Item("attendance", 50, "attendance", new { zeroAt = 80, fullAt = 100 }), Item("attitude", 50),
        } }));
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());

        var kept = await fm01.GetAppraisalAsync(before);
        Assert.Equal(version, kept.GetProperty("templateVersion").GetInt32());
        Assert.Equal(6, kept.GetProperty("items").GetArrayLength());
        var after = await fm01.StartAsync("dh02", "2026-Q4");
        Assert.Equal(version + 1, after.GetProperty("templateVersion").GetInt32());
        Assert.Equal(["attendance", "attitude"], after.GetProperty("items").EnumerateArray().Select(i => i.Str("key")).ToArray());
    }
}
