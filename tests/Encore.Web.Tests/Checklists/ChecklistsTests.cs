using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Checklists;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Checklists;

/// <summary>
/// Issue 17, SPEC.md "Diary, meetings, checklists, shift handover" and API.md's checklist routes: the GM's templates
/// (versioned, a run keeps the items it started with), a room inspection per room done item by item, a failed item
/// with its note and photo taking the room off the live board through the desk's own room move and back when marked
/// fixed, a room in use refused, the closing round once per night, and bad input refused naming the field, changing nothing.
/// </summary>
public sealed class ChecklistsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    /// <summary>A PNG's signature and a few bytes: what the server checks is the content, not the name or the declared type.</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

    private int Runs() => app.With(db => db.ChecklistRuns.Count() + db.ChecklistRunItems.Count(i => i.Ok != null) + db.ChecklistTemplates.Count());

    private static async Task<JsonElement> StartAsync(HttpClient client, string template, string? roomNumber = null)
    {
        var response = await client.PostAsJsonAsync("/api/checklists/runs", new { template, roomNumber });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return Json(body);
    }

    private static string ItemUrl(JsonElement run, int index) => $"/api/checklists/runs/{run.Str("id")}/items/{run.GetProperty("items")[index].Str("id")}";

    private static MultipartFormDataContent Photo(byte[] bytes, string name = "photo.png", string type = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "photo", name } };
    }

    [Fact]
    public async Task The_GM_edits_the_templates_as_versions_and_a_run_keeps_the_items_it_started_with()
    {
        var floor = await app.ClientFor("fm01");
        var templates = (await floor.GetFromJsonAsync<JsonElement>("/api/checklists/templates")).EnumerateArray().ToList();
        var inspection = templates.Single(t => t.Str("template") == "roomInspection");
        Assert.Equal(Checklist.Defaults["roomInspection"], inspection.GetProperty("items").EnumerateArray().Select(i => i.GetString()!));
        Assert.Equal(Checklist.Defaults["closing"], templates.Single(t => t.Str("template") == "closing").GetProperty("items").EnumerateArray().Select(i => i.GetString()!));
        var version = inspection.GetProperty("version").GetInt32();

        var room = (await (await app.ClientFor("h02")).FreeRoomsAsync())[^1];
        var before = await StartAsync(floor, "roomInspection", room);
        Assert.Equal(version, before.GetProperty("templateVersion").GetInt32());

        // Only the GM edits; bad input names the field and changes nothing.
        await Problem.Expect(await floor.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = new[] { "x" } }), HttpStatusCode.Forbidden);
        var gm = await app.ClientFor("gm01");
        var count = Runs();
        Assert.Equal(["template"], (await Problem.Expect(await gm.PutAsJsonAsync("/api/checklists/templates/kitchen", new { items = new[] { "x" } }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["items"], (await Problem.Expect(await gm.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = Array.Empty<string>() }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["items[1]"], (await Problem.Expect(await gm.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = new[] { "音响", "音响" } }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["items[0]"], (await Problem.Expect(await gm.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = new[] { new string('长', 101) } }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["items"], (await Problem.Expect(await gm.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = Enumerable.Range(0, 31).Select(i => $"项目{i}") }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(count, Runs());

        var saved = Json(await (await gm.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = new[] { "麦克风", "投影", "香薰" } })).Content.ReadAsStringAsync());
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal("gm01", saved.Str("savedByBadge"));
        var after = await StartAsync(floor, "roomInspection", room);
        Assert.Equal(["麦克风", "投影", "香薰"], after.GetProperty("items").EnumerateArray().Select(i => i.Str("text")));
        // The run started before keeps its items.
        var kept = await floor.GetFromJsonAsync<JsonElement>($"/api/checklists/runs/{before.Str("id")}");
        Assert.Equal(Checklist.Defaults["roomInspection"], kept.GetProperty("items").EnumerateArray().Select(i => i.Str("text")));
        Assert.Equal(version, kept.GetProperty("templateVersion").GetInt32());
        // The edit is audited, as the GM's.
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "checklistTemplate.save" && a.ActorBadge == "gm01")));
        // The largest template (30 items of 100 Chinese characters) fits where it is stored, on both databases.
        var largest = Enumerable.Range(0, 30).Select(i => $"{i:00}" + new string('检', 98)).ToArray();
        var big = await gm.PutAsJsonAsync("/api/checklists/templates/closing", new { items = largest });
        Assert.True(big.StatusCode == HttpStatusCode.OK, await big.Content.ReadAsStringAsync());
        Assert.Equal(largest, (await floor.GetFromJsonAsync<JsonElement>("/api/checklists/templates")).EnumerateArray().Single(t => t.Str("template") == "closing")
            .GetProperty("items").EnumerateArray().Select(i => i.GetString()!));
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/checklists/templates/closing", new { items = Checklist.Defaults["closing"] })).StatusCode);
        // Back to SPEC.md's items for the other tests of this class (a third version).
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/checklists/templates/roomInspection", new { items = Checklist.Defaults["roomInspection"] })).StatusCode);
    }

    [Fact]
    public async Task A_failed_inspection_item_takes_the_room_off_the_board_until_it_is_marked_fixed()
    {
        var desk = await app.ClientFor("h02");
        var room = (await desk.FreeRoomsAsync())[0];
        await using var board = await BoardListener.StartAsync(app, "h02");
        var floor = await app.ClientFor("fm01");

        // Bad input: the field named, nothing written.
        var count = Runs();
        Assert.Equal(["roomNumber"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/checklists/runs", new { template = "roomInspection" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["roomNumber"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/checklists/runs", new { template = "roomInspection", roomNumber = "9999" }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["template"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/checklists/runs", new { template = "kitchen", roomNumber = room }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["template"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/checklists/runs", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(count, Runs());

        var run = await StartAsync(floor, "roomInspection", room);
        Assert.Equal(room, run.Str("roomNumber"));
        Assert.Equal("open", run.Str("status"));
        Assert.All(run.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("ok").ValueKind));
        var sound = ItemUrl(run, 1);

        count = Runs();
        await Problem.Expect(await floor.PutAsJsonAsync($"/api/checklists/runs/{run.Str("id")}/items/{Guid.NewGuid()}", new { ok = true }), HttpStatusCode.NotFound);
        Assert.Equal(["ok"], (await Problem.Expect(await floor.PutAsJsonAsync(sound, new { note = "x" }), HttpStatusCode.BadRequest)).ErrorFields());
        var noNote = await Problem.Expect(await floor.PutAsJsonAsync(sound, new { ok = false, note = "  " }), HttpStatusCode.BadRequest);
        Assert.Contains("note", noNote.ErrorFields());
        Assert.Equal(["outOfService"], (await Problem.Expect(await floor.PutAsJsonAsync(sound, new { ok = true, outOfService = true }), HttpStatusCode.BadRequest)).ErrorFields());
        // A photo only for a failed item; a file that is no image is refused naming the photo.
        await Problem.Expect(await floor.PostAsync(sound + "/photo", Photo(Png)), HttpStatusCode.Conflict);
        await Problem.Expect(await (await app.ClientFor("m01")).PutAsJsonAsync(sound, new { ok = true }), HttpStatusCode.Forbidden);
        Assert.Equal(count, Runs());
        Assert.Equal("free", (await desk.RoomAsync(room)).Str("state"));

        // Failed with a note and out of service: the board hears it, the room's reason names the item.
        var failed = await floor.PutAsJsonAsync(sound, new { ok = false, note = "左侧音箱无声", outOfService = true });
        Assert.True(failed.StatusCode == HttpStatusCode.OK, await failed.Content.ReadAsStringAsync());
        var item = Json(await failed.Content.ReadAsStringAsync()).GetProperty("items")[1];
        Assert.False(item.GetProperty("ok").GetBoolean());
        Assert.True(item.GetProperty("outOfService").GetBoolean());
        Assert.Equal("fm01", item.Str("checkedByBadge"));
        var heard = await board.WaitForAsync("roomChanged", r => r.Str("number") == room && r.Str("state") == "outOfService");
        Assert.Contains(Checklist.Defaults["roomInspection"][1], heard.Str("stateNote"));
        var onBoard = await desk.RoomAsync(room);
        Assert.Equal("outOfService", onBoard.Str("state"));
        Assert.Contains("左侧音箱无声", onBoard.Str("stateNote"));
        var listed = Assert.Single(await app.WithAsync(db => ChecklistQueries.RoomsOutOfServiceAsync(db, db.Venues.OrderBy(v => v.CreatedAt).First().Id)), r => r.RoomNumber == room);
        Assert.Equal(Checklist.Defaults["roomInspection"][1], listed.Item);
        // While it keeps the room out of service, the item is not ticked again.
        await Problem.Expect(await floor.PutAsJsonAsync(sound, new { ok = true }), HttpStatusCode.Conflict);

        // The photo: a text file is refused naming the field; a PNG is kept and served back.
        Assert.Equal(["photo"], (await Problem.Expect(await floor.PostAsync(sound + "/photo", Photo("not an image"u8.ToArray(), "x.png")), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["photo"], (await Problem.Expect(await floor.PostAsync(sound + "/photo", Photo(new byte[Checklist.MaxPhotoBytes + 1])), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["photo"], (await Problem.Expect(await floor.PostAsJsonAsync(sound + "/photo", new { }), HttpStatusCode.BadRequest)).ErrorFields());
        var withPhoto = await floor.PostAsync(sound + "/photo", Photo(Png));
        Assert.True(withPhoto.StatusCode == HttpStatusCode.OK, await withPhoto.Content.ReadAsStringAsync());
        var photoUrl = Json(await withPhoto.Content.ReadAsStringAsync()).GetProperty("items")[1].Str("photoUrl");
        Assert.Equal(Png, await floor.GetByteArrayAsync(photoUrl));

        // Marked fixed: free on the board again, and heard; a second time is refused.
        var fixedAnswer = await (await app.ClientFor("h01")).PostAsync(sound + "/fixed", null);
        Assert.True(fixedAnswer.StatusCode == HttpStatusCode.OK, await fixedAnswer.Content.ReadAsStringAsync());
        var fixedItem = Json(await fixedAnswer.Content.ReadAsStringAsync()).GetProperty("items")[1];
        Assert.False(fixedItem.GetProperty("outOfService").GetBoolean());
        Assert.Equal("h01", fixedItem.Str("fixedByBadge"));
        await board.WaitForAsync("roomChanged", r => r.Str("number") == room && r.Str("state") == "free");
        Assert.Equal("free", (await desk.RoomAsync(room)).Str("state"));
        Assert.DoesNotContain(await app.WithAsync(db => ChecklistQueries.RoomsOutOfServiceAsync(db, db.Venues.OrderBy(v => v.CreatedAt).First().Id)), r => r.RoomNumber == room);
        await Problem.Expect(await floor.PostAsync(sound + "/fixed", null), HttpStatusCode.Conflict);
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "checklist.outOfService" && a.EntityType == "Room"))
                    && app.With(db => db.AuditEntries.Any(a => a.Action == "checklist.fixed" && a.ActorBadge == "h01")));

        // Every item ticked: the run is complete; it is listed with tonight's inspections.
        JsonElement last = default;
        foreach (var i in new[] { 0, 2, 3 }) last = Json(await (await floor.PutAsJsonAsync(ItemUrl(run, i), new { ok = true })).Content.ReadAsStringAsync());
        Assert.Equal("complete", last.Str("status"));
        Assert.Equal(1, last.GetProperty("failed").GetInt32());
        var tonight = await floor.GetFromJsonAsync<JsonElement>("/api/checklists/runs?template=roomInspection");
        Assert.Contains(tonight.EnumerateArray(), r => r.Str("id") == run.Str("id"));
        Assert.Equal(["template"], (await Problem.Expect(await floor.GetAsync("/api/checklists/runs?template=kitchen"), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["businessDay"], (await Problem.Expect(await floor.GetAsync("/api/checklists/runs?businessDay=2026-02-30"), HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task A_room_in_use_cannot_go_out_of_service_and_nothing_is_recorded()
    {
        var room = await app.OpenRoomForAsync("m01");
        var floor = await app.ClientFor("fm01");
        var run = await StartAsync(floor, "roomInspection", room);
        var refused = await Problem.Expect(await floor.PutAsJsonAsync(ItemUrl(run, 0), new { ok = false, note = "电视黑屏", outOfService = true }), HttpStatusCode.Conflict);
        Assert.EndsWith("/checklist.roomInUse", refused.GetProperty("type").GetString());
        Assert.Contains(room, refused.Detail());
        Assert.Equal("occupied", (await floor.RoomAsync(room)).Str("state"));
        var unchanged = await floor.GetFromJsonAsync<JsonElement>($"/api/checklists/runs/{run.Str("id")}");
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("items")[0].GetProperty("ok").ValueKind);
        // Failed without taking the room out of service is recorded: the guests stay.
        var noted = await floor.PutAsJsonAsync(ItemUrl(run, 0), new { ok = false, note = "电视黑屏，客人离开后检修" });
        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.Equal("occupied", (await floor.RoomAsync(room)).Str("state"));
    }

    [Fact]
    public async Task The_closing_round_is_one_per_night_and_complete_once_every_item_is_ticked()
    {
        var floor = await app.ClientFor("fm01");
        var venue = app.With(db => db.Venues.OrderBy(v => v.CreatedAt).First().Id);
        var closing = await floor.GetFromJsonAsync<JsonElement>("/api/checklists/closing");
        var day = DateOnly.Parse(closing.Str("businessDay"));
        Assert.Equal("notStarted", closing.Str("state"));
        Assert.Equal(ClosingRoundState.NotStarted, await app.WithAsync(db => ChecklistQueries.ClosingRoundStateAsync(db, venue, day)));

        Assert.Equal(["roomNumber"], (await Problem.Expect(await floor.PostAsJsonAsync("/api/checklists/runs", new { template = "closing", roomNumber = "101" }), HttpStatusCode.BadRequest)).ErrorFields());
        var run = await StartAsync(await app.ClientFor("h01"), "closing");
        Assert.Equal(Checklist.Defaults["closing"], run.GetProperty("items").EnumerateArray().Select(i => i.Str("text")));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("roomNumber").ValueKind);
        var count = Runs();
        await Problem.Expect(await floor.PostAsJsonAsync("/api/checklists/runs", new { template = "closing" }), HttpStatusCode.Conflict);
        Assert.Equal(["outOfService"], (await Problem.Expect(await floor.PutAsJsonAsync(ItemUrl(run, 0), new { ok = false, note = "后厨电源未关", outOfService = true }), HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(count, Runs());

        Assert.Equal(HttpStatusCode.OK, (await floor.PutAsJsonAsync(ItemUrl(run, 0), new { ok = false, note = "后厨电源未关，已关闭" })).StatusCode);
        Assert.Equal("incomplete", (await floor.GetFromJsonAsync<JsonElement>("/api/checklists/closing")).Str("state"));
        Assert.Equal(ClosingRoundState.Incomplete, await app.WithAsync(db => ChecklistQueries.ClosingRoundStateAsync(db, venue, day)));
        for (var i = 1; i < run.GetProperty("items").GetArrayLength(); i++)
            Assert.Equal(HttpStatusCode.OK, (await floor.PutAsJsonAsync(ItemUrl(run, i), new { ok = true })).StatusCode);
        var done = await floor.GetFromJsonAsync<JsonElement>("/api/checklists/closing");
        Assert.Equal("complete", done.Str("state"));
        Assert.Equal(run.Str("id"), done.Str("runId"));
        Assert.Equal(ClosingRoundState.Complete, await app.WithAsync(db => ChecklistQueries.ClosingRoundStateAsync(db, venue, day)));
        Assert.Single((await floor.GetFromJsonAsync<JsonElement>("/api/checklists/runs?template=closing")).EnumerateArray());
    }
}
