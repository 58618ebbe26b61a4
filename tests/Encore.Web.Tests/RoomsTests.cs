using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests;

public sealed class RoomsTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task The_GM_adds_a_room_and_everyone_sees_it_free()
    {
        var gm = await app.ClientFor("gm01");
        var created = await gm.PostAsJsonAsync("/api/rooms", new { number = "888", type = "vip", capacity = 12, minimumSpend = 3888.5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var rooms = await (await app.ClientFor("m01")).GetFromJsonAsync<JsonElement>("/api/rooms");
        var room = rooms.EnumerateArray().Single(r => r.GetProperty("number").GetString() == "888");
        Assert.Equal("vip", room.GetProperty("type").GetString());
        Assert.Equal("free", room.GetProperty("state").GetString());
        Assert.Equal(12, room.GetProperty("capacity").GetInt32());
        Assert.Equal(3888.5m, room.GetProperty("minimumSpend").GetDecimal());
    }

    [Fact]
    public async Task A_room_number_is_unique_in_the_venue()
    {
        var gm = await app.ClientFor("gm01");
        var problem = await Problem.Expect(await gm.PostAsJsonAsync("/api/rooms", new { number = "101", type = "small", capacity = 6, minimumSpend = 600 }), HttpStatusCode.Conflict);
        Assert.Contains("101", problem.Detail());
    }

    [Theory]
    [InlineData("""{"number":"","type":"small","capacity":6,"minimumSpend":600}""", "number", "房号")]
    [InlineData("""{"number":"X1","type":"small","capacity":0,"minimumSpend":600}""", "capacity", "容纳人数")]
    [InlineData("""{"number":"X2","type":"small","capacity":6,"minimumSpend":-1}""", "minimumSpend", "最低消费")]
    [InlineData("""{"number":"X3","type":"small","capacity":6,"minimumSpend":1.234}""", "minimumSpend", "最低消费")]
    [InlineData("""{"number":"X4","type":"palace","capacity":6,"minimumSpend":600}""", "type", "类型")]
    [InlineData("""{"number":"X5","capacity":6,"minimumSpend":600}""", "type", "类型")]
    [InlineData("""{"number":"X6","type":"small","capacity":"six","minimumSpend":600}""", "capacity", "容纳人数")]
    public async Task Bad_input_names_the_field_and_changes_nothing(string json, string field, string label)
    {
        var gm = await app.ClientFor("gm01");
        var before = app.With(db => db.Rooms.Count());
        var response = await gm.PostAsync("/api/rooms", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
        // The message names the field by the label the GM sees on the form (issue 13), the JSON name keys the errors.
        Assert.StartsWith(label + "：", problem.Detail());
        Assert.Equal(before, app.With(db => db.Rooms.Count()));
    }

    [Fact]
    public async Task Only_the_GM_adds_rooms()
    {
        var host = await app.ClientFor("h01");
        await Problem.Expect(await host.PostAsJsonAsync("/api/rooms", new { number = "999", type = "small", capacity = 6, minimumSpend = 600 }), HttpStatusCode.Forbidden);
    }
}
