namespace Encore.Web.Performance;

/// <summary>
/// The month's standings computed in memory from the rows themselves (every closed session, signed card and cancelled
/// day of the month and of the review months before it): how GET /api/performance answered before issue 15. It stays
/// as the reference the database path (<see cref="StandingsBySql"/>) is checked against — by the web tests and by the
/// bench's standings figure on the same data — and is chosen only by configuration (ENCORE_STANDINGS=rows, see
/// <see cref="StandingsSettings"/>), never by a request.
/// </summary>
public static class StandingsByRows
{
    public static async Task<List<Domain.Standings.Standing>> OfAsync(EncoreDb db, VenueNow at, DateOnly first, IReadOnlyList<Domain.Standings.Earner> earners)
    {
        var from = Domain.Standings.From(first, at.Rules);
        var to = first.AddMonths(1);
        var sessions = await db.RoomSessions
            .Where(s => s.VenueId == at.VenueId && s.ClosedAt != null && s.CreditedToId != null && s.BusinessDay >= from && s.BusinessDay < to)
            .Select(s => new Domain.Standings.Session(s.CreditedToId!.Value, s.BusinessDay, s.Spend, s.Discount, s.CompsValue))
            .ToListAsync();
        var signed = (await db.PerformanceCards.Where(c => c.VenueId == at.VenueId && c.BusinessDay >= from && c.BusinessDay < to)
            .Select(c => new { c.StaffId, c.BusinessDay }).ToListAsync()).Select(c => (c.StaffId, c.BusinessDay)).ToList();
        var cancelled = (await db.AttendanceDays.Where(d => d.VenueId == at.VenueId && d.PerformanceCancelled && d.BusinessDay >= from && d.BusinessDay < to)
            .Select(d => new { d.StaffId, d.BusinessDay }).ToListAsync()).Select(d => (d.StaffId, d.BusinessDay)).ToList();
        // A confirmed suspension's days earn no performance, like a day cancelled by lateness (the same path).
        cancelled.AddRange(await Discipline.Suspensions.DaysAsync(db, at.VenueId, from, to, at.Rules));
        var targets = await db.MonthlyTargets.Where(t => t.VenueId == at.VenueId)
            .Select(t => new Domain.Standings.MonthTarget(t.StaffId, t.Month, t.Spend, t.Rooms)).ToListAsync();
        var (monthStart, monthEnd) = StandingsSettings.Instants(at, first);
        var newCustomers = await Customers.CustomerFiles.NewPerOwnerAsync(db, at.VenueId, monthStart, monthEnd);
        var ratings = (await db.ReturnVisits.Where(r => r.VenueId == at.VenueId && r.Satisfaction != null && r.DoneAt >= monthStart && r.DoneAt < monthEnd)
                .Select(r => new { r.OwnerId, r.Satisfaction }).ToListAsync())
            .Select(r => new Domain.Standings.Rating(r.OwnerId, r.Satisfaction!.Value)).ToList();

        var facts = new Domain.Standings.Facts(earners, sessions, signed, cancelled, targets, newCustomers, ratings);
        return Domain.Standings.Of(first, at.Today, facts, at.Rules);
    }
}
