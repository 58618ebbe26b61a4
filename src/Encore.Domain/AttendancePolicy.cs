namespace Encore.Domain;

/// <summary>
/// SPEC.md "Attendance and leave": lateness against the sign-in time, leaving before closing, the customer-dinner
/// leave's notice and return time, and how long a ping (查岗) may wait for an answer. Times of the night are
/// compared from the business-day cut-off, so 01:00 is later than 20:30.
/// </summary>
public static class AttendancePolicy
{
    private static (TimeZoneInfo Zone, TimeOnly Cutoff) Zone(HouseRules rules) =>
        (BusinessDay.FindZone(rules.BusinessDay.TimeZone), rules.BusinessDay.Cutoff);

    public static DateTimeOffset SignInBy(DateOnly day, HouseRules rules)
    {
        var (zone, cutoff) = Zone(rules);
        return BusinessDay.At(day, rules.Attendance.SignInBy, zone, cutoff);
    }

    /// <summary>Late: signed in after the sign-in time (the sign-in time itself is on time).</summary>
    public static bool IsLate(DateOnly day, DateTimeOffset signedInAt, HouseRules rules) => LateAfter(SignInBy(day, rules), signedInAt);

    /// <summary>
    /// The one lateness rule of the house, for signing in and for checking in at a meeting (SPEC.md: "same rules as
    /// sign-in"): late only after the due instant; arriving at it is on time. No grace minutes: the venue's rules have none.
    /// </summary>
    public static bool LateAfter(DateTimeOffset due, DateTimeOffset arrivedAt) => arrivedAt > due;

    /// <summary>The last instant a meeting's check-in is open: the house-rule minutes after its start (at it still open).</summary>
    public static DateTimeOffset MeetingCheckInClosesAt(DateTimeOffset startsAt, HouseRules rules) => startsAt.AddMinutes(rules.Attendance.MeetingCheckInMinutes);

    /// <summary>Check-in closed: past <see cref="MeetingCheckInClosesAt"/>; whoever was expected and did not come is then absent.</summary>
    public static bool MeetingCheckInClosed(DateTimeOffset startsAt, DateTimeOffset now, HouseRules rules) => LateAfter(MeetingCheckInClosesAt(startsAt, rules), now);

    /// <summary>The consequences of a late sign-in (SPEC.md): without having called in, a late fine (无故迟到), no pay
    /// for the day, booking rights suspended for the rest of it, and its performance does not count. A call-in before
    /// the sign-in time is a reason: the lateness is recorded, and nothing else follows.</summary>
    public sealed record LateConsequence(bool Late, bool NoPay, bool BookingSuspended, bool PerformanceCancelled, bool Fined);

    public static LateConsequence Lateness(DateOnly day, DateTimeOffset signedInAt, bool calledIn, HouseRules rules)
    {
        var late = IsLate(day, signedInAt, rules);
        var severe = late && !calledIn;
        return new LateConsequence(late, severe, severe, severe, severe);
    }

    /// <summary>Closing time of the night (the end of business hours), after which signing out is not leaving early.</summary>
    public static DateTimeOffset Closing(DateOnly day, HouseRules rules)
    {
        var (zone, cutoff) = Zone(rules);
        return BusinessDay.At(day, rules.BusinessDay.ClosesAt, zone, cutoff);
    }

    public static bool LeftEarly(DateOnly day, DateTimeOffset signedOutAt, HouseRules rules) => signedOutAt < Closing(day, rules);

    /// <summary>A customer-dinner leave must be asked for this long before it starts.</summary>
    public static bool DinnerNoticeOk(DateTimeOffset requestedAt, DateTimeOffset from, HouseRules rules) =>
        from - requestedAt >= TimeSpan.FromMinutes(rules.Attendance.CustomerDinnerNoticeMinutes);

    public static DateTimeOffset DinnerBackBy(DateOnly day, HouseRules rules)
    {
        var (zone, cutoff) = Zone(rules);
        return BusinessDay.At(day, rules.Attendance.CustomerDinnerBackBy, zone, cutoff);
    }

    /// <summary>Back in time: at or before the house-rule time.</summary>
    public static bool DinnerBackInTime(DateOnly day, DateTimeOffset? backAt, HouseRules rules) =>
        backAt is { } back && back <= DinnerBackBy(day, rules);

    public static DateTimeOffset PingDue(DateTimeOffset sentAt, HouseRules rules) =>
        sentAt.AddMinutes(rules.Attendance.PingAnswerMinutes);

    /// <summary>Answered in time: at or before the due instant; later (or never) is off-post (离岗).</summary>
    public static bool PingAnsweredInTime(DateTimeOffset sentAt, DateTimeOffset? answeredAt, HouseRules rules) =>
        answeredAt is { } answered && answered <= PingDue(sentAt, rules);

    /// <summary>The off-post that brings a suspension proposal: the house-rule count within one month.</summary>
    public static bool ProposesSuspension(int offPostThisMonthIncludingThis, HouseRules rules) =>
        offPostThisMonthIncludingThis >= rules.Attendance.OffPostSuspensionCount;

    /// <summary>
    /// The last business day of a suspension confirmed on <paramref name="confirmedOn"/>: it lasts the house-rule
    /// number of consecutive business days, the day of confirmation being the first (so a suspension confirmed
    /// late in the night still costs that night). The rules in force when asked decide, so a venue that shortens
    /// the rule shortens the suspensions running.
    /// </summary>
    public static DateOnly SuspendedThrough(DateOnly confirmedOn, HouseRules rules) =>
        confirmedOn.AddDays(rules.Attendance.SuspensionDays - 1);

    /// <summary>Whether a suspension confirmed on <paramref name="confirmedOn"/> covers business day <paramref name="day"/>.</summary>
    public static bool Suspends(DateOnly confirmedOn, DateOnly day, HouseRules rules) =>
        day >= confirmedOn && day <= SuspendedThrough(confirmedOn, rules);
}
