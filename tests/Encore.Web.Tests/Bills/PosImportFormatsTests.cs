using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Encore.Web.Tests.Platform;

namespace Encore.Web.Tests.Bills;

/// <summary>
/// Issue 19: the POS import takes the till's export saved by Excel (xlsx: the business day a date cell, the amounts
/// numbers) and CSV with quoted cells ("3,680.50"), with the CSV's rules: each bad line named, nothing changed while
/// one is bad.
/// </summary>
public sealed class PosImportFormatsTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task An_xlsx_from_the_till_sets_the_spend_and_its_bad_rows_are_named_by_row_number()
    {
        var (room, day) = await ClosedRoomAsync("m09", "13200000904", 1000);
        var cashier = await app.ClientFor("c01");
        var roomCell = long.TryParse(room, out var number) ? (object)number : room;
        object?[] header = ["businessDay", "roomNumber", "spend", "roomCharge"];

        var bad = ExcelFile.Write(header, [day, roomCell, 3680.5, 800], [day, "999", 100, 0], [day, roomCell, "abc"]);
        var problem = await Problem.Expect(await cashier.PostAsync("/api/pos/import", ExcelFile.Content(bad)), HttpStatusCode.BadRequest);
        Assert.Equal(["line 3", "line 4"], problem.ErrorFields());
        Assert.Equal(1000m, Spend(room));

        var good = ExcelFile.Write(header, [day, roomCell, 3680.5, 800]);
        var response = await cashier.PostAsync("/api/pos/import", ExcelFile.Content(good, "application/octet-stream"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("imported").GetInt32());
        Assert.Equal(3680.50m, Spend(room));
    }

    [Fact]
    public async Task A_csv_with_quoted_amounts_imports_and_a_bad_line_is_still_named()
    {
        var (room, day) = await ClosedRoomAsync("m10", "13200000905", 900);
        var cashier = await app.ClientFor("c01");
        var text = $"businessDay,roomNumber,spend,roomCharge\r\n{day:yyyy-MM-dd},\"{room}\",\"3,680.50\",\"800\"\r\n";
        var bad = text + $"{day:yyyy-MM-dd},{room},1,2,3,4\r\n";
        var problem = await Problem.Expect(await cashier.PostAsync("/api/pos/import", new StringContent(bad, Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest);
        Assert.Equal(["line 3"], problem.ErrorFields());
        Assert.Equal(900m, Spend(room));

        var response = await cashier.PostAsync("/api/pos/import", new StringContent(text, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3680.50m, Spend(room));
    }

    private async Task<(string Room, DateOnly Day)> ClosedRoomAsync(string manager, string phone, decimal spend)
    {
        var room = await app.OpenRoomForAsync(manager, phone);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend })).StatusCode);
        return (room, LastClosed(room).BusinessDay);
    }

    private decimal Spend(string room) => LastClosed(room).Spend;

    private Encore.Web.Data.RoomSession LastClosed(string room) => app.With(db => db.RoomSessions
        .Where(s => db.Rooms.Any(r => r.Id == s.RoomId && r.Number == room) && s.ClosedAt != null).OrderByDescending(s => s.ClosedAt).First());
}
