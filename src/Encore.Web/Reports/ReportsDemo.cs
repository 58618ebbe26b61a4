namespace Encore.Web.Reports;

/// <summary>
/// The demo venue's reports: a budget for this month and the two before (about a tenth above what the demo nights
/// make), every past night frozen as its daily report stood, and one frozen night amended afterwards — a cashier
/// corrected a bill three nights ago (the POS total was keyed short), so the report lists the amendment with who and why.
/// Runs after every other step (the integrity demo's bookings included): it freezes their nights.
/// </summary>
public sealed class ReportsDemo : IFeatureData
{
    public int Order => 120;

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var before = VenueNow.At(venue, demo.Now.AddMinutes(-30), Domain.HouseRules.Defaults);
        var gm = await db.Users.Where(u => u.VenueId == venue && u.UserName == "gm01").Select(u => u.Id).SingleAsync();
        var nights = await db.RoomSessions.Where(s => s.VenueId == venue && s.BusinessDay < before.Today).GroupBy(s => s.BusinessDay)
            .Select(g => new { Day = g.Key, Rooms = g.Select(s => s.RoomId).Distinct().Count(), Guests = g.Sum(s => s.PartySize) }).ToListAsync();
        // Spend summed in memory: SQLite stores it as integer fen and cannot sum the converted decimal.
        var spend = (await db.RoomSessions.Where(s => s.VenueId == venue && s.BusinessDay < before.Today).Select(s => s.Spend).ToListAsync()).Sum();
        var n = Math.Max(1, nights.Count);
        var (spendPerNight, roomsPerNight, guestsPerNight) = (spend / n, nights.Sum(x => x.Rooms) / (decimal)n, nights.Sum(x => x.Guests) / (decimal)n);
        var first = Ranges.FirstOfMonth(before.Today);
        for (var m = first.AddMonths(-2); m <= first; m = m.AddMonths(1))
        {
            var days = DateTime.DaysInMonth(m.Year, m.Month);
            db.ReportBudgets.Add(new ReportBudget
            {
                VenueId = venue, Month = m.ToString("yyyy-MM", CultureInfo.InvariantCulture), SetById = gm, SetAt = before.Now,
                Spend = Math.Round(spendPerNight * days * 1.1m / 1000m) * 1000m, Rooms = (int)Math.Round(roomsPerNight * days * 1.1m), Guests = (int)Math.Round(guestsPerNight * days * 1.1m),
            });
        }
        await db.SaveChangesAsync();

        // Each freeze reads the night's figures and adds its snapshot: nothing tracked is changed meanwhile.
        using (demo.AddingOnly())
            foreach (var night in nights.Select(x => x.Day).Order()) await Snapshots.FreezeAsync(db, before, night);

        var amended = before.Today.AddDays(-3);
        var snapshot = await db.ReportSnapshots.SingleOrDefaultAsync(s => s.VenueId == venue && s.BusinessDay == amended);
        var session = await db.RoomSessions.Where(s => s.VenueId == venue && s.BusinessDay == amended && s.ClosedAt != null).OrderBy(s => s.OpenedAt).FirstOrDefaultAsync();
        var cashier = await db.Users.Where(u => u.VenueId == venue && u.UserName!.StartsWith("c")).OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync();
        if (snapshot is null || session is null || cashier is null) return;
        var (oldSpend, newSpend) = (session.Spend, session.Spend + 380m);
        session.Spend = newSpend;
        db.AuditEntries.Add(new AuditEntry
        {
            VenueId = venue, At = demo.Now.AddMinutes(-10), ActorId = cashier.Id, ActorBadge = cashier.UserName!, Action = "session.spend",
            EntityType = nameof(RoomSession), EntityId = session.Id.ToString(),
            Before = JsonSerializer.Serialize(new { Spend = oldSpend }), After = JsonSerializer.Serialize(new { Spend = newSpend }),
        });
        await db.SaveChangesAsync();
        await Snapshots.AmendAsync(db, VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults), snapshot);
    }
}
