using System.Text;
using Microsoft.EntityFrameworkCore.Storage;
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
/// The one computation of the daily figures, for one day (the daily report, its snapshot) or a run of days (the monthly
/// report): the database sums them (issue 19's bench: loading a month's rows through EF and grouping them here took about
/// ten times the hand SQL), by night and by credited manager, with the room-hours sold clipped to each night's opening hours
/// in SQL too (<see cref="SessionFiguresAsync"/>). Only a single day's hour-by-hour occupancy reads rows: the night's
/// sessions' opening and closing instants. Both reports use it, so a night reads the same in both.
/// </summary>
public static class DailyFigures
{
    public static async Task<DayFigures> OfDayAsync(EncoreDb db, Guid venueId, DateOnly day, Rules rules, TimeZoneInfo zone, DateTimeOffset now) =>
        (await OfDaysAsync(db, venueId, day, day, rules, zone, now)).Days[0];

    public sealed record Range(List<DayFigures> Days, List<ManagerFigures> ByManager);

    /// <summary>
    /// Each day from <paramref name="first"/> to <paramref name="last"/>, and the range's figures by manager. The managers, the
    /// room types and the hours of the night are broken down for a single day only (the daily report); a range's days leave
    /// them empty (the monthly report reads the range's managers).
    /// </summary>
    public static async Task<Range> OfDaysAsync(EncoreDb db, Guid venueId, DateOnly first, DateOnly last, Rules rules, TimeZoneInfo zone, DateTimeOffset now)
    {
        var detail = first == last;
        var nights = new List<Night>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var opens = BusinessDay.At(day, rules.BusinessDay.OpensAt, zone, rules.BusinessDay.Cutoff);
            var closes = BusinessDay.At(day, rules.BusinessDay.ClosesAt, zone, rules.BusinessDay.Cutoff);
            nights.Add(new Night(day, opens, closes <= opens ? opens : closes));
        }
        var sessions = db.RoomSessions.AsNoTracking().Where(s => s.VenueId == venueId && s.BusinessDay >= first && s.BusinessDay <= last);
        var (byNight, managers) = await SessionFiguresAsync(db, venueId, nights, detail, now);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.VenueId == venueId).GroupBy(r => r.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(r => r.Type, r => r.Count);
        var roomCount = rooms.Values.Sum();
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.VenueId == venueId && b.BusinessDay >= first && b.BusinessDay <= last).GroupBy(b => b.BusinessDay)
            .Select(g => new
            {
                Day = g.Key, Made = g.Count(), Arrived = g.Count(b => b.ArrivedAt != null), Lapsed = g.Count(b => b.Status == BookingStatus.Lapsed),
                Cancelled = g.Count(b => b.Status == BookingStatus.Cancelled),
            }).ToDictionaryAsync(b => b.Day);
        var cheating = await db.Bookings.Where(b => b.VenueId == venueId && b.BusinessDay >= first && b.BusinessDay <= last
                && db.BookingEvents.Any(e => e.BookingId == b.Id && e.Kind == "verificationFailed"))
            .GroupBy(b => b.BusinessDay).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(c => c.Day, c => c.Count);
        var vip = await sessions.Where(s => s.BookingId != null)
            .Join(db.Bookings, s => s.BookingId, b => b.Id, (s, b) => new { s.BusinessDay, b.CustomerId })
            .Join(db.Customers.Where(c => c.VipLevel != ""), x => x.CustomerId, c => c.Id, (x, c) => x.BusinessDay)
            .GroupBy(d => d).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(v => v.Day, v => v.Count);
        var attendance = await db.AttendanceDays.AsNoTracking().Where(a => a.VenueId == venueId && a.BusinessDay >= first && a.BusinessDay <= last)
            .GroupBy(a => a.BusinessDay).Select(g => new { Day = g.Key, SignedIn = g.Count(a => a.SignedInAt != null), Late = g.Count(a => a.Late), Absent = g.Count(a => a.Absent) })
            .ToDictionaryAsync(a => a.Day, a => new AttendanceFigures(a.SignedIn, a.Late, a.Absent));
        var fines = await db.Violations.AsNoTracking().Where(v => v.VenueId == venueId && v.BusinessDay >= first && v.BusinessDay <= last
                && v.Status != ViolationStatus.Dismissed && v.Status != ViolationStatus.Overturned)
            .GroupBy(v => v.BusinessDay).Select(g => new { Day = g.Key, Count = g.Count(), Amount = g.Sum(v => v.Amount) })
            .ToDictionaryAsync(f => f.Day, f => new FineFigures(f.Count, f.Amount));
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.VenueId == venueId && c.BusinessDay >= first && c.BusinessDay <= last)
            .GroupBy(c => c.BusinessDay).Select(g => new { Day = g.Key, Count = g.Count() }).ToDictionaryAsync(c => c.Day, c => c.Count);
        var credited = managers.Where(m => m.CreditedToId != null).Select(m => m.CreditedToId!.Value).ToList();
        var people = await db.Users.AsNoTracking().Where(u => credited.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (Badge: u.UserName!, Name: u.Name));
        var spans = detail ? await sessions.Select(s => new Span(s.OpenedAt, s.ClosedAt)).ToListAsync() : [];

        var days = new List<DayFigures>();
        foreach (var night in nights)
        {
            var d = night.Day;
            var types = byNight.Where(x => x.Day == d).ToList();
            var (spend, guests, usedRooms) = (types.Sum(x => x.Spend), types.Sum(x => x.Guests), types.Sum(x => x.Rooms));
            var (discounts, comps) = (types.Sum(x => x.Discounts), types.Sum(x => x.Comps));
            var hoursOpen = (night.Closes - night.Opens).TotalHours;
            var daySold = types.Sum(x => x.Hours);
            var b = bookings.GetValueOrDefault(d);
            var hours = new List<HourFigures>();
            if (detail)
                for (var from = night.Opens; from < night.Closes; from = from.AddHours(1))
                {
                    var to = from.AddHours(1) < night.Closes ? from.AddHours(1) : night.Closes;
                    hours.Add(new HourFigures(TimeZoneInfo.ConvertTime(from, zone).ToString("HH:mm", CultureInfo.InvariantCulture),
                        HoursShare(spans.Sum(s => s.HoursWithin(from, to, now)), roomCount * (to - from).TotalHours)));
                }
            var roomTypes = !detail ? [] : Enum.GetValues<RoomType>().Where(rooms.ContainsKey).Select(type =>
            {
                var row = types.FirstOrDefault(r => r.Type == type.ToString());
                return new RoomTypeFigures(Code(type), rooms[type], row?.Rooms ?? 0, row?.Sessions ?? 0, row?.Spend ?? 0, Math.Round(row?.Hours ?? 0, 2),
                    HoursShare(row?.Hours ?? 0, rooms[type] * hoursOpen));
            }).ToList();
            days.Add(new DayFigures(d, usedRooms, types.Sum(x => x.Sessions), HoursShare(daySold, roomCount * hoursOpen), spend, types.Sum(x => x.RoomCharges),
                discounts, comps, Share(discounts, spend), Share(comps, spend), types.Sum(x => x.WalkIns), types.Sum(x => x.Booked), guests,
                Per(spend, usedRooms), Per(spend, guests),
                new BookingFigures(b?.Made ?? 0, b?.Arrived ?? 0, b?.Lapsed ?? 0, b?.Cancelled ?? 0, cheating.GetValueOrDefault(d)),
                detail ? ByManager(managers, people) : [], roomTypes, hours,
                attendance.GetValueOrDefault(d) ?? new AttendanceFigures(0, 0, 0), fines.GetValueOrDefault(d) ?? new FineFigures(0, 0),
                vip.GetValueOrDefault(d), complaints.GetValueOrDefault(d), roomCount, Math.Round(daySold, 2), Math.Round(roomCount * hoursOpen, 2)));
        }
        return new Range(days, ByManager(managers, people));
    }

    public static string Code(RoomType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ToString());

    /// <summary>A share rounded to four places (a tenth of a percent and one more), 0 when there is nothing to share.</summary>
    public static decimal Share(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part / whole, 4, MidpointRounding.AwayFromZero);

    public static decimal HoursShare(double part, double whole) => whole <= 0 ? 0 : Math.Round((decimal)(part / whole), 4, MidpointRounding.AwayFromZero);

    /// <summary>An average in yuan (spend per room, per guest), 0 when there is nothing to divide by.</summary>
    public static decimal Per(decimal total, int count) => count == 0 ? 0 : Math.Round(total / count, 2, MidpointRounding.AwayFromZero);

    /// <summary>A business day's opening hours: room-hours are sold and open only inside them.</summary>
    private sealed record Night(DateOnly Day, DateTimeOffset Opens, DateTimeOffset Closes);

    /// <summary>The range's sessions credited to one manager (null: walk-ins nobody was given); rooms are (night, room) pairs.</summary>
    private sealed record ManagerRow(Guid? CreditedToId, int Rooms, int Sessions, int Guests, decimal Spend, decimal Discounts, decimal Comps, int WalkIns);

    /// <summary>A night's sessions (of one room type, for a single day's detail): the rooms used, the money and counts, and the room-hours sold.</summary>
    private sealed record NightRow(DateOnly Day, string Type, int Rooms, int Sessions, int Guests, decimal Spend, decimal RoomCharges, decimal Discounts,
        decimal Comps, int WalkIns, int Booked, double Hours);

    /// <summary>A session's time on the floor (still open: up to now).</summary>
    private sealed record Span(DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt)
    {
        public double HoursWithin(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
        {
            var end = ClosedAt ?? now;
            return Math.Max(0, ((end < to ? end : to) - (OpenedAt > from ? OpenedAt : from)).TotalMinutes) / 60;
        }
    }

    /// <summary>
    /// The range's sessions summed by the database in one round trip: by night (and room type, for a single day's detail) with
    /// the room-hours sold (each session's time inside its night's opening hours, a session still open counting up to now),
    /// and by credited manager. The nights' opening hours go in as a VALUES list, so a zone's change of offset (daylight
    /// saving) is each night's own. SQL by provider: SQLite keeps instants as Unix milliseconds, money as fen and GUIDs as
    /// upper-case text (EncoreDb.ConfigureConventions); PostgreSQL has timestamptz, numeric, uuid and boolean.
    /// </summary>
    private static async Task<(List<NightRow> Nights, List<ManagerRow> Managers)> SessionFiguresAsync(EncoreDb db, Guid venueId, List<Night> nights, bool byType,
        DateTimeOffset now)
    {
        var sqlite = db.IsSqlite;
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            void Add(string name, object value)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            object Instant(DateTimeOffset at) => sqlite ? at.ToUnixTimeMilliseconds() : at.UtcDateTime;
            object Day(DateOnly day) => sqlite ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day;
            var values = new StringBuilder();
            for (var i = 0; i < nights.Count; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append(sqlite ? $"(@d{i}, @o{i}, @c{i})" : $"(@d{i}::date, @o{i}::timestamptz, @c{i}::timestamptz)");
                Add($"@d{i}", Day(nights[i].Day));
                Add($"@o{i}", Instant(nights[i].Opens));
                Add($"@c{i}", Instant(nights[i].Closes));
            }
            Add("@venue", sqlite ? venueId.ToString().ToUpperInvariant() : venueId);
            Add("@now", Instant(now));
            // The nights' range again on the sessions themselves: the (venue, business day) index then reads only them.
            Add("@first", Day(nights[0].Day));
            Add("@last", Day(nights[^1].Day));
            var (type, join, group) = byType ? (", r.\"Type\"", "JOIN rooms r ON r.\"Id\" = s.\"RoomId\"", ", r.\"Type\"") : (", ''", "", "");
            command.CommandText = sqlite
                ? $"""
                  WITH night(day, opens, closes) AS (VALUES {values})
                  SELECT s."BusinessDay"{type}, COUNT(DISTINCT s."RoomId"), COUNT(*), SUM(s."PartySize"), SUM(s."Spend"), SUM(s."RoomCharge"), SUM(s."Discount"),
                         SUM(s."CompsValue"), SUM(s."WalkIn"), COUNT(s."BookingId"),
                         SUM(MAX(0, MIN(COALESCE(s."ClosedAt", @now), n.closes) - MAX(s."OpenedAt", n.opens))) / 3600000.0
                  FROM room_sessions s JOIN night n ON n.day = s."BusinessDay" {join}
                  WHERE s."VenueId" = @venue AND s."BusinessDay" >= @first AND s."BusinessDay" <= @last GROUP BY s."BusinessDay"{group};
                  SELECT s."CreditedToId", COUNT(DISTINCT s."BusinessDay" || s."RoomId"), COUNT(*), SUM(s."PartySize"), SUM(s."Spend"), SUM(s."Discount"),
                         SUM(s."CompsValue"), SUM(s."WalkIn")
                  FROM room_sessions s WHERE s."VenueId" = @venue AND s."BusinessDay" >= @first AND s."BusinessDay" <= @last GROUP BY s."CreditedToId";
                  """
                : $"""
                  WITH night(day, opens, closes) AS (VALUES {values})
                  SELECT s."BusinessDay"{type}, COUNT(DISTINCT s."RoomId"), COUNT(*), SUM(s."PartySize"), SUM(s."Spend"), SUM(s."RoomCharge"), SUM(s."Discount"),
                         SUM(s."CompsValue"), COUNT(*) FILTER (WHERE s."WalkIn"), COUNT(s."BookingId"),
                         SUM(GREATEST(0, EXTRACT(EPOCH FROM LEAST(COALESCE(s."ClosedAt", @now), n.closes) - GREATEST(s."OpenedAt", n.opens)))) / 3600.0
                  FROM room_sessions s JOIN night n ON n.day = s."BusinessDay" {join}
                  WHERE s."VenueId" = @venue AND s."BusinessDay" >= @first AND s."BusinessDay" <= @last GROUP BY s."BusinessDay"{group};
                  SELECT s."CreditedToId", COUNT(DISTINCT s."BusinessDay"::text || s."RoomId"::text), COUNT(*), SUM(s."PartySize"), SUM(s."Spend"), SUM(s."Discount"),
                         SUM(s."CompsValue"), COUNT(*) FILTER (WHERE s."WalkIn")
                  FROM room_sessions s WHERE s."VenueId" = @venue AND s."BusinessDay" >= @first AND s."BusinessDay" <= @last GROUP BY s."CreditedToId";
                  """;
            await using var reader = await command.ExecuteReaderAsync();
            int Int(int i) => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
            decimal Money(int i) => sqlite ? reader.GetInt64(i) / 100m : reader.GetDecimal(i);
            var byNight = new List<NightRow>();
            while (await reader.ReadAsync())
                byNight.Add(new NightRow(sqlite ? DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture) : reader.GetFieldValue<DateOnly>(0),
                    reader.GetString(1), Int(2), Int(3), Int(4), Money(5), Money(6), Money(7), Money(8), Int(9), Int(10),
                    reader.IsDBNull(11) ? 0 : Convert.ToDouble(reader.GetValue(11), CultureInfo.InvariantCulture)));
            await reader.NextResultAsync();
            var managers = new List<ManagerRow>();
            while (await reader.ReadAsync())
                managers.Add(new ManagerRow(reader.IsDBNull(0) ? null : sqlite ? Guid.Parse(reader.GetString(0)) : reader.GetGuid(0),
                    Int(1), Int(2), Int(3), Money(4), Money(5), Money(6), Int(7)));
            return (byNight, managers);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>By the credited manager, most spend first; walk-ins nobody was given are the row with an empty badge.</summary>
    private static List<ManagerFigures> ByManager(IEnumerable<ManagerRow> managers, Dictionary<Guid, (string Badge, string Name)> people) =>
        managers.Select(m =>
        {
            var who = m.CreditedToId is { } id && people.TryGetValue(id, out var p) ? p : ("", "");
            return new ManagerFigures(who.Item1, who.Item2, m.Rooms, m.Sessions, m.Guests, m.Spend, m.Discounts, m.Comps, m.WalkIns);
        }).OrderByDescending(m => m.Spend).ThenBy(m => m.Badge, StringComparer.Ordinal).ToList();
}
