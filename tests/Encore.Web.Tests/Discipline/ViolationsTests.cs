using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Discipline;

/// <summary>SPEC.md "Violations and fines": the catalogue's ranges, the tips escalation, the shared split, a promoter's manager, appeals, evidence and the statement.</summary>
public sealed class ViolationsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<List<JsonElement>> Raise(object body, HttpStatusCode expected = HttpStatusCode.Created, string by = "fm01")
    {
        var response = await (await app.ClientFor(by)).PostAsJsonAsync("/api/violations", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, text);
        return response.IsSuccessStatusCode ? Json(text).EnumerateArray().ToList() : [];
    }

    [Fact]
    public async Task A_fine_the_floor_manager_did_not_catch_is_split_40_30_30_and_one_they_found_is_the_offenders_alone()
    {
        var shared = await Raise(new { badge = "m03", type = "complaint", fine = 400, evidence = "客人投诉态度差", shared = true });
        Assert.Equal(3, shared.Count);
        var byBadge = shared.ToDictionary(c => c.Str("badge"));
        Assert.Equal(160m, byBadge["fm01"].GetProperty("fine").GetDecimal());
        Assert.Equal("floorManager", byBadge["fm01"].Str("chargedAs"));
        Assert.Equal(120m, byBadge["dh01"].GetProperty("fine").GetDecimal()); // m03's department head (营销一部)
        Assert.Equal(120m, byBadge["m03"].GetProperty("fine").GetDecimal());
        Assert.All(shared, c => Assert.Equal(400m, c.GetProperty("incidentFine").GetDecimal()));
        Assert.All(shared, c => Assert.Equal("confirmed", c.Str("status")));

        var found = await Raise(new { badge = "m09", type = "complaint", fine = 300, evidence = "楼面巡查发现", shared = true, foundByFloorManager = true });
        Assert.Equal("m09", Assert.Single(found).Str("badge"));
        Assert.Equal(300m, found[0].GetProperty("fine").GetDecimal());
    }

    [Fact]
    public async Task A_fine_outside_its_types_range_or_by_a_manager_is_refused()
    {
        var problem = await Problem.Expect(await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/violations", new { badge = "m03", type = "complaint", fine = 600, evidence = "x" }), HttpStatusCode.BadRequest);
        Assert.Equal(["fine"], problem.ErrorFields());
        Assert.Equal(["type"], (await Problem.Expect(await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/violations", new { badge = "m03", type = "nonsense", evidence = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
        await Problem.Expect(await (await app.ClientFor("m01")).PostAsJsonAsync("/api/violations", new { badge = "m03", type = "complaint", evidence = "x" }), HttpStatusCode.Forbidden);
        // The GM changes the complaint range in the house rules (issue 14: the catalogue's range is theirs); it applies at once.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/house-rules", new { fines = new { complaintMax = 800 } })).StatusCode);
        await Raise(new { badge = "m03", type = "complaint", fine = 600, evidence = "x" });
    }

    [Fact]
    public async Task Soliciting_tips_costs_five_then_ten_times_the_tip_then_dismissal()
    {
        // Not shared (a tips fine is by default, issue 14): the person's own fine is what escalates.
        var first = await Raise(new { badge = "m04", type = "tips", tip = 200, evidence = "客人反映被索要小费", shared = false });
        var second = await Raise(new { badge = "m04", type = "tips", tip = 150, evidence = "再次", shared = false });
        var third = await Raise(new { badge = "m04", type = "tips", tip = 100, evidence = "第三次", shared = false });
        Assert.Equal(1000m, first.Single().GetProperty("fine").GetDecimal());
        Assert.Equal(1500m, second.Single().GetProperty("fine").GetDecimal());
        Assert.True(third.Single().GetProperty("dismissal").GetBoolean());
        Assert.Equal(["tip"], (await Problem.Expect(await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/violations", new { badge = "m04", type = "tips", evidence = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_promoters_violation_is_also_charged_to_their_manager()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff", new { badge = "p05", name = "推广小王", password = "promoter123", roles = new[] { "promoter" }, department = "营销一部", managerBadge = "m05" })).StatusCode);
        var charges = await Raise(new { badge = "p05", type = "staffConflict", fine = 200, evidence = "与保安争执" });
        Assert.Equal(["m05", "p05"], charges.Select(c => c.Str("badge")).Order());
        Assert.Equal("promoterManager", charges.Single(c => c.Str("badge") == "m05").Str("chargedAs"));
        Assert.All(charges, c => Assert.Equal(200m, c.GetProperty("fine").GetDecimal()));
    }

    [Fact]
    public async Task Obey_first_appeal_after_decided_by_a_higher_role_and_the_statement_shows_it()
    {
        // m06's month so far (the demo venue has a history): this test's own fines are measured against it.
        var month = (await (await app.ClientFor("gm01")).NowAsync()).ToString("yyyy-MM");
        var opening = await (await app.ClientFor("m06")).GetFromJsonAsync<JsonElement>($"/api/statements/m06?month={month}");
        var charge = (await Raise(new { badge = "m06", type = "otherRoom", fine = 300, evidence = "在808房停留20分钟" })).Single();
        var m06 = await app.ClientFor("m06");
        await Problem.Expect(await (await app.ClientFor("m07")).PostAsJsonAsync($"/api/violations/{charge.Str("id")}/appeal", new { reason = "x" }), HttpStatusCode.NotFound);
        var appealed = await m06.PostAsJsonAsync($"/api/violations/{charge.Str("id")}/appeal", new { reason = "客人邀请我进去敬酒，有录像" });
        Assert.Equal("appealed", Json(await appealed.Content.ReadAsStringAsync()).Str("status"));

        // The floor manager raised it: only the GM decides the appeal.
        await Problem.Expect(await (await app.ClientFor("fm01")).PostAsJsonAsync($"/api/violations/{charge.Str("id")}/decide", new { upheld = false, reason = "x" }), HttpStatusCode.Forbidden);
        var decided = await (await app.ClientFor("gm01")).PostAsJsonAsync($"/api/violations/{charge.Str("id")}/decide", new { upheld = false, reason = "录像证实是客人邀请" });
        var body = Json(await decided.Content.ReadAsStringAsync());
        Assert.Equal("overturned", body.Str("status"));
        Assert.Equal("gm01", body.Str("decidedBy"));
        Assert.Equal("录像证实是客人邀请", body.Str("decision"));

        var upheld = (await Raise(new { badge = "m06", type = "staffConflict", fine = 200, evidence = "与保安冲突" })).Single();
        Assert.Equal("appealed", Json(await (await m06.PostAsJsonAsync($"/api/violations/{upheld.Str("id")}/appeal", new { reason = "不是我" })).Content.ReadAsStringAsync()).Str("status"));
        Assert.Equal("upheld", Json(await (await (await app.ClientFor("gm01")).PostAsJsonAsync($"/api/violations/{upheld.Str("id")}/decide", new { upheld = true, reason = "监控确认" })).Content.ReadAsStringAsync()).Str("status"));

        // The overturned ¥300 is not due; the upheld ¥200 is. Two appeals more than the month had.
        var statement = await m06.GetFromJsonAsync<JsonElement>($"/api/statements/m06?month={month}");
        Assert.Equal(opening.GetProperty("finesDue").GetDecimal() + 200m, statement.GetProperty("finesDue").GetDecimal());
        Assert.Equal(opening.GetProperty("appeals").GetInt32() + 2, statement.GetProperty("appeals").GetInt32());
        Assert.Equal(opening.GetProperty("violations").GetArrayLength() + 2, statement.GetProperty("violations").GetArrayLength());
        var csv = await m06.GetStringAsync($"/api/statements/m06/csv?month={month}");
        Assert.Contains("录像证实是客人邀请", csv);
        Assert.Contains("\"违规与申诉\"", csv);
        await Problem.Expect(await (await app.ClientFor("m07")).GetAsync($"/api/statements/m06?month={month}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Evidence_photos_are_kept_and_shown_only_to_those_who_may_see_the_fine()
    {
        var charge = (await Raise(new { badge = "m10", type = "quarrel", fine = 300, evidence = "大厅争吵", shared = false })).Single();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "photo", "evidence.png");
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("fm01")).PostAsync($"/api/violations/{charge.Str("id")}/photo", form)).StatusCode);

        var own = await (await app.ClientFor("m10")).GetAsync($"/api/violations/{charge.Str("id")}/photo");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/png", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await own.Content.ReadAsByteArrayAsync());
        await Problem.Expect(await (await app.ClientFor("m11")).GetAsync($"/api/violations/{charge.Str("id")}/photo"), HttpStatusCode.NotFound);

        using var notImage = new MultipartFormDataContent { { new ByteArrayContent("<script>"u8.ToArray()), "photo", "x.png" } };
        Assert.Equal(["photo"], (await Problem.Expect(await (await app.ClientFor("fm01")).PostAsync($"/api/violations/{charge.Str("id")}/photo", notImage), HttpStatusCode.BadRequest)).ErrorFields());
    }
}

/// <summary>A floor manager signs someone in on their behalf, recorded as such; nobody else may.</summary>
public sealed class OnBehalfTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_floor_manager_signs_in_for_a_manager_and_the_night_list_shows_it()
    {
        await Problem.Expect(await (await app.ClientFor("m01")).PostAsJsonAsync("/api/attendance/sign-in", new { badge = "m02" }), HttpStatusCode.Forbidden);
        var floor = await app.ClientFor("fm01");
        // A manager who joins tonight (the demo venue's own managers have signed in by 18:00).
        const string badge = "m80";
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("gm01")).PostAsJsonAsync("/api/staff",
            new { badge, name = "新经理", password = "manager123", roles = new[] { "manager" }, department = "营销一部" })).StatusCode);
        var signed = await floor.PostAsJsonAsync("/api/attendance/sign-in", new { badge });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var night = (await floor.GetFromJsonAsync<JsonElement>("/api/attendance")).EnumerateArray().ToDictionary(p => p.Str("badge"));
        Assert.True(night[badge].GetProperty("signedInByOther").GetBoolean());
        Assert.NotEqual("", night[badge].Str("signedInAt"));
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "attendance.signIn" && a.ActorBadge == "fm01")));
        Assert.Contains((await (await app.ClientFor("h02")).GetFromJsonAsync<JsonElement>("/api/rotation")).EnumerateArray(), q => q.Str("badge") == badge);
        await Problem.Expect(await (await app.ClientFor("m01")).GetAsync("/api/attendance"), HttpStatusCode.Forbidden);
    }
}
