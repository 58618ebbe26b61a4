using System.Net;
using System.Text;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// The customer import checks its phones before its short write transaction; a phone filed by someone else between the
/// check and the write is caught by the unique index on (venue, phone) inside the write: nothing is imported, and the
/// answer is 409 "customer.importRace", not a 500 (BulkInsert reports the refusal as a DbUpdateException).
/// </summary>
public sealed class ImportRaceTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_phone_filed_between_the_check_and_the_write_refuses_the_whole_import_with_409()
    {
        var m08 = await app.ClientFor("m08");
        var owner = app.With(db => db.MainStaff().Single(s => s.UserName == "m09").Id);
        const string racedPhone = "13977799002";
        await app.WithAsync(async db =>
        {
            // Someone else files the phone in a transaction that is still open while the import checks (it does not
            // see the row yet) and still open when the import writes (its insert waits for this transaction).
            await using var other = await db.Database.BeginTransactionAsync();
            db.Customers.Add(new Customer { VenueId = db.MainVenueId(), Name = "抢先", Phone = racedPhone, OwnerId = owner, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();

            var csv = "name,phone,company,title,birthday,tags,notes\r\n甲,13977799001,,,,,\r\n乙," + racedPhone + ",,,,,\r\n";
            var import = m08.PostAsync("/api/customers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
            await app.UntilWaitingForItsWriteAsync(db, import, "the import");
            await other.CommitAsync();

            var problem = await Problem.Expect(await import, HttpStatusCode.Conflict);
            Assert.EndsWith("/customer.importRace", problem.Str("type"));
        });
        Assert.Equal(0, app.With(db => db.Customers.Count(c => c.Phone == "13977799001")));
        Assert.Equal("抢先", app.With(db => db.Customers.Single(c => c.Phone == racedPhone).Name));
    }
}
