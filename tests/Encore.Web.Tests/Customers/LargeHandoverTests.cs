using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Audit;
using Encore.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// A leaver's book of more files than one SQL statement takes ids (SQLite refuses more than 32,766 parameters, and EF
/// gives each id of a list its own): the handover reads the book's open return visits in parts, and every file and
/// every open visit changes hands.
/// </summary>
public sealed class LargeHandoverTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task A_book_of_33_000_files_changes_hands_with_its_open_visits()
    {
        const int files = 33_000;
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff", new { badge = "m71", name = "大户经理", password = EncoreFactory.PasswordOf("m71"), roles = new[] { "manager" }, department = "营销二部" })).StatusCode);
        var (leaver, first, last) = await app.WithAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "m71").Select(u => new { u.Id, u.VenueId }).SingleAsync();
            var at = DateTimeOffset.UtcNow;
            var book = Enumerable.Range(0, files).Select(i => new Customer { VenueId = owner.VenueId, Name = $"大户{i}", Phone = $"1350{i:D7}", OwnerId = owner.Id, CreatedAt = at.AddSeconds(i) }).ToList();
            // Open visits on the book's first and last files (ids far apart in the list), a done one on a third.
            ReturnVisit Visit(Customer c, DateTimeOffset? done) => new() { VenueId = c.VenueId, CustomerId = c.Id, OwnerId = owner.Id, Reason = "unseen", DueDay = DateOnly.FromDateTime(at.UtcDateTime), ScheduledAt = at, DoneAt = done };
            using (AuditScope.Suppress())
            {
                db.Customers.AddRange(book);
                db.ReturnVisits.AddRange(Visit(book[0], null), Visit(book[^1], null), Visit(book[files / 2], at));
                await db.SaveChangesAsync();
            }
            return (owner.Id, book[0].Id, book[^1].Id);
        });

        var spread = await (await app.ClientFor("fm01")).PostAsJsonAsync("/api/customers/handover", new { fromBadge = "m71", toBadges = new[] { "m10", "m11" }, reason = "离职交接" });
        Assert.True(spread.StatusCode == HttpStatusCode.OK, await spread.Content.ReadAsStringAsync());
        Assert.Equal([files / 2, files / 2], JsonDocument.Parse(await spread.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(x => x.GetProperty("customers").GetInt32()));

        Assert.Equal(0, app.With(db => db.Customers.Count(c => c.OwnerId == leaver)));
        Assert.Equal(files, app.With(db => db.CustomerHandovers.Count(h => h.FromId == leaver)));
        // The open visits follow their files; the done one stays with who did it.
        var visits = app.With(db => db.ReturnVisits.Where(r => r.OwnerId == leaver || r.CustomerId == first || r.CustomerId == last)
            .Select(r => new { r.CustomerId, r.OwnerId, Done = r.DoneAt != null, FileOwner = db.Customers.Single(c => c.Id == r.CustomerId).OwnerId }).ToList());
        Assert.Equal(3, visits.Count);
        Assert.All(visits.Where(v => !v.Done), v => Assert.Equal(v.FileOwner, v.OwnerId));
        Assert.Equal(2, visits.Count(v => !v.Done && v.OwnerId != leaver));
        Assert.Equal(leaver, visits.Single(v => v.Done).OwnerId);
    }
}
