using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Reports.ReportAnswers;

namespace Encore.Web.Tests.Reports;

/// <summary>
/// GET /api/reports/integrity (issue 19): every booker's figures equal what hand-written SQL counts in the demo's
/// November, the flags sit strictly above their house-rule thresholds, the bookings behind a figure are the ones
/// counted, and the room-grabbing signals follow from bookings made on the simulated clock.
/// </summary>
public sealed class IntegrityTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private const string Month = "2026-11";

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private static List<string> Flags(JsonElement row) => row.GetProperty("flags").EnumerateArray().Select(f => f.Str("kind")).ToList();

    private async Task<Dictionary<string, JsonElement>> RowsAsync(HttpClient client) =>
        (await OkAsync(await client.GetAsync($"/api/reports/integrity?month={Month}"))).GetProperty("bookers").EnumerateArray().ToDictionary(r => r.Str("badge"));

    public sealed record HandRow(string Badge, long Bookings, long Arrived, long Lapsed, long Cancelled, long LateCancelled, long Mismatches);

    /// <summary>
    /// The figures by hand: one SQL statement per provider (SQLite keeps instants as Unix milliseconds), over venue main's
    /// bookings (the report is main's GM's; hangzhou's bookers have the same badges).
    /// </summary>
    private Task<List<HandRow>> HandAsync(int lateCancelMinutes) => app.WithAsync(db =>
    {
        var late = app.IsPostgres
            ? $"b.\"Arrival\" - b.\"CancelledAt\" < interval '{lateCancelMinutes} minutes'"
            : $"b.\"Arrival\" - b.\"CancelledAt\" < {lateCancelMinutes * 60_000L}";
        var sql = $"""
            SELECT u."UserName" AS "Badge", COUNT(*) AS "Bookings",
                   SUM(CASE WHEN b."ArrivedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "Arrived",
                   SUM(CASE WHEN b."Status" = 'Lapsed' THEN 1 ELSE 0 END) AS "Lapsed",
                   SUM(CASE WHEN b."Status" = 'Cancelled' THEN 1 ELSE 0 END) AS "Cancelled",
                   SUM(CASE WHEN b."Status" = 'Cancelled' AND {late} THEN 1 ELSE 0 END) AS "LateCancelled",
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM booking_events e WHERE e."BookingId" = b."Id" AND e."Kind" = 'verificationFailed') THEN 1 ELSE 0 END) AS "Mismatches"
            FROM bookings b JOIN "AspNetUsers" u ON u."Id" = b."BookerId"
            WHERE b."VenueId" = {MainVenue.Sql} AND b."BusinessDay" >= '2026-11-01' AND b."BusinessDay" < '2026-12-01'
            GROUP BY u."UserName"
            """;
        return db.Database.SqlQueryRaw<HandRow>(sql).ToListAsync();
    });

    [Fact]
    public async Task Every_bookers_figures_equal_the_hand_SQL_counts_of_the_demo_month_and_the_flags_follow_the_thresholds()
    {
        var gm = await app.ClientFor("gm01");
        var answer = await OkAsync(await gm.GetAsync($"/api/reports/integrity?month={Month}"));
        Assert.Equal(Month, answer.Str("month"));
        var thresholds = answer.GetProperty("thresholds");
        var rows = answer.GetProperty("bookers").EnumerateArray().ToDictionary(r => r.Str("badge"));
        var hand = (await HandAsync(thresholds.GetProperty("lateCancelMinutes").GetInt32())).ToDictionary(h => h.Badge);

        Assert.Equal(hand.Keys.Order(), rows.Keys.Order());
        foreach (var (badge, h) in hand)
        {
            var row = rows[badge];
            Assert.Equal((h.Bookings, h.Arrived, h.Lapsed, h.Cancelled, h.LateCancelled, h.Mismatches),
                (Int(row, "bookings"), Int(row, "arrived"), Int(row, "lapsed"), Int(row, "cancelled"), Int(row, "lateCancelled"), Int(row, "mismatches")));
            var lapseRate = Math.Round((decimal)h.Lapsed / h.Bookings, 4);
            Assert.Equal(lapseRate, row.GetProperty("lapseRate").GetDecimal());
            Assert.Equal(Math.Round((decimal)h.LateCancelled / h.Bookings, 4), row.GetProperty("lateCancelRate").GetDecimal());
            Assert.Equal(lapseRate > thresholds.GetProperty("lapseRateMax").GetDecimal(), Flags(row).Contains("lapseRate"));
            Assert.Equal(h.Mismatches > thresholds.GetProperty("mismatchesMax").GetInt32(), Flags(row).Contains("mismatches"));
            Assert.Equal(Flags(row).Count > 0, row.GetProperty("flagged").GetBoolean());
        }
        // The demo's 带假房: m03 flagged (the lapses and the guest who was not the booked one), most bookers not.
        Assert.True(rows["m03"].GetProperty("flagged").GetBoolean());
        Assert.Contains(rows.Values, r => !r.GetProperty("flagged").GetBoolean());
        // Flagged bookers come first.
        var order = answer.GetProperty("bookers").EnumerateArray().Select(r => r.GetProperty("flagged").GetBoolean()).ToList();
        Assert.Equal(order.OrderByDescending(f => f), order);
    }

    [Fact]
    public async Task A_figure_equal_to_its_threshold_is_not_flagged_and_one_above_it_is()
    {
        var gm = await app.ClientFor("gm01");
        var m03 = (await RowsAsync(gm))["m03"];
        var rate = m03.GetProperty("lapseRate").GetDecimal();
        var mismatches = Int(m03, "mismatches");
        Assert.True(mismatches >= 1);

        await gm.ChangeRulesAsync(new { integrity = new { lapseRateMax = rate, mismatchesMax = mismatches } });
        var at = (await RowsAsync(gm))["m03"];
        Assert.DoesNotContain("lapseRate", Flags(at));
        Assert.DoesNotContain("mismatches", Flags(at));

        await gm.ChangeRulesAsync(new { integrity = new { lapseRateMax = rate - 0.0001m, mismatchesMax = mismatches - 1 } });
        var above = (await RowsAsync(gm))["m03"];
        var flags = above.GetProperty("flags").EnumerateArray().ToDictionary(f => f.Str("kind"));
        Assert.Equal(rate, flags["lapseRate"].GetProperty("figure").GetDecimal());
        Assert.Equal(rate - 0.0001m, flags["lapseRate"].GetProperty("threshold").GetDecimal());
        Assert.Equal(mismatches, flags["mismatches"].GetProperty("figure").GetInt32());

        // Below the minimum of bookings no rate is judged.
        await gm.ChangeRulesAsync(new { integrity = new { minBookings = Int(m03, "bookings") + 1 } });
        var unjudged = (await RowsAsync(gm))["m03"];
        Assert.Equal(JsonValueKind.Null, unjudged.GetProperty("lapseRate").ValueKind);
        Assert.DoesNotContain("lapseRate", Flags(unjudged));
        await gm.ChangeRulesAsync(new { integrity = new { lapseRateMax = 0.20m, mismatchesMax = 0, minBookings = 5 } });
    }

    [Fact]
    public async Task The_bookings_behind_a_bookers_figures_are_the_ones_counted_with_the_phone_masked()
    {
        var fm = await app.ClientFor("fm01");
        var row = (await RowsAsync(fm))["m03"];
        var behind = await OkAsync(await fm.GetAsync($"/api/reports/integrity/m03?month={Month}"));
        var bookings = behind.GetProperty("bookings").EnumerateArray().ToList();
        Assert.Equal(Int(row, "bookings"), bookings.Count);
        int Counted(string figure) => bookings.Count(b => b.GetProperty("counts").EnumerateArray().Any(c => c.Str("figure") == figure));
        Assert.Equal(Int(row, "lapsed"), Counted("lapsed"));
        Assert.Equal(Int(row, "cancelled"), Counted("cancelled"));
        Assert.Equal(Int(row, "lateCancelled"), Counted("lateCancelled"));
        Assert.Equal(Int(row, "mismatches"), Counted("mismatches"));
        Assert.All(bookings, b => Assert.Contains("*", b.Str("customerPhone")));

        var codes = await app.WithAsync(db => (from b in db.Bookings join u in db.MainStaff() on b.BookerId equals u.Id
                                               where u.UserName == "m03" && b.BusinessDay >= new DateOnly(2026, 11, 1) && b.BusinessDay < new DateOnly(2026, 12, 1)
                                               select b.ConfirmationCode).ToListAsync());
        Assert.Equal(codes.Order(), bookings.Select(b => b.Str("confirmationCode")).Order());
        var mismatch = Assert.Single(bookings, b => b.GetProperty("counts").EnumerateArray().Any(c => c.Str("figure") == "mismatches"));
        Assert.Equal("FAKE00", mismatch.Str("confirmationCode"));
    }

    [Fact]
    public async Task A_guest_booked_at_the_door_counts_as_grabbed_and_a_room_opened_before_arrival_as_out_of_turn()
    {
        var gm = await app.ClientFor("gm01");
        var now = await gm.NowAsync();
        var evening = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.FromHours(8));
        await gm.SetClockAsync(now < evening ? evening : now.AddMinutes(1));
        now = await gm.NowAsync();
        var m05 = await app.ClientFor("m05");
        var host = await app.ClientFor("h02");
        var supervisor = await app.ClientFor("h01");
        var rooms = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .Where(r => r.Str("state") == "free" && r.GetProperty("capacity").GetInt32() >= 6).Select(r => r.Str("number")).ToList();

        // At the door: booked, given a room and verified within the same few minutes.
        var door = await m05.BookAsync(now.AddMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(door, rooms[0])).StatusCode);
        await gm.SetClockAsync(now.AddMinutes(3));
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsJsonAsync($"/api/bookings/{door.Id()}/arrive", new { confirmationCode = door.Str("confirmationCode") })).StatusCode);

        // Opened before the guest came, by an override.
        var early = await m05.BookAsync(now.AddMinutes(60));
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(early, rooms[1])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/rooms/{rooms[1]}/open", new { bookingId = early.Id(), overrideReason = "熟客在路上" })).StatusCode);

        var row = (await RowsAsync(gm))["m05"];
        Assert.Equal((1, 1, 2), (Int(row, "grabbed"), Int(row, "openedEarly"), Int(row, "outOfTurn")));
        var threshold = (await OkAsync(await gm.GetAsync($"/api/reports/integrity?month={Month}"))).GetProperty("thresholds").GetProperty("outOfTurnMax").GetInt32();
        Assert.Equal(2 > threshold, Flags(row).Contains("outOfTurn"));

        var behind = (await OkAsync(await gm.GetAsync($"/api/reports/integrity/m05?month={Month}"))).GetProperty("bookings").EnumerateArray().ToList();
        var grabbed = behind.Single(b => b.Str("confirmationCode") == door.Str("confirmationCode")).GetProperty("counts").EnumerateArray().Single();
        Assert.Equal(("grabbed", 3), (grabbed.Str("figure"), grabbed.GetProperty("minutes").GetInt32()));
        Assert.Equal("openedEarly", behind.Single(b => b.Str("confirmationCode") == early.Str("confirmationCode")).GetProperty("counts").EnumerateArray().Single().Str("figure"));
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_row_and_the_desk_none()
    {
        var m01 = await app.ClientFor("m01");
        var rows = await RowsAsync(m01);
        Assert.Equal(["m01"], rows.Keys.ToList());
        Assert.Equal(HttpStatusCode.OK, (await m01.GetAsync($"/api/reports/integrity/m01?month={Month}")).StatusCode);
        await Problem.Expect(await m01.GetAsync($"/api/reports/integrity/m03?month={Month}"), HttpStatusCode.Forbidden);
        foreach (var badge in new[] { "h02", "c01", "dh01" })
            await Problem.Expect(await (await app.ClientFor(badge)).GetAsync($"/api/reports/integrity?month={Month}"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/reports/integrity?month=2026-13", "month")]
    [InlineData("/api/reports/integrity?month=11-2026", "month")]
    [InlineData("/api/reports/integrity?month=2026-11&format=doc", "format")]
    [InlineData("/api/reports/integrity/m03?month=nov", "month")]
    public async Task Bad_input_is_400_naming_the_field(string url, string field)
    {
        var problem = await Problem.Expect(await (await app.ClientFor("fm01")).GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Fact]
    public async Task An_unknown_badge_is_404_and_the_csv_holds_every_booker()
    {
        var gm = await app.ClientFor("gm01");
        await Problem.Expect(await gm.GetAsync($"/api/reports/integrity/nobody?month={Month}"), HttpStatusCode.NotFound);
        var csv = await gm.GetAsync($"/api/reports/integrity?month={Month}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        foreach (var badge in (await RowsAsync(gm)).Keys) Assert.Contains(badge, text);
    }
}
