using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// A booking reads before it takes its write turn (issue 15, Platform/Writes.cs WritesFromFirstWrite): what it read can
/// be overtaken before it writes. These are the races that decide a booking, each still decided by the database: the
/// same new phone booked twice at once ends in one file; many bookings for a manager's last room of a quota let one through.
/// </summary>
public sealed class BookingRaceTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_phone_filed_after_the_booking_looked_for_it_is_the_file_the_booking_gets()
    {
        var m08 = await app.ClientFor("m08");
        var m08Id = app.With(db => db.MainStaff("m08").Id);
        var phone = DeskClient.NewPhone();
        var filedId = Guid.Empty;
        Task<HttpResponseMessage>? booking = null;
        await app.WithAsync(async db =>
        {
            // Another booking of the same phone, still open while this one looks for a file (it finds none) and still
            // open when this one writes its new file (which then waits for it, and is refused by the unique index).
            await using var other = await db.Database.BeginTransactionAsync();
            var filed = new Customer { VenueId = db.MainVenueId(), Name = "先到", Phone = phone, OwnerId = m08Id, CreatedAt = DateTimeOffset.UtcNow };
            Encore.Web.Customers.CustomerRules.Index(filed);
            db.Customers.Add(filed);
            await db.SaveChangesAsync();
            filedId = filed.Id;

            booking = m08.PostAsJsonAsync("/api/bookings", new { customerName = "后到", customerPhone = phone, arrival = "2026-11-21T20:30", partySize = 4 });
            await app.UntilWaitingForItsWriteAsync(db, booking, "the booking");
            await other.CommitAsync();
        });

        var answer = await booking!;
        Assert.True(answer.StatusCode == HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        Assert.Equal(1, app.With(db => db.Customers.Count(c => c.Phone == phone)));
        Assert.Equal(filedId, app.With(db => db.Bookings.Single(b => b.CustomerPhone == phone).CustomerId));
    }

    /// <summary>
    /// A new guest's booking is one write of five statements (the file, the booking, its history, the audit entries), on
    /// PostgreSQL one batch without BEGIN and COMMIT (Writes.InsertAsLastWriteAsync). A refusal at its last statement
    /// must take the first four with it: a trigger of the test's own refuses the booking's audit entry as a lost race
    /// would be refused, so the booking is tried three times and answers 409, and nothing of it is left.
    /// </summary>
    [Fact]
    public async Task A_booking_refused_at_its_last_insert_leaves_nothing_of_itself()
    {
        const string Marker = "refused-by-the-test-trigger";
        var m08 = await app.ClientFor("m08");
        var phone = DeskClient.NewPhone();
        var postgres = !app.With(db => db.IsSqlite);
        string[] create = postgres
            ? [$$"""
                CREATE FUNCTION test_refuse_marked_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW."After" LIKE '%{{Marker}}%' THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'unique_violation'; END IF;
                  RETURN NEW;
                END $$
                """,
               "CREATE TRIGGER test_refuse_marked_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_refuse_marked_audit()"]
            : [$"""CREATE TRIGGER test_refuse_marked_audit BEFORE INSERT ON audit_entries WHEN NEW."After" LIKE '%{Marker}%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"""];
        string[] drop = postgres
            ? ["DROP TRIGGER test_refuse_marked_audit ON audit_entries", "DROP FUNCTION test_refuse_marked_audit()"]
            : ["DROP TRIGGER test_refuse_marked_audit"];
        await app.WithAsync(async db => { foreach (var sql in create) await db.Database.ExecuteSqlRawAsync(sql); });
        HttpResponseMessage answer;
        try
        {
            answer = await m08.PostAsJsonAsync("/api/bookings",
                new { customerName = "全无", customerPhone = phone, arrival = "2026-11-21T20:30", partySize = 4, note = Marker });
        }
        finally
        {
            await app.WithAsync(async db => { foreach (var sql in drop) await db.Database.ExecuteSqlRawAsync(sql); });
        }

        var problem = await Problem.Expect(answer, HttpStatusCode.Conflict);
        Assert.EndsWith("/write.conflict", problem.Str("type"));
        Assert.Equal(0, app.With(db => db.Customers.Count(c => c.Phone == phone)));
        Assert.Equal(0, app.With(db => db.Bookings.Count(b => b.CustomerPhone == phone)));
        Assert.Equal(0, app.With(db => db.AuditEntries.Count(e => e.After != null && e.After.Contains(phone))));

        // The same booking without the marker goes through: the refusal was the trigger's, not the request's.
        var again = await m08.PostAsJsonAsync("/api/bookings", new { customerName = "全无", customerPhone = phone, arrival = "2026-11-21T20:30", partySize = 4 });
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        Assert.Equal(1, app.With(db => db.Customers.Count(c => c.Phone == phone)));
        Assert.Equal(2, app.With(db => db.AuditEntries.Count(e => e.After != null && e.After.Contains(phone)))); // the file's and the booking's
    }

    [Fact]
    public async Task Of_many_bookings_at_once_for_a_managers_last_room_of_a_quota_one_passes()
    {
        var gm = await app.ClientFor("gm01");
        var m10 = await app.ClientFor("m10");
        var m11 = await app.ClientFor("m11");
        foreach (var m in new[] { m10, m11 })
            Assert.True((await m.PostAsync("/api/attendance/sign-in", null)).IsSuccessStatusCode);
        var put = await gm.PutAsJsonAsync("/api/house-rules", new { bookings = new { roomQuotas = true } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await gm.SetClockAsync(DateTimeOffset.Parse("2026-11-20T19:00+08:00"));

        // m10's type with the fewest rooms (but some), booked to its last room one by one.
        var quotas = await m10.GetFromJsonAsync<JsonElement>("/api/quotas");
        var mine = quotas.GetProperty("managers").EnumerateArray().Single(m => m.Str("badge") == "m10");
        var type = mine.GetProperty("types").EnumerateArray().Where(t => t.GetProperty("left").GetInt32() > 0)
            .OrderBy(t => t.GetProperty("left").GetInt32()).First();
        var roomType = type.Str("roomType");
        var left = type.GetProperty("left").GetInt32();
        for (var i = 1; i < left; i++)
        {
            var booked = await RoomQuotaTests.BookAsync(m10, roomType);
            Assert.True(booked.StatusCode == HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        }

        const int AtOnce = 8;
        var answers = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => RoomQuotaTests.BookAsync(m10, roomType)));
        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            var problem = await Problem.Expect(refused, HttpStatusCode.Conflict);
            Assert.EndsWith("/booking.beyondQuota", problem.Str("type"));
        }
        var after = (await m10.GetFromJsonAsync<JsonElement>("/api/quotas")).GetProperty("managers").EnumerateArray().Single(m => m.Str("badge") == "m10");
        Assert.Equal(0, after.GetProperty("types").EnumerateArray().Single(t => t.Str("roomType") == roomType).GetProperty("left").GetInt32());
    }
}
