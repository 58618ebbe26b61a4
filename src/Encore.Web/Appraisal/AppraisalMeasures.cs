using Encore.Web.Performance;
using Encore.Web.Staff;

namespace Encore.Web.Appraisals;

/// <summary>
/// What Encore measures of a person over a period from its own data, each on the scale a template's item reads
/// (null when there is nothing to measure: the supervisor then scores that item by hand):
/// <list type="bullet">
/// <item>spendAttainment / roomsAttainment: signed spend (rooms) ÷ target × 100 over the period's months, from the
/// month standings (signed cards only, the person's own target or the house rule's); null for a person who earns on no card.</item>
/// <item>newCustomers: customer files the person filed ÷ (the house-rule monthly quota <c>performance.newCustomersPerMonth</c> × months) × 100.</item>
/// <item>satisfaction (0–100): every 1–5 rating about the person in the period, pooled, averaged and mapped 1 → 0, 5 → 100
/// (<see cref="AppraisalFlow.RatingToScore"/>): return visits to their customers (by when done), the guests' own ratings
/// of sessions credited to them, and the guests' satisfaction with the resolution of complaints they were the manager
/// of (both by business day).</item>
/// <item>retention: of the distinct customers the person owns who had a closed room session (through a booking) in the
/// previous period of the same kind, the share (× 100) who had one in this period; null when there were none.</item>
/// <item>complaints: complaints whose manager was the person, per month of the period (by business day).</item>
/// <item>fines: the amount of the person's fines that stand (confirmed or upheld), per month of the period.</item>
/// <item>attendance: of the nights on the attendance record (signed in or absent), the share (× 100) neither late nor absent.</item>
/// <item>diary: of the nights a diary was owed (a diary keeper signed in) and already due, the share (× 100) submitted in time.</item>
/// </list>
/// The one place these are measured: the appraisal, the review flags of GET /api/performance, and later the rankings and
/// the training effect read them here.
/// </summary>
public static class AppraisalMeasures
{
    public sealed record Measures(decimal? SpendAttainment, decimal? RoomsAttainment, decimal? NewCustomers, decimal? Satisfaction,
        decimal? Retention, decimal? Complaints, decimal? Fines, decimal? Attendance, decimal? Diary)
    {
        public decimal? Of(string source) => source switch
        {
            AppraisalSources.SpendAttainment => SpendAttainment,
            AppraisalSources.RoomsAttainment => RoomsAttainment,
            AppraisalSources.NewCustomers => NewCustomers,
            AppraisalSources.Satisfaction => Satisfaction,
            AppraisalSources.Retention => Retention,
            AppraisalSources.Complaints => Complaints,
            AppraisalSources.Fines => Fines,
            AppraisalSources.Attendance => Attendance,
            AppraisalSources.Diary => Diary,
            _ => null,
        };
    }

    private static decimal Pct(decimal part, decimal whole) => decimal.Round(part / whole * 100m, 2, MidpointRounding.AwayFromZero);

    public static async Task<Measures> MeasureAsync(EncoreDb db, VenueNow at, Guid staffId, AppraisalPeriod period)
    {
        var venue = at.VenueId;
        var (first, next) = (period.First, period.Next);
        var (start, end) = (BusinessDay.Start(first, at.Zone, at.Cutoff), BusinessDay.Start(next, at.Zone, at.Cutoff));
        var badge = await db.Users.Where(u => u.Id == staffId).Select(u => u.UserName!).SingleAsync();

        // Spend and rooms: the month standings of each month begun so far.
        decimal spend = 0, targetSpend = 0;
        int rooms = 0, targetRooms = 0;
        var earns = false;
        foreach (var month in period.MonthFirsts().Where(m => m <= at.Today))
        {
            var row = (await StandingsBySql.OfAsync(db, at, month)).FirstOrDefault(s => s.Badge == badge);
            if (row is null) continue;
            earns = true;
            (spend, targetSpend, rooms, targetRooms) = (spend + row.Spend, targetSpend + row.TargetSpend, rooms + row.Rooms, targetRooms + row.TargetRooms);
        }
        decimal? spendAttainment = earns && targetSpend > 0 ? Pct(spend, targetSpend) : null;
        decimal? roomsAttainment = earns && targetRooms > 0 ? Pct(rooms, targetRooms) : null;

        var filed = await db.Customers.CountAsync(c => c.VenueId == venue && c.OwnerId == staffId && c.CreatedAt >= start && c.CreatedAt < end);
        var quota = at.Rules.Performance.NewCustomersPerMonth * period.Months;
        decimal? newCustomers = quota > 0 ? Pct(filed, quota) : null;

        var satisfaction = (await SatisfactionAsync(db, at, [staffId], period)).GetValueOrDefault(staffId);
        var retention = await RetentionAsync(db, venue, staffId, period);

        var complaints = await db.Complaints.CountAsync(c => c.VenueId == venue && c.ManagerId == staffId && c.BusinessDay >= first && c.BusinessDay < next);
        var fines = (await db.Violations.Where(v => v.VenueId == venue && v.StaffId == staffId && v.BusinessDay >= first && v.BusinessDay < next
                && (v.Status == ViolationStatus.Confirmed || v.Status == ViolationStatus.Upheld))
            .Select(v => v.Amount).ToListAsync()).Sum();

        var nights = await db.AttendanceDays.Where(d => d.VenueId == venue && d.StaffId == staffId && d.BusinessDay >= first && d.BusinessDay < next
                && (d.SignedInAt != null || d.Absent))
            .Select(d => new { d.BusinessDay, d.Late, d.Absent, SignedIn = d.SignedInAt != null }).ToListAsync();
        decimal? attendance = nights.Count > 0 ? Pct(nights.Count(n => !n.Late && !n.Absent), nights.Count) : null;

        decimal? diary = null;
        var keeps = await db.Holding(venue, Capability.KeepDiary).AnyAsync(u => u.Id == staffId);
        if (keeps)
        {
            var owed = nights.Where(n => n.SignedIn && DiaryPolicy.DueAt(n.BusinessDay, at.Rules) <= at.Now).Select(n => n.BusinessDay).ToList();
            if (owed.Count > 0)
            {
                var submitted = await db.DiaryEntries.Where(e => e.StaffId == staffId && e.BusinessDay >= first && e.BusinessDay < next && e.SubmittedAt != null)
                    .Select(e => new { e.BusinessDay, e.SubmittedAt }).ToListAsync();
                var inTime = submitted.Where(e => !DiaryPolicy.SubmittedLate(e.BusinessDay, e.SubmittedAt, at.Rules)).Select(e => e.BusinessDay).ToHashSet();
                diary = Pct(owed.Count(inTime.Contains), owed.Count);
            }
        }

        return new Measures(spendAttainment, roomsAttainment, newCustomers, satisfaction, retention,
            decimal.Round((decimal)complaints / period.Months, 2, MidpointRounding.AwayFromZero),
            decimal.Round(fines / period.Months, 2, MidpointRounding.AwayFromZero), attendance, diary);
    }

    /// <summary>One person's ratings of one kind over a period: their sum and how many (a rating is 1–5).</summary>
    public sealed record Ratings(Guid Id, int Sum, int Count);

    /// <summary>
    /// The satisfaction (0–100) of several people over a period, as <see cref="MeasureAsync"/> measures it: three grouped
    /// queries whatever the number of people. A person with no rating at all is left out (nothing to measure).
    /// </summary>
    public static async Task<Dictionary<Guid, decimal>> SatisfactionAsync(EncoreDb db, VenueNow at, IReadOnlyCollection<Guid> staff, AppraisalPeriod period)
    {
        var venue = at.VenueId;
        var (first, next) = (period.First, period.Next);
        var ids = staff.ToList();
        var guests = await (from r in db.Set<GuestRating>()
                            join s in db.RoomSessions on r.SessionId equals s.Id
                            where r.VenueId == venue && s.CreditedToId != null && ids.Contains(s.CreditedToId.Value) && s.BusinessDay >= first && s.BusinessDay < next
                            group r by s.CreditedToId!.Value into g
                            select new Ratings(g.Key, g.Sum(r => r.Rating), g.Count())).ToListAsync();
        var complaints = await db.Complaints
            .Where(c => c.VenueId == venue && c.ManagerId != null && ids.Contains(c.ManagerId.Value) && c.Satisfaction != null && c.BusinessDay >= first && c.BusinessDay < next)
            .GroupBy(c => c.ManagerId!.Value).Select(g => new Ratings(g.Key, g.Sum(c => c.Satisfaction!.Value), g.Count())).ToListAsync();
        return await SatisfactionAsync(db, at, ids, period, guests.Concat(complaints));
    }

    /// <summary>
    /// The same, given the guests' ratings and the complaint resolutions' ratings already read (the month standings read
    /// them for their own columns): only the return visits are read here.
    /// </summary>
    public static async Task<Dictionary<Guid, decimal>> SatisfactionAsync(EncoreDb db, VenueNow at, IReadOnlyCollection<Guid> staff, AppraisalPeriod period,
        IEnumerable<Ratings> guestsAndComplaints)
    {
        var venue = at.VenueId;
        var (start, end) = (BusinessDay.Start(period.First, at.Zone, at.Cutoff), BusinessDay.Start(period.Next, at.Zone, at.Cutoff));
        var ids = staff.ToList();
        var visits = await db.ReturnVisits
            .Where(r => r.VenueId == venue && ids.Contains(r.OwnerId) && r.Satisfaction != null && r.DoneAt >= start && r.DoneAt < end)
            .GroupBy(r => r.OwnerId).Select(g => new Ratings(g.Key, g.Sum(r => r.Satisfaction!.Value), g.Count())).ToListAsync();
        return Satisfaction(ids, visits.Concat(guestsAndComplaints));
    }

    /// <summary>
    /// The satisfaction (0–100) of <paramref name="staff"/> from all three kinds of ratings (return visits, guests,
    /// complaint resolutions) of the period, already read: each rating weighs the same, whatever its kind.
    /// </summary>
    public static Dictionary<Guid, decimal> Satisfaction(IReadOnlyCollection<Guid> staff, IEnumerable<Ratings> all)
    {
        var mine = staff.ToHashSet();
        return all.Where(x => x.Count > 0 && mine.Contains(x.Id)).GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => decimal.Round(AppraisalFlow.RatingToScore((decimal)g.Sum(x => x.Sum) / g.Sum(x => x.Count)), 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>The distinct customers owned by the person with a closed session (through their booking) in [first, next).</summary>
    private static async Task<HashSet<Guid>> VisitorsAsync(EncoreDb db, Guid venue, Guid staffId, DateOnly first, DateOnly next) =>
        (await (from s in db.RoomSessions
                join b in db.Bookings on s.BookingId equals b.Id
                join c in db.Customers on b.CustomerId equals c.Id
                where s.VenueId == venue && s.ClosedAt != null && s.BusinessDay >= first && s.BusinessDay < next && c.OwnerId == staffId
                select c.Id).Distinct().ToListAsync()).ToHashSet();

    private static async Task<decimal?> RetentionAsync(EncoreDb db, Guid venue, Guid staffId, AppraisalPeriod period)
    {
        var previous = period.Previous();
        var before = await VisitorsAsync(db, venue, staffId, previous.First, previous.Next);
        if (before.Count == 0) return null;
        var now = await VisitorsAsync(db, venue, staffId, period.First, period.Next);
        return Pct(before.Count(now.Contains), before.Count);
    }
}
