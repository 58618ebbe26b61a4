namespace Encore.Domain;

/// <summary>
/// One problem with an input: the camelCase JSON path of the field and a rule code with its arguments.
/// The web layer turns the code into a Chinese or English sentence that names the field.
/// </summary>
public sealed record RuleProblem(string Field, string Rule, params object[] Args)
{
    public bool Equals(RuleProblem? other) =>
        other is not null && Field == other.Field && Rule == other.Rule && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Field, Rule, Args.Length);
}

/// <summary>
/// Checks a whole rule set and reports every problem (never only the first, and never by throwing for a bad
/// value). <see cref="RuleProblem.Field"/> is the camelCase JSON path, e.g. <c>bookings.standardHoldMinutes</c>.
/// Rule codes, which the web layer turns into sentences:
/// <list type="bullet">
/// <item><c>required</c>: a missing section, empty text or an empty list. No args.</item>
/// <item><c>range</c>: a number (or the cut-off) outside its bounds. Args: min, max.</item>
/// <item><c>minMax</c>: a …Min greater than its …Max. Args: the …Max field's path.</item>
/// <item><c>order</c>: two times of the night in the wrong order, counted from the cut-off. Args: the other field's path.</item>
/// <item><c>sum</c>: the shared-responsibility shares do not add up. Args: the total they must reach (1).</item>
/// <item><c>timeZone</c>: a time zone id this machine does not know. No args.</item>
/// </list>
/// </summary>
public static class HouseRulesValidator
{
    private const decimal MaxFine = 100_000;

    public static IReadOnlyList<RuleProblem> Validate(HouseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var p = new List<RuleProblem>();
        void Range(string field, decimal value, decimal min, decimal max)
        {
            if (value < min || value > max) p.Add(new RuleProblem(field, "range", min, max));
        }
        void MinMax(string minField, decimal min, string maxField, decimal max)
        {
            if (min > max) p.Add(new RuleProblem(minField, "minMax", maxField));
        }
        bool Present(string field, object? section)
        {
            if (section is null) p.Add(new RuleProblem(field, "required"));
            return section is not null;
        }

        if (Present("businessDay", rules.BusinessDay))
        {
            var d = rules.BusinessDay;
            if (string.IsNullOrWhiteSpace(d.TimeZone)) p.Add(new RuleProblem("businessDay.timeZone", "required"));
            else if (!KnownZone(d.TimeZone)) p.Add(new RuleProblem("businessDay.timeZone", "timeZone"));
            if (d.Cutoff > new TimeOnly(12, 0)) p.Add(new RuleProblem("businessDay.cutoff", "range", "00:00", "12:00"));
        }

        if (Present("bookings", rules.Bookings))
        {
            var b = rules.Bookings;
            // Times of the night are ordered from the cut-off, so a window may end after midnight (e.g. 00:30).
            var cutoff = (rules.BusinessDay ?? new BusinessDayRules()).Cutoff;
            TimeSpan Night(TimeOnly t) => BusinessDay.SinceCutoff(t, cutoff);
            if (Night(b.EarlyArrivalBefore) >= Night(b.StandardWindowEnd))
                p.Add(new RuleProblem("bookings.earlyArrivalBefore", "order", "bookings.standardWindowEnd"));
            if (Night(b.EarlyHoldUntil) < Night(b.EarlyArrivalBefore))
                p.Add(new RuleProblem("bookings.earlyHoldUntil", "order", "bookings.earlyArrivalBefore"));
            Range("bookings.standardHoldMinutes", b.StandardHoldMinutes, 1, 240);
            Range("bookings.lateHoldMinutes", b.LateHoldMinutes, 1, 240);
            Range("bookings.cleaningMinutes", b.CleaningMinutes, 1, 240);
            Range("bookings.cheatingFine", b.CheatingFine, 0, MaxFine);
        }

        if (Present("authority", rules.Authority))
        {
            foreach (var (name, authority) in new[]
                     {
                         ("manager", rules.Authority.Manager), ("departmentHead", rules.Authority.DepartmentHead),
                         ("floorManager", rules.Authority.FloorManager), ("gm", rules.Authority.Gm),
                     })
            {
                if (!Present($"authority.{name}", authority)) continue;
                Range($"authority.{name}.maxDiscountRate", authority.MaxDiscountRate, 0, 1);
                if (authority.MaxCompValue is { } comp) Range($"authority.{name}.maxCompValue", comp, 0, 1_000_000);
            }
        }

        if (Present("performance", rules.Performance))
        {
            var f = rules.Performance;
            Range("performance.cardSignDeadlineDays", f.CardSignDeadlineDays, 0, 31);
            Range("performance.monthlySpendTarget", f.MonthlySpendTarget, 0, 100_000_000);
            Range("performance.monthlyRoomsTarget", f.MonthlyRoomsTarget, 0, 10_000);
            Range("performance.missedMonthsForReview", f.MissedMonthsForReview, 1, 12);
            Range("performance.newCustomersPerMonth", f.NewCustomersPerMonth, 0, 1_000);
            Range("performance.newCustomersDueDay", f.NewCustomersDueDay, 1, 28);
        }

        if (Present("attendance", rules.Attendance))
        {
            var a = rules.Attendance;
            Range("attendance.lateFineMin", a.LateFineMin, 0, MaxFine);
            Range("attendance.lateFineMax", a.LateFineMax, 0, MaxFine);
            MinMax("attendance.lateFineMin", a.LateFineMin, "attendance.lateFineMax", a.LateFineMax);
            Range("attendance.absentFineMin", a.AbsentFineMin, 0, MaxFine);
            Range("attendance.absentFineMax", a.AbsentFineMax, 0, MaxFine);
            MinMax("attendance.absentFineMin", a.AbsentFineMin, "attendance.absentFineMax", a.AbsentFineMax);
            Range("attendance.unapprovedLeaveFine", a.UnapprovedLeaveFine, 0, MaxFine);
            Range("attendance.customerDinnerNoticeMinutes", a.CustomerDinnerNoticeMinutes, 0, 1_440);
            Range("attendance.pingAnswerMinutes", a.PingAnswerMinutes, 1, 30);
            Range("attendance.offPostFine", a.OffPostFine, 0, MaxFine);
            Range("attendance.offPostSuspensionCount", a.OffPostSuspensionCount, 1, 31);
        }

        if (Present("fines", rules.Fines))
        {
            var f = rules.Fines;
            Range("fines.complaintMin", f.ComplaintMin, 0, MaxFine);
            Range("fines.complaintMax", f.ComplaintMax, 0, MaxFine);
            MinMax("fines.complaintMin", f.ComplaintMin, "fines.complaintMax", f.ComplaintMax);
            Range("fines.bookingRuleMin", f.BookingRuleMin, 0, MaxFine);
            Range("fines.roomGrabbingMin", f.RoomGrabbingMin, 0, MaxFine);
            Range("fines.staffConflict", f.StaffConflict, 0, MaxFine);
            Range("fines.authorityExceeded", f.AuthorityExceeded, 0, MaxFine);
            Range("fines.otherRoomMinutes", f.OtherRoomMinutes, 1, 240);
            Range("fines.otherRoomFine", f.OtherRoomFine, 0, MaxFine);
            Range("fines.quarrelMin", f.QuarrelMin, 0, MaxFine);
            Range("fines.quarrelMax", f.QuarrelMax, 0, MaxFine);
            MinMax("fines.quarrelMin", f.QuarrelMin, "fines.quarrelMax", f.QuarrelMax);
            if (f.TipMultipliers is null || f.TipMultipliers.Count == 0) p.Add(new RuleProblem("fines.tipMultipliers", "required"));
            else if (f.TipMultipliers.Any(m => m < 1 || m > 100)) p.Add(new RuleProblem("fines.tipMultipliers", "range", 1m, 100m));
            Range("fines.emptyDiaryDays", f.EmptyDiaryDays, 1, 31);
            Range("fines.emptyDiaryFine", f.EmptyDiaryFine, 0, MaxFine);
            Range("fines.floorManagerShare", f.FloorManagerShare, 0, 1);
            Range("fines.departmentHeadShare", f.DepartmentHeadShare, 0, 1);
            Range("fines.offenderShare", f.OffenderShare, 0, 1);
            if (f.FloorManagerShare + f.DepartmentHeadShare + f.OffenderShare != 1m)
                p.Add(new RuleProblem("fines.offenderShare", "sum", 1m));
        }

        if (Present("customers", rules.Customers))
        {
            var c = rules.Customers;
            Range("customers.contactsPerDayMin", c.ContactsPerDayMin, 0, 100);
            Range("customers.contactsPerDayMax", c.ContactsPerDayMax, 0, 100);
            MinMax("customers.contactsPerDayMin", c.ContactsPerDayMin, "customers.contactsPerDayMax", c.ContactsPerDayMax);
            Range("customers.vipWindowDays", c.VipWindowDays, 1, 730);
            Range("customers.returnVisitAfterVisitDays", c.ReturnVisitAfterVisitDays, 0, 30);
            Range("customers.returnVisitUnseenDays", c.ReturnVisitUnseenDays, 1, 365);
            Range("customers.birthdayReminderDays", c.BirthdayReminderDays, 0, 60);
            Range("customers.exclusiveManagerTopCount", c.ExclusiveManagerTopCount, 0, 1_000);
        }

        if (Present("complaints", rules.Complaints))
        {
            Range("complaints.solutionHours", rules.Complaints.SolutionHours, 1, 720);
            Range("complaints.finalAnswerWorkingDays", rules.Complaints.FinalAnswerWorkingDays, 1, 60);
        }

        if (Present("appraisal", rules.Appraisal))
        {
            Range("appraisal.satisfactionThreshold", rules.Appraisal.SatisfactionThreshold, 0, 1);
            Range("appraisal.failedPeriodsForReview", rules.Appraisal.FailedPeriodsForReview, 1, 12);
        }
        return p;
    }

    private static bool KnownZone(string id)
    {
        try
        {
            BusinessDay.FindZone(id);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
