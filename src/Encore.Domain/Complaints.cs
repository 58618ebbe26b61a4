namespace Encore.Domain;

public enum ComplaintStatus { Open, Acknowledged, Resolved }

public enum ComplaintCategory { Service, Tips, Room, Billing, Hygiene, Safety, Other }

public enum ComplaintSeverity { Low, Medium, High }

public enum ComplaintActionKind { Apology, Comp, Discount, Reservice, Other }

/// <summary>Who raised the complaint: a member of staff at the desk or on a phone, or the guest through the room's link.</summary>
public enum ComplaintSource { Staff, Guest }

/// <summary>
/// Who an overdue complaint has been escalated to (SPEC.md "Complaints": department head → floor manager → GM).
/// Each of the three time limits has its own step: a complaint nobody acknowledged in time goes to the department
/// head, one without a solution in time to the floor manager, one without a final answer in time to the GM.
/// </summary>
public enum EscalationLevel { None, DepartmentHead, FloorManager, Gm }

/// <summary>
/// The venue's working days (SPEC.md "Complaints": a final answer within N working days): the weekly days off
/// (house rule <c>complaints.weeklyDaysOff</c>, ISO numbers 1 = Monday … 7 = Sunday) and the GM's calendar of
/// exceptions: a holiday on a weekday is a day off, a make-up working day (调休) on a weekend is a working day.
/// </summary>
public sealed record WorkingCalendar(IReadOnlySet<int> WeeklyDaysOff, IReadOnlyDictionary<DateOnly, bool> Exceptions)
{
    public static int Iso(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    public bool IsWorkingDay(DateOnly day) =>
        Exceptions.TryGetValue(day, out var working) ? working : !WeeklyDaysOff.Contains(Iso(day.DayOfWeek));

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="from"/> (the day itself never counts: a complaint
    /// made on Monday with one working day has until the end of Tuesday). Ends: the validator keeps at least one
    /// weekday a working day, and the exceptions are finite.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        return day;
    }
}

/// <summary>A complaint's three time limits, fixed when it is made (a later change of the house rules or the calendar does not move them).</summary>
public sealed record ComplaintDeadlines(DateTimeOffset AcknowledgeBy, DateTimeOffset SolutionBy, DateTimeOffset FinalBy)
{
    /// <summary>
    /// Acknowledged within the house-rule minutes and solved within the house-rule hours of <paramref name="madeAt"/>;
    /// a final answer by the end (midnight, venue time) of the house-rule number of working days after the day it was made.
    /// </summary>
    public static ComplaintDeadlines For(DateTimeOffset madeAt, TimeZoneInfo zone, ComplaintRules rules, WorkingCalendar calendar)
    {
        var local = TimeZoneInfo.ConvertTime(madeAt, zone);
        var lastDay = calendar.AddWorkingDays(DateOnly.FromDateTime(local.DateTime), rules.FinalAnswerWorkingDays);
        var midnight = lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var finalBy = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        return new(madeAt.AddMinutes(rules.AcknowledgeMinutes), madeAt.AddHours(rules.SolutionHours), finalBy);
    }

    /// <summary>
    /// Where an unresolved complaint stands at <paramref name="now"/>: a deadline is missed once the clock is past it (at
    /// the deadline itself it is still in time). A resolved complaint is escalated to nobody any more.
    /// </summary>
    public EscalationLevel EscalationAt(ComplaintStatus status, DateTimeOffset now) => status switch
    {
        ComplaintStatus.Resolved => EscalationLevel.None,
        _ when now > FinalBy => EscalationLevel.Gm,
        _ when now > SolutionBy => EscalationLevel.FloorManager,
        ComplaintStatus.Open when now > AcknowledgeBy => EscalationLevel.DepartmentHead,
        _ => EscalationLevel.None,
    };
}

/// <summary>What may be done with a complaint: acknowledge it, record an action, resolve it, propose a fine from it.</summary>
public enum ComplaintMove { Acknowledge, Act, Resolve, Fine }

/// <summary>
/// SPEC.md "Complaints": an open complaint is acknowledged (or an action on the spot acknowledges it), actions are
/// recorded until it is resolved with the guest's satisfaction; a fine may be proposed from it at any time, resolved
/// or not (the floor often decides the fine after the guest has left).
/// </summary>
public static class ComplaintTransitions
{
    public static readonly Transitions<ComplaintStatus, ComplaintMove> Table = new()
    {
        { ComplaintStatus.Open, ComplaintMove.Acknowledge, ComplaintStatus.Acknowledged },
        { ComplaintStatus.Open, ComplaintMove.Act, ComplaintStatus.Acknowledged },
        { ComplaintStatus.Open, ComplaintMove.Resolve, ComplaintStatus.Resolved },
        { ComplaintStatus.Open, ComplaintMove.Fine, ComplaintStatus.Open },
        { ComplaintStatus.Acknowledged, ComplaintMove.Act, ComplaintStatus.Acknowledged },
        { ComplaintStatus.Acknowledged, ComplaintMove.Resolve, ComplaintStatus.Resolved },
        { ComplaintStatus.Acknowledged, ComplaintMove.Fine, ComplaintStatus.Acknowledged },
        { ComplaintStatus.Resolved, ComplaintMove.Fine, ComplaintStatus.Resolved },
    };

    public static bool CanMove(ComplaintStatus from, ComplaintMove move) => Table.CanMove(from, move);
    public static ComplaintStatus Apply(ComplaintStatus from, ComplaintMove move) => Table.Apply(from, move);
    public static IReadOnlyList<ComplaintMove> Offered(ComplaintStatus from) => Table.Offered(from);
}
