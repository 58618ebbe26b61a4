using Rules = Encore.Domain.HouseRules;

namespace Encore.Web.Reports;

public sealed record BookingFigures(int Made, int Arrived, int Lapsed, int Cancelled, int Cheating);

public sealed record ManagerFigures(string Badge, string Name, int Rooms, int Sessions, int Guests, decimal Spend, decimal Discounts, decimal Comps, int WalkIns);

public sealed record RoomTypeFigures(string RoomType, int RoomsOpen, int Rooms, int Sessions, decimal Spend, double RoomHoursSold, decimal Occupancy);

public sealed record HourFigures(string Hour, decimal Occupancy);

public sealed record AttendanceFigures(int SignedIn, int Late, int Absent);

public sealed record FineFigures(int Count, decimal Amount);

/// <summary>
/// One business day's figures (the 营业日报), as GET /api/reports/daily answers them and as a frozen snapshot
/// stores them (JSON). What each figure counts:
/// <list type="bullet">
/// <item>rooms: rooms with at least one session that day; sessions: the sessions opened that business day.</item>
/// <item>spend, roomCharges, discounts, comps: sums over the day's sessions; discountShare and compShare divide by spend.</item>
/// <item>walkIns: sessions opened for walk-ins; bookedSessions: sessions opened for a booking.</item>
/// <item>bookings: the bookings for that night (their business day): made (all), arrived (the guest came: arrived or
/// completed), lapsed, cancelled, cheating (bookings whose arrival verification failed at the desk).</item>
/// <item>occupancy = room-hours sold ÷ room-hours open. Open: every room of the venue × the opening hours of the house
/// rules (OpensAt → ClosesAt of the night). The venue keeps no history of when a room was out of service, so a room under
/// repair counts as open: occupancy is the share of the whole house sold. Sold: each session's time inside the opening
/// hours (a session still open counts up to now).</item>
/// <item>byHour: the same share for each hour from the opening time (the last slot may be shorter).</item>
/// <item>attendance: attendance rows of the day signed in, late, absent; fines: the day's fines not dismissed or
/// overturned; vipArrivals: sessions whose booking's customer holds a VIP level; complaints: complaints of the day.</item>
/// </list>
/// </summary>
public sealed record DayFigures(
    DateOnly BusinessDay, int Rooms, int Sessions, decimal Occupancy, decimal Spend, decimal RoomCharges, decimal Discounts, decimal Comps,
    decimal DiscountShare, decimal CompShare, int WalkIns, int BookedSessions, int Guests, decimal SpendPerRoom, decimal SpendPerGuest,
    BookingFigures Bookings, List<ManagerFigures> ByManager, List<RoomTypeFigures> ByRoomType, List<HourFigures> ByHour,
    AttendanceFigures Attendance, FineFigures Fines, int VipArrivals, int Complaints, int RoomsOpen, double RoomHoursSold, double RoomHoursOpen)
{
    /// <summary>
    /// The figures a correction can change, flat ("spend", "bookings.arrived", "byManager.m01.spend"): what a frozen day is
    /// compared on to find its amendments. VIP arrivals are left out: the VIP levels are recomputed by the customer sweeper
    /// (unaudited), which is no correction of the night.
    /// </summary>
    public IEnumerable<(string Figure, decimal Value)> Flat()
    {
        yield return ("rooms", Rooms);
        yield return ("sessions", Sessions);
        yield return ("occupancy", Occupancy);
        yield return ("spend", Spend);
        yield return ("roomCharges", RoomCharges);
        yield return ("discounts", Discounts);
        yield return ("comps", Comps);
        yield return ("walkIns", WalkIns);
        yield return ("guests", Guests);
        yield return ("bookings.made", Bookings.Made);
        yield return ("bookings.arrived", Bookings.Arrived);
        yield return ("bookings.lapsed", Bookings.Lapsed);
        yield return ("bookings.cancelled", Bookings.Cancelled);
        yield return ("bookings.cheating", Bookings.Cheating);
        yield return ("fines.count", Fines.Count);
        yield return ("fines.amount", Fines.Amount);
        yield return ("complaints", Complaints);
        foreach (var m in ByManager) yield return ($"byManager.{m.Badge}.spend", m.Spend);
    }
}

/// <summary>
/// The one computation of the daily figures, for one day (the daily report) or a run of days (the monthly report): a
/// handful of queries over the whole range, then grouping in memory. Both reports use it, so a night reads the same
/// in both.
/// </summary>
public static class DailyFigures
{
    public static async Task<DayFigures> OfDayAsync(EncoreDb db, Guid venueId, DateOnly day, Rules rules, TimeZoneInfo zone, DateTimeOffset now) =>
        (await OfDaysAsync(db, venueId, day, day, rules, zone, now)).Days[0];

    public sealed record Range(List<DayFigures> Days, List<ManagerFigures> ByManager);

    /// <summary>Each day from <paramref name="first"/> to <paramref name="last"/>, and the range's figures by manager.</summary>
    public static async Task<Range> OfDaysAsync(EncoreDb db, Guid venueId, DateOnly first, DateOnly last, Rules rules, TimeZoneInfo zone, DateTimeOffset now)
    {
        var sessions = await db.RoomSessions.AsNoTracking().Where(s => s.VenueId == venueId && s.BusinessDay >= first && s.BusinessDay <= last)
            .Select(s => new Session(s.BusinessDay, s.RoomId, s.BookingId, s.WalkIn, s.PartySize, s.CreditedToId, s.OpenedAt, s.ClosedAt, s.RoomCharge, s.Spend, s.Discount, s.CompsValue))
            .ToListAsync();
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.VenueId == venueId).Select(r => new { r.Id, r.Type }).ToListAsync();
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.VenueId == venueId && b.BusinessDay >= first && b.BusinessDay <= last)
            .Select(b => new { b.Id, b.BusinessDay, b.Status, b.ArrivedAt }).ToListAsync();
        var cheating = await db.BookingEvents.AsNoTracking().Where(e => e.VenueId == venueId && e.Kind == "verificationFailed")
            .Join(db.Bookings.Where(b => b.VenueId == venueId && b.BusinessDay >= first && b.BusinessDay <= last), e => e.BookingId, b => b.Id, (e, b) => new { b.Id, b.BusinessDay })
            .Distinct().ToListAsync();
        var vip = await db.RoomSessions.AsNoTracking().Where(s => s.VenueId == venueId && s.BusinessDay >= first && s.BusinessDay <= last && s.BookingId != null)
            .Join(db.Bookings, s => s.BookingId, b => b.Id, (s, b) => new { s.BusinessDay, b.CustomerId })
            .Join(db.Customers.Where(c => c.VipLevel != ""), x => x.CustomerId, c => c.Id, (x, c) => x.BusinessDay).ToListAsync();
        var attendance = await db.AttendanceDays.AsNoTracking().Where(a => a.VenueId == venueId && a.BusinessDay >= first && a.BusinessDay <= last)
            .Select(a => new { a.BusinessDay, SignedIn = a.SignedInAt != null, a.Late, a.Absent }).ToListAsync();
        var fines = await db.Violations.AsNoTracking().Where(v => v.VenueId == venueId && v.BusinessDay >= first && v.BusinessDay <= last
                && v.Status != ViolationStatus.Dismissed && v.Status != ViolationStatus.Overturned)
            .Select(v => new { v.BusinessDay, v.Amount }).ToListAsync();
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.VenueId == venueId && c.BusinessDay >= first && c.BusinessDay <= last)
            .Select(c => c.BusinessDay).ToListAsync();
        var credited = sessions.Where(s => s.CreditedToId != null).Select(s => s.CreditedToId!.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => credited.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (Badge: u.UserName!, Name: u.Name));

        var roomType = rooms.ToDictionary(r => r.Id, r => r.Type);
        var days = new List<DayFigures>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var d = day;
            var opens = BusinessDay.At(d, rules.BusinessDay.OpensAt, zone, rules.BusinessDay.Cutoff);
            var closes = BusinessDay.At(d, rules.BusinessDay.ClosesAt, zone, rules.BusinessDay.Cutoff);
            if (closes <= opens) closes = opens;
            var hoursOpen = (closes - opens).TotalHours;
            var daySessions = sessions.Where(s => s.BusinessDay == d).ToList();
            double Sold(IEnumerable<Session> of, DateTimeOffset from, DateTimeOffset to) =>
                of.Sum(s => Math.Max(0, ((s.ClosedAt ?? now) < to ? (s.ClosedAt ?? now) : to).Subtract(s.OpenedAt > from ? s.OpenedAt : from).TotalMinutes)) / 60;
            var sold = Sold(daySessions, opens, closes);
            var open = rooms.Count * hoursOpen;
            var spend = daySessions.Sum(s => s.Spend);
            var usedRooms = daySessions.Select(s => s.RoomId).Distinct().Count();
            var guests = daySessions.Sum(s => s.PartySize);
            var nightBookings = bookings.Where(b => b.BusinessDay == d).ToList();
            var hours = new List<HourFigures>();
            for (var from = opens; from < closes; from = from.AddHours(1))
            {
                var to = from.AddHours(1) < closes ? from.AddHours(1) : closes;
                hours.Add(new HourFigures(TimeZoneInfo.ConvertTime(from, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
                    HoursShare(Sold(daySessions, from, to), rooms.Count * (to - from).TotalHours)));
            }
            var dayFines = fines.Where(f => f.BusinessDay == d).ToList();
            var dayAttendance = attendance.Where(a => a.BusinessDay == d).ToList();
            days.Add(new DayFigures(d, usedRooms, daySessions.Count, HoursShare(sold, open), spend, daySessions.Sum(s => s.RoomCharge),
                daySessions.Sum(s => s.Discount), daySessions.Sum(s => s.CompsValue), Share(daySessions.Sum(s => s.Discount), spend),
                Share(daySessions.Sum(s => s.CompsValue), spend), daySessions.Count(s => s.WalkIn), daySessions.Count(s => s.BookingId != null), guests,
                Per(spend, usedRooms), Per(spend, guests),
                new BookingFigures(nightBookings.Count, nightBookings.Count(b => b.ArrivedAt != null), nightBookings.Count(b => b.Status == BookingStatus.Lapsed),
                    nightBookings.Count(b => b.Status == BookingStatus.Cancelled), cheating.Count(c => c.BusinessDay == d)),
                ByManager(daySessions, people),
                Enum.GetValues<RoomType>().Where(t => rooms.Any(r => r.Type == t)).Select(t =>
                {
                    var ofType = daySessions.Where(s => roomType.GetValueOrDefault(s.RoomId) == t).ToList();
                    var typeSold = Sold(ofType, opens, closes);
                    var typeRooms = rooms.Count(r => r.Type == t);
                    return new RoomTypeFigures(Code(t), typeRooms, ofType.Select(s => s.RoomId).Distinct().Count(), ofType.Count, ofType.Sum(s => s.Spend),
                        Math.Round(typeSold, 2), HoursShare(typeSold, typeRooms * hoursOpen));
                }).ToList(),
                hours,
                new AttendanceFigures(dayAttendance.Count(a => a.SignedIn), dayAttendance.Count(a => a.Late), dayAttendance.Count(a => a.Absent)),
                new FineFigures(dayFines.Count, dayFines.Sum(f => f.Amount)), vip.Count(v => v == d), complaints.Count(c => c == d),
                rooms.Count, Math.Round(sold, 2), Math.Round(open, 2)));
        }
        return new Range(days, ByManager(sessions, people));
    }

    public static string Code(RoomType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>A share rounded to four places (a tenth of a percent and one more), 0 when there is nothing to share.</summary>
    public static decimal Share(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part / whole, 4, MidpointRounding.AwayFromZero);

    public static decimal HoursShare(double part, double whole) => whole <= 0 ? 0 : Math.Round((decimal)(part / whole), 4, MidpointRounding.AwayFromZero);

    /// <summary>An average in yuan (spend per room, per guest), 0 when there is nothing to divide by.</summary>
    public static decimal Per(decimal total, int count) => count == 0 ? 0 : Math.Round(total / count, 2, MidpointRounding.AwayFromZero);

    private sealed record Session(DateOnly BusinessDay, Guid RoomId, Guid? BookingId, bool WalkIn, int PartySize, Guid? CreditedToId,
        DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, decimal RoomCharge, decimal Spend, decimal Discount, decimal CompsValue);

    /// <summary>By the credited manager, most spend first; walk-ins nobody was given are the row with an empty badge.</summary>
    private static List<ManagerFigures> ByManager(IEnumerable<Session> sessions, Dictionary<Guid, (string Badge, string Name)> people) =>
        sessions.GroupBy(s => s.CreditedToId).Select(g =>
        {
            var who = g.Key is { } id && people.TryGetValue(id, out var p) ? p : ("", "");
            return new ManagerFigures(who.Item1, who.Item2, g.Select(s => (s.BusinessDay, s.RoomId)).Distinct().Count(), g.Count(), g.Sum(s => s.PartySize), g.Sum(s => s.Spend),
                g.Sum(s => s.Discount), g.Sum(s => s.CompsValue), g.Count(s => s.WalkIn));
        }).OrderByDescending(m => m.Spend).ThenBy(m => m.Badge, StringComparer.Ordinal).ToList();
}
