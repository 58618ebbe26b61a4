using Encore.Domain;
using CustomerRules = Encore.Web.Customers.CustomerRules;

namespace Encore.Web.Reports;

/// <summary>A figure above its house-rule threshold: <c>kind</c> is lapseRate, lateCancelRate, mismatches or outOfTurn.</summary>
public sealed record IntegrityFlag(string Kind, decimal Figure, decimal Threshold);

/// <summary>
/// One booker's month. <c>lapseRate</c> and <c>lateCancelRate</c> are null (not judged) below <c>integrity.minBookings</c>
/// bookings; <c>outOfTurn</c> = <c>grabbed</c> + <c>openedEarly</c>.
/// </summary>
public sealed record IntegrityRow(string Badge, string Name, string Department, int Bookings, int Arrived, int Lapsed, int Cancelled,
    int LateCancelled, int Mismatches, int Grabbed, int OpenedEarly, int OutOfTurn, decimal? LapseRate, decimal? LateCancelRate,
    bool Flagged, List<IntegrityFlag> Flags);

public sealed record IntegrityView(string Month, IntegrityRules Thresholds, List<IntegrityRow> Bookers);

/// <summary>Why a booking counts in a figure: <c>minutes</c> is how long before the arrival it was cancelled (late
/// cancellation) or how long after the booking the guest came (grabbed).</summary>
public sealed record IntegrityReason(string Figure, int? Minutes = null);

/// <summary>A booking behind the figures: the guest's phone always masked (a report on the booker, not a call list).</summary>
public sealed record IntegrityBooking(string ConfirmationCode, string CustomerName, string CustomerPhone, DateOnly BusinessDay,
    DateTimeOffset Arrival, DateTimeOffset CreatedAt, BookingStatus Status, List<IntegrityReason> Counts);

public sealed record IntegrityBookingsView(string Month, string Badge, string Name, IntegrityRow Row, List<IntegrityBooking> Bookings);

/// <summary>
/// The monthly integrity report per booker (issue 19): the signals of fake bookings (带假房: lapses, late
/// cancellations, guests who are not the booked ones) and of room-grabbing (抢房). Definitions, from what is recorded:
/// <list type="bullet">
/// <item><b>bookings</b>: the booker's bookings whose business day is in the month;</item>
/// <item><b>lapsed</b>: still lapsed (the hold ran out and the guest never came; a late guest who came is not counted);</item>
/// <item><b>cancelled</b>; <b>lateCancelled</b>: cancelled less than <c>integrity.lateCancelMinutes</c> before the booked arrival, or after it;</item>
/// <item><b>mismatches</b>: bookings with a failed arrival verification (the desk's "verificationFailed", 作弊), once per booking;</item>
/// <item><b>grabbed</b>: the guest arrived less than <c>integrity.grabMinutes</c> after the booking was made — a walk-in at the
/// door booked to take it out of the rotation (轮房); a booking opened early is not also counted here;</item>
/// <item><b>openedEarly</b>: the room opened by an override before the guest was verified (不允许提前开卡: an "override"
/// event and no "arrived" or "lateArrival" one) — a room taken out of turn.</item>
/// </list>
/// A figure is flagged strictly above its threshold.
/// </summary>
public static class IntegrityReport
{
    public const string LapseRate = "lapseRate", LateCancelRate = "lateCancelRate", Mismatches = "mismatches", OutOfTurn = "outOfTurn";
    public const string Lapsed = "lapsed", Cancelled = "cancelled", LateCancelled = "lateCancelled", Grabbed = "grabbed", OpenedEarly = "openedEarly";

    /// <summary>A booking of the month with what the report reads of it.</summary>
    public sealed record Item(Guid BookerId, string Badge, string Name, string Department, string Code, string CustomerName, string CustomerPhone,
        DateOnly BusinessDay, DateTimeOffset Arrival, DateTimeOffset CreatedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? CancelledAt,
        BookingStatus Status, bool Mismatch, bool OpenedEarly);

    public static async Task<List<Item>> LoadAsync(EncoreDb db, Guid venue, DateOnly first, Guid? booker = null)
    {
        var next = first.AddMonths(1);
        var bookings = db.Bookings.Where(b => b.VenueId == venue && b.BusinessDay >= first && b.BusinessDay < next);
        if (booker is { } only) bookings = bookings.Where(b => b.BookerId == only);
        var rows = await (from b in bookings
                          join u in db.Users on b.BookerId equals u.Id
                          select new
                          {
                              b.Id, b.BookerId, Badge = u.UserName!, u.Name, u.Department, b.ConfirmationCode, b.CustomerName, b.CustomerPhone,
                              b.BusinessDay, b.Arrival, b.CreatedAt, b.ArrivedAt, b.CancelledAt, b.Status,
                          }).ToListAsync();
        var kinds = await (from e in db.BookingEvents
                           join b in bookings on e.BookingId equals b.Id
                           where e.Kind == "verificationFailed" || e.Kind == "override" || e.Kind == "arrived" || e.Kind == "lateArrival"
                           select new { e.BookingId, e.Kind }).Distinct().ToListAsync();
        var byBooking = kinds.ToLookup(k => k.BookingId, k => k.Kind);
        return rows.Select(r =>
        {
            var k = byBooking[r.Id].ToHashSet();
            return new Item(r.BookerId, r.Badge, r.Name, r.Department, r.ConfirmationCode, r.CustomerName, r.CustomerPhone, r.BusinessDay, r.Arrival,
                r.CreatedAt, r.ArrivedAt, r.CancelledAt, r.Status, k.Contains("verificationFailed"),
                k.Contains("override") && !k.Contains("arrived") && !k.Contains("lateArrival"));
        }).ToList();
    }

    /// <summary>What makes one booking count, besides counting as a booking.</summary>
    public static List<IntegrityReason> Reasons(Item b, IntegrityRules rules)
    {
        var reasons = new List<IntegrityReason>();
        if (b.Status == BookingStatus.Lapsed) reasons.Add(new(Lapsed));
        if (b.Status == BookingStatus.Cancelled && b.CancelledAt is { } cancelled)
        {
            reasons.Add(new(Cancelled));
            var before = (b.Arrival - cancelled).TotalMinutes;
            if (before < rules.LateCancelMinutes) reasons.Add(new(LateCancelled, (int)Math.Floor(before)));
        }
        if (b.Mismatch) reasons.Add(new(Mismatches));
        // An override's "arrival" is the opening, not the guest's: such a booking counts as opened early only.
        if (b.ArrivedAt is { } arrived && !b.OpenedEarly && (arrived - b.CreatedAt).TotalMinutes < rules.GrabMinutes)
            reasons.Add(new(Grabbed, (int)Math.Floor((arrived - b.CreatedAt).TotalMinutes)));
        if (b.OpenedEarly) reasons.Add(new(OpenedEarly));
        return reasons;
    }

    public static IntegrityRow Row(IReadOnlyList<Item> bookings, IntegrityRules rules)
    {
        var first = bookings[0];
        var counts = bookings.SelectMany(b => Reasons(b, rules)).GroupBy(r => r.Figure).ToDictionary(g => g.Key, g => g.Count());
        int Count(string figure) => counts.GetValueOrDefault(figure);
        var total = bookings.Count;
        var judged = total >= rules.MinBookings;
        decimal? Rate(int n) => judged ? Math.Round((decimal)n / total, 4) : null;
        var (lapseRate, lateRate) = (Rate(Count(Lapsed)), Rate(Count(LateCancelled)));
        var outOfTurn = Count(Grabbed) + Count(OpenedEarly);
        var flags = new List<IntegrityFlag>();
        if (lapseRate > rules.LapseRateMax) flags.Add(new(LapseRate, lapseRate.Value, rules.LapseRateMax));
        if (lateRate > rules.LateCancelRateMax) flags.Add(new(LateCancelRate, lateRate.Value, rules.LateCancelRateMax));
        if (Count(Mismatches) > rules.MismatchesMax) flags.Add(new(Mismatches, Count(Mismatches), rules.MismatchesMax));
        if (outOfTurn > rules.OutOfTurnMax) flags.Add(new(OutOfTurn, outOfTurn, rules.OutOfTurnMax));
        return new IntegrityRow(first.Badge, first.Name, first.Department, total,
            bookings.Count(b => b.ArrivedAt is not null), Count(Lapsed), Count(Cancelled), Count(LateCancelled), Count(Mismatches),
            Count(Grabbed), Count(OpenedEarly), outOfTurn, lapseRate, lateRate, flags.Count > 0, flags);
    }

    /// <summary>Every booker of the month, flagged first, then by badge.</summary>
    public static List<IntegrityRow> Rows(IEnumerable<Item> items, IntegrityRules rules) =>
        items.GroupBy(i => i.BookerId).Select(g => Row(g.ToList(), rules))
            .OrderByDescending(r => r.Flagged).ThenBy(r => r.Badge, StringComparer.Ordinal).ToList();

    public static IntegrityBooking Booking(Item b, IntegrityRules rules) =>
        new(b.Code, b.CustomerName, CustomerRules.Mask(b.CustomerPhone), b.BusinessDay, b.Arrival, b.CreatedAt, b.Status, Reasons(b, rules));
}
