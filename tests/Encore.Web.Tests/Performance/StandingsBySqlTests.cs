using System.Data;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Domain;
using Encore.Web.Customers;
using Encore.Web.Data;
using Encore.Web.Discipline;
using Encore.Web.HouseRules;
using Encore.Web.Performance;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Performance;

/// <summary>
/// Issue 15 item 4: the month's standings by the database's aggregates (StandingsBySql, what GET /api/performance
/// answers) give exactly the answer of the in-memory computation over the rows (StandingsByRows, the reference kept
/// behind ENCORE_STANDINGS=rows), every field, on a varied half-year: promoters rolling up (one of them inactive),
/// open and uncredited sessions, a credited non-earner, unsigned cards, cards signed on days without sessions,
/// cancelled days signed or not, a standing and a merely proposed suspension, discounts and comps, people's own
/// targets met and missed (so the review flag needs months before the asked one for some and not others), a manager
/// who joined mid-period and one who joined this month, new customer files and rated return visits.
/// </summary>
public sealed class StandingsBySqlTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly DateOnly FirstDay = new(2026, 5, 1), LastDay = new(2026, 11, 19);
    private static DateTimeOffset Shanghai(DateOnly day, int hour) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).AddHours(hour);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Every_field_of_the_standings_by_the_database_equals_the_computation_over_the_rows_for_every_month_and_day_seen()
    {
        var venue = await SeedAsync();
        var store = app.Services.GetRequiredService<HouseRulesStore>();
        var months = Enumerable.Range(0, 8).Select(i => new DateOnly(2026, 5, 1).AddMonths(i)).ToList(); // May 2026 – December 2026
        // Seen on different days: inside a month before and after the new-customer due day, and once it is over.
        var seen = new[] { Shanghai(new DateOnly(2026, 11, 10), 21), Shanghai(new DateOnly(2026, 11, 20), 21), Shanghai(new DateOnly(2026, 12, 2), 21), Shanghai(new DateOnly(2026, 9, 1), 21) };
        var compared = 0;
        var flagged = new HashSet<bool>();
        var rolledUp = false;
        foreach (var instant in seen)
        {
            var at = VenueNow.At(venue, instant, await store.AtAsync(venue, instant));
            foreach (var month in months)
            {
                // Both read one snapshot of the database, so that a sweep running meanwhile cannot tell them apart.
                var (rows, sql) = await app.WithAsync(async db =>
                {
                    await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead);
                    var byRows = await new StandingsSettings(ByRows: true).StandingsAsync(db, at, month);
                    var bySql = await new StandingsSettings(ByRows: false).StandingsAsync(db, at, month);
                    return (byRows, bySql);
                });
                Assert.Equal(Json(rows), Json(sql));
                compared += rows.Count;
                foreach (var s in rows.Where(s => s.Role == Roles.Manager)) flagged.Add(s.FlaggedForReview);
                rolledUp |= rows.Any(s => s.Badge == "m01" && s.Spend > 0) && rows.Any(s => s.Badge == "p01" && s.Spend > 0);
            }
        }
        // The data is varied enough to mean something: people in every month, flags both ways, promoters rolling up.
        Assert.True(compared > 100, $"{compared} rows compared");
        Assert.Equal([false, true], flagged.Order());
        Assert.True(rolledUp);

        // The endpoint answers the database way, with the same figures (a request cannot choose the reference).
        var gm = await app.ClientFor("gm01");
        foreach (var month in new[] { "2026-09", "2026-10", "2026-11" })
        {
            var answered = await gm.GetFromJsonAsync<List<StandingView>>($"/api/performance?month={month}");
            var expected = await app.WithAsync(async db =>
                await new StandingsSettings(ByRows: true).AnswerAsync(db, await Caller.System(venue, store, app.Services.GetRequiredService<TimeProvider>()).NowAsync(), DateOnly.Parse(month + "-01")));
            Assert.Equal(Json(expected), Json(answered));
        }
    }

    /// <summary>Half a year of varied nights in the demo venue, written straight into the database (seeded random, the same every run).</summary>
    private async Task<Guid> SeedAsync() => await app.WithAsync(async db =>
    {
        var random = new Random(15_04);
        var venue = db.MainVenueId();
        var staff = await db.Users.Where(u => u.VenueId == venue).ToDictionaryAsync(u => u.UserName!);
        // The demo's managers joined in March; m11 mid-period (mid-September), m12 stays as seeded (this month).
        foreach (var i in Enumerable.Range(1, 10)) staff[$"m{i:00}"].CreatedAt = Shanghai(new DateOnly(2026, 3, 2), 20);
        staff["m11"].CreatedAt = Shanghai(new DateOnly(2026, 9, 15), 20);
        var promoterRole = await db.Roles.Where(r => r.Name == Roles.Promoter).Select(r => r.Id).SingleAsync();
        foreach (var (badge, manager, active) in new[] { ("p01", "m01", true), ("p02", "m02", true), ("p03", "m01", false), ("p04", "m11", true) })
        {
            var p = new StaffMember
            {
                UserName = badge, NormalizedUserName = badge.ToUpperInvariant(), Name = "推广" + badge, Department = "营销一部", VenueId = venue,
                ManagerId = staff[manager].Id, IsActive = active, SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = Shanghai(new DateOnly(2026, 4, 1), 20),
            };
            db.Users.Add(p);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = p.Id, RoleId = promoterRole });
            staff[badge] = p;
        }
        var earners = Enumerable.Range(1, 12).Select(i => $"m{i:00}").Concat(["p01", "p02", "p03", "p04"]).Select(b => staff[b].Id).ToList();
        var credited = earners.Select(id => (Guid?)id).Concat([staff["fm01"].Id, null]).ToList(); // a non-earner and nobody too
        var rooms = await db.Rooms.Where(r => r.VenueId == venue).Select(r => r.Id).ToListAsync();
        var host = staff["h02"].Id;

        var sessionDays = new HashSet<(Guid, DateOnly)>();
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
            for (var k = random.Next(0, 9); k > 0; k--)
            {
                var person = credited[random.Next(credited.Count)];
                var opened = Shanghai(day, 19 + random.Next(0, 4));
                var spend = random.Next(10_000, 500_000) / 100m;
                db.RoomSessions.Add(new RoomSession
                {
                    VenueId = venue, RoomId = rooms[random.Next(rooms.Count)], WalkIn = true, PartySize = 4, CreditedToId = person, BusinessDay = day,
                    OpenedAt = opened, OpenedById = host,
                    ClosedAt = random.NextDouble() < 0.04 ? null : opened.AddHours(3), ClosedById = host, // a few left open
                    Spend = spend, Discount = random.NextDouble() < 0.25 ? decimal.Round(spend * random.Next(5, 20) / 100m, 2) : 0,
                    CompsValue = random.NextDouble() < 0.3 ? 88m * random.Next(1, 4) : 0,
                });
                if (person is { } id) sessionDays.Add((id, day));
            }
        // Most cards signed; some days signed without a session; a few cancelled days, signed or not. (Beside what the demo wrote.)
        var cards = (await db.PerformanceCards.Select(c => new { c.StaffId, c.BusinessDay }).ToListAsync()).Select(c => (c.StaffId, c.BusinessDay)).ToHashSet();
        var attendance = (await db.AttendanceDays.Select(d => new { d.StaffId, d.BusinessDay }).ToListAsync()).Select(d => (d.StaffId, d.BusinessDay)).ToHashSet();
        var signed = sessionDays.Where(_ => random.NextDouble() < 0.8).ToHashSet();
        for (var i = 0; i < 40; i++) signed.Add((earners[random.Next(earners.Count)], FirstDay.AddDays(random.Next(0, LastDay.DayNumber - FirstDay.DayNumber))));
        foreach (var (id, day) in signed.Except(cards))
            db.PerformanceCards.Add(new PerformanceCard { VenueId = venue, StaffId = id, BusinessDay = day, SignedAt = Shanghai(day.AddDays(1), 15) });
        var cancelled = sessionDays.Where(_ => random.NextDouble() < 0.06).Except(attendance).ToHashSet();
        foreach (var (id, day) in cancelled)
            db.AttendanceDays.Add(new AttendanceDay { VenueId = venue, StaffId = id, BusinessDay = day, SignedInAt = Shanghai(day, 20), Late = true, PerformanceCancelled = true });
        foreach (var (id, day) in sessionDays.Except(cancelled).Except(attendance).Where(_ => random.NextDouble() < 0.1))
            db.AttendanceDays.Add(new AttendanceDay { VenueId = venue, StaffId = id, BusinessDay = day, SignedInAt = Shanghai(day, 19) });
        // A standing suspension of m03 across the end of September, and one of m04 only proposed (it does nothing).
        db.Violations.Add(new Violation
        {
            VenueId = venue, StaffId = staff["m03"].Id, Kind = SystemViolation.Suspension.Code(), BusinessDay = new DateOnly(2026, 9, 27),
            At = Shanghai(new DateOnly(2026, 9, 27), 22), Status = ViolationStatus.Confirmed, ConfirmedDay = new DateOnly(2026, 9, 27), IncidentId = Guid.NewGuid(),
        });
        db.Violations.Add(new Violation
        {
            VenueId = venue, StaffId = staff["m04"].Id, Kind = SystemViolation.Suspension.Code(), BusinessDay = new DateOnly(2026, 10, 5),
            At = Shanghai(new DateOnly(2026, 10, 5), 22), Status = ViolationStatus.Proposed, ConfirmedDay = new DateOnly(2026, 10, 5), IncidentId = Guid.NewGuid(),
        });
        // Own targets: low ones that some meet (so only some managers' flags need older months), odd ones, a null part.
        for (var month = new DateOnly(2026, 5, 1); month <= new DateOnly(2026, 12, 1); month = month.AddMonths(1))
            foreach (var id in earners.Where((_, i) => (i + month.Month) % 3 != 0))
                db.MonthlyTargets.Add(new MonthlyTarget
                {
                    VenueId = venue, StaffId = id, Month = month.ToString("yyyy-MM"),
                    Spend = random.NextDouble() < 0.2 ? null : random.Next(1, 12) * 2_000m, Rooms = random.NextDouble() < 0.2 ? null : random.Next(1, 8),
                });
        // New customer files through the months (owned by managers and promoters), and rated return visits.
        var customers = new List<Customer>();
        for (var i = 0; i < 150; i++)
        {
            var owner = earners[random.Next(earners.Count)];
            var created = Shanghai(FirstDay.AddDays(random.Next(0, LastDay.DayNumber - FirstDay.DayNumber)), 20 + random.Next(0, 8));
            customers.Add(new Customer { VenueId = venue, Name = $"排名客{i:000}", Phone = $"1391504{i:0000}", OwnerId = owner, CreatedAt = created });
        }
        db.Customers.AddRange(customers);
        foreach (var (customer, i) in customers.Select((c, i) => (c, i)).Where(_ => random.NextDouble() < 0.6))
        {
            var due = DateOnly.FromDateTime(customer.CreatedAt.AddDays(random.Next(1, 20)).DateTime);
            var done = random.NextDouble() < 0.85;
            db.ReturnVisits.Add(new ReturnVisit
            {
                VenueId = venue, CustomerId = customer.Id, OwnerId = customer.OwnerId, Reason = "afterVisit", DueDay = due, ScheduledAt = Shanghai(due, 14),
                DoneAt = done ? Shanghai(due, 15) : null, Satisfaction = done && random.NextDouble() < 0.9 ? random.Next(1, 6) : null,
            });
        }
        await db.SaveChangesAsync();
        return venue;
    });
}
