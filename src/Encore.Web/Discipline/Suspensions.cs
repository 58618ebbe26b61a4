namespace Encore.Web.Discipline;

/// <summary>
/// SPEC.md "Attendance and leave": a confirmed suspension (停职) — the house-rule count of off-posts in a month once
/// confirmed, or one raised by hand — lasts <c>attendance.suspensionDays</c> business days from the day it came to
/// stand (<see cref="Violation.ConfirmedDay"/>, see <see cref="AttendancePolicy.SuspendedThrough"/>). During it the
/// person cannot book, is skipped in the rotation and earns no performance; it shows on their statement and home page.
/// Only a standing suspension counts: proposed or dismissed does nothing, overturned on appeal ends it, and an appeal
/// against a confirmed one does not hold it up (obey first, appeal after: 先服从后投诉).
/// Only the offender's own charge suspends: a promoter's manager, charged beside them, is not suspended.
/// </summary>
public static class Suspensions
{
    /// <summary>One suspension: the violation that imposed it and its first and last business days.</summary>
    public sealed record Period(Guid ViolationId, Guid StaffId, DateOnly From, DateOnly To);

    /// <summary>
    /// A suspension that stands: the offender's own charge, confirmed on a day, and not dismissed or overturned. The one
    /// definition the queries below and a new booking's read of its booker (Bookings/Create.cs) use.
    /// </summary>
    private static readonly string Kind = SystemViolation.Suspension.Code();

    internal static readonly System.Linq.Expressions.Expression<Func<Violation, bool>> Standing = v =>
        v.Kind == Kind && v.ChargedAs == "offender" && v.ConfirmedDay != null
        && (v.Status == ViolationStatus.Confirmed || v.Status == ViolationStatus.Appealed || v.Status == ViolationStatus.Upheld);

    /// <summary>A suspension confirmed before this day has ended before <paramref name="from"/>.</summary>
    internal static DateOnly EarliestConfirmed(DateOnly from, Domain.HouseRules rules) => from.AddDays(-(rules.Attendance.SuspensionDays - 1));

    /// <summary>The standing suspensions of the venue (of <paramref name="staffId"/> only, when given) covering any day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static async Task<List<Period>> OverlappingAsync(EncoreDb db, Guid venue, DateOnly from, DateOnly to, Domain.HouseRules rules, Guid? staffId = null)
    {
        // Compiled queries (issue 15): one person's are asked at every booking, the venue's at every month standings.
        var earliest = EarliestConfirmed(from, rules);
        var periods = new List<Period>();
        if (staffId is { } id)
            await foreach (var row in OfPerson.For(db)(db, venue, id, earliest, to))
                periods.Add(new Period(row.Id, id, row.Day, AttendancePolicy.SuspendedThrough(row.Day, rules)));
        else
            await foreach (var row in OfVenue.For(db)(db, venue, earliest, to))
                periods.Add(new Period(row.Id, row.StaffId, row.Day, AttendancePolicy.SuspendedThrough(row.Day, rules)));
        return periods.OrderBy(p => p.From).ThenBy(p => p.To).ToList();
    }

    /// <summary>The suspension <paramref name="staffId"/> is under on business day <paramref name="day"/>, the one ending last; null when none.</summary>
    public static async Task<Period?> OnAsync(EncoreDb db, Guid venue, Guid staffId, DateOnly day, Domain.HouseRules rules) =>
        (await OverlappingAsync(db, venue, day, day, rules, staffId)).MaxBy(p => p.To);

    private sealed record Row(Guid Id, DateOnly Day);

    private sealed record StaffRow(Guid Id, Guid StaffId, DateOnly Day);

    private static readonly CompiledQuery<Func<EncoreDb, Guid, Guid, DateOnly, DateOnly, IAsyncEnumerable<Row>>> OfPerson = new(() =>
        EF.CompileAsyncQuery((EncoreDb db, Guid venue, Guid staffId, DateOnly earliest, DateOnly to) =>
            db.Violations.Where(Standing).Where(v => v.VenueId == venue && v.StaffId == staffId && v.ConfirmedDay >= earliest && v.ConfirmedDay <= to)
                .Select(v => new Row(v.Id, v.ConfirmedDay!.Value))));

    private static readonly CompiledQuery<Func<EncoreDb, Guid, DateOnly, DateOnly, IAsyncEnumerable<StaffRow>>> OfVenue = new(() =>
        EF.CompileAsyncQuery((EncoreDb db, Guid venue, DateOnly earliest, DateOnly to) =>
            db.Violations.Where(Standing).Where(v => v.VenueId == venue && v.ConfirmedDay >= earliest && v.ConfirmedDay <= to)
                .Select(v => new StaffRow(v.Id, v.StaffId, v.ConfirmedDay!.Value))));

    /// <summary>Each (person, business day) from <paramref name="from"/> to <paramref name="to"/> (exclusive) a suspension covers.</summary>
    public static async Task<List<(Guid StaffId, DateOnly Day)>> DaysAsync(EncoreDb db, Guid venue, DateOnly from, DateOnly to, Domain.HouseRules rules) =>
        (await OverlappingAsync(db, venue, from, to.AddDays(-1), rules))
            .SelectMany(p => Enumerable.Range(0, p.To.DayNumber - p.From.DayNumber + 1).Select(i => (p.StaffId, p.From.AddDays(i))))
            .Where(d => d.Item2 >= from && d.Item2 < to)
            .Distinct().ToList();
}
