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
/// <item><c>wholePercentRate</c>: a rate with more than two decimals (money columns keep two places). No args.</item>
/// </list>
/// </summary>
/// <summary>The range a numeric house rule must stay in; a <paramref name="Fraction"/> is a rate from 0 to 1 (0.1 = 10%).</summary>
public sealed record RuleBounds(decimal Min, decimal Max, bool Fraction = false);

public static class HouseRulesValidator
{
    private const decimal MaxFine = 100_000;

    /// <summary>
    /// The bounds of every numeric rule by its JSON path: the one table the validator checks and the GM's form offers
    /// as the inputs' min and max. A <see cref="RuleBounds.Fraction"/> is a 0–1 rate, which the form shows as a percentage.
    /// </summary>
    public static IReadOnlyDictionary<string, RuleBounds> Bounds { get; } = new Dictionary<string, RuleBounds>
    {
        ["bookings.standardHoldMinutes"] = new(1, 240),
        ["bookings.lateHoldMinutes"] = new(1, 240),
        ["bookings.cleaningMinutes"] = new(1, 240),
        ["bookings.cheatingFine"] = new(0, MaxFine),
        ["bookings.arrivalPastGraceMinutes"] = new(0, 240),
        ["bookings.maxDaysAhead"] = new(1, 365),
        ["authority.manager.maxDiscountRate"] = new(0, 1, Fraction: true),
        ["authority.departmentHead.maxDiscountRate"] = new(0, 1, Fraction: true),
        ["authority.floorManager.maxDiscountRate"] = new(0, 1, Fraction: true),
        ["authority.gm.maxDiscountRate"] = new(0, 1, Fraction: true),
        ["authority.manager.maxCompValue"] = new(0, 1_000_000),
        ["authority.departmentHead.maxCompValue"] = new(0, 1_000_000),
        ["authority.floorManager.maxCompValue"] = new(0, 1_000_000),
        ["authority.gm.maxCompValue"] = new(0, 1_000_000),
        ["performance.cardSignDeadlineDays"] = new(0, 31),
        ["performance.monthlySpendTarget"] = new(0, 100_000_000),
        ["performance.monthlyRoomsTarget"] = new(0, 10_000),
        ["performance.missedMonthsForReview"] = new(1, 12),
        ["performance.newCustomersPerMonth"] = new(0, 1_000),
        ["performance.newCustomersDueDay"] = new(1, 28),
        ["performance.newCustomersCheckDay"] = new(1, 28),
        ["attendance.lateFineMin"] = new(0, MaxFine),
        ["attendance.lateFineMax"] = new(0, MaxFine),
        ["attendance.absentFineMin"] = new(0, MaxFine),
        ["attendance.absentFineMax"] = new(0, MaxFine),
        ["attendance.unapprovedLeaveFine"] = new(0, MaxFine),
        ["attendance.customerDinnerNoticeMinutes"] = new(0, 1_440),
        ["attendance.pingAnswerMinutes"] = new(1, 30),
        ["attendance.meetingCheckInMinutes"] = new(1, 240),
        ["attendance.offPostFine"] = new(0, MaxFine),
        ["attendance.offPostSuspensionCount"] = new(1, 31),
        ["attendance.suspensionDays"] = new(1, 31),
        ["diary.dueHoursAfterClosing"] = new(0, 72),
        ["fines.complaintMin"] = new(0, MaxFine),
        ["fines.complaintMax"] = new(0, MaxFine),
        ["fines.bookingRuleMin"] = new(0, MaxFine),
        ["fines.bookingRuleMax"] = new(0, MaxFine),
        ["fines.roomGrabbingMin"] = new(0, MaxFine),
        ["fines.roomGrabbingMax"] = new(0, MaxFine),
        ["fines.staffConflict"] = new(0, MaxFine),
        ["fines.authorityExceeded"] = new(0, MaxFine),
        ["fines.otherRoomMinutes"] = new(1, 240),
        ["fines.otherRoomFine"] = new(0, MaxFine),
        ["fines.quarrelMin"] = new(0, MaxFine),
        ["fines.quarrelMax"] = new(0, MaxFine),
        ["fines.emptyDiaryDays"] = new(1, 31),
        ["fines.emptyDiaryFine"] = new(0, MaxFine),
        ["fines.floorManagerShare"] = new(0, 1, Fraction: true),
        ["fines.departmentHeadShare"] = new(0, 1, Fraction: true),
        ["fines.offenderShare"] = new(0, 1, Fraction: true),
        ["customers.contactsPerDayMin"] = new(0, 100),
        ["customers.contactsPerDayMax"] = new(0, 100),
        ["customers.vipWindowDays"] = new(1, 730),
        ["customers.returnVisitAfterVisitDays"] = new(0, 30),
        ["customers.returnVisitUnseenDays"] = new(1, 365),
        ["customers.birthdayReminderDays"] = new(0, 60),
        ["customers.exclusiveManagerTopCount"] = new(0, 1_000),
        ["customers.vipDiamondShare"] = new(0, 1, Fraction: true),
        ["customers.vipGoldShare"] = new(0, 1, Fraction: true),
        ["complaints.acknowledgeMinutes"] = new(1, 240),
        ["guestService.lostItemKeepDays"] = new(1, 365),
        ["guestService.storedDrinkDays"] = new(1, 730),
        ["guestService.storedDrinkReminderDays"] = new(0, 60),
        // Up to half a night before the cut-off (a 06:00 cut-off: from 18:00).
        ["checklists.closingReminderMinutes"] = new(1, 720),
        ["complaints.solutionHours"] = new(1, 720),
        ["complaints.finalAnswerWorkingDays"] = new(1, 60),
        ["complaints.guestLinkHours"] = new(1, 72),
        ["complaints.lowRating"] = new(1, 4),
        ["complaints.guestPostsPerLinkPerHour"] = new(1, 100),
        ["complaints.guestPostsPerAddressPerHour"] = new(1, 1000),
        ["appraisal.satisfactionThreshold"] = new(0, 1, Fraction: true),
        ["appraisal.failedPeriodsForReview"] = new(1, 12),
        ["rankings.listed"] = new(1, 20),
        ["rankings.pointsFirst"] = new(0, 100),
        ["rankings.pointsSecond"] = new(0, 100),
        ["rankings.pointsThird"] = new(0, 100),
        ["rankings.pointsLast"] = new(0, 100),
        ["rankings.pointsPerComplaint"] = new(0, 100),
        ["rankings.pointsPerFine"] = new(0, 100),
        ["rankings.pointsPerCommendation"] = new(0, 100),
        ["integrity.lapseRateMax"] = new(0, 1, Fraction: true),
        ["integrity.lateCancelRateMax"] = new(0, 1, Fraction: true),
        ["integrity.lateCancelMinutes"] = new(0, 1_440),
        ["integrity.mismatchesMax"] = new(0, 100),
        ["integrity.outOfTurnMax"] = new(0, 100),
        ["integrity.grabMinutes"] = new(0, 120),
        ["integrity.minBookings"] = new(1, 1_000),
        ["accounts.renewalReminderDays"] = new(1, 365),
        // Half of what the guest paid is already more than any venue gives away; whole percent (the money columns keep two places).
        ["accounts.partnerCommissionRate"] = new(0, 0.5m, Fraction: true),
        ["appraisal.appealDays"] = new(1, 60),
        ["appraisal.passScore"] = new(0, 100),
    };

    public static IReadOnlyList<RuleProblem> Validate(HouseRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var p = new List<RuleProblem>();
        void Range(string field, decimal value)
        {
            var (min, max, _) = Bounds[field];
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
            Range("bookings.standardHoldMinutes", b.StandardHoldMinutes);
            Range("bookings.lateHoldMinutes", b.LateHoldMinutes);
            Range("bookings.cleaningMinutes", b.CleaningMinutes);
            Range("bookings.cheatingFine", b.CheatingFine);
            Range("bookings.arrivalPastGraceMinutes", b.ArrivalPastGraceMinutes);
            Range("bookings.maxDaysAhead", b.MaxDaysAhead);
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
                Range($"authority.{name}.maxDiscountRate", authority.MaxDiscountRate);
                if (authority.MaxCompValue is { } comp) Range($"authority.{name}.maxCompValue", comp);
            }
        }

        if (Present("performance", rules.Performance))
        {
            var f = rules.Performance;
            Range("performance.cardSignDeadlineDays", f.CardSignDeadlineDays);
            Range("performance.monthlySpendTarget", f.MonthlySpendTarget);
            Range("performance.monthlyRoomsTarget", f.MonthlyRoomsTarget);
            Range("performance.missedMonthsForReview", f.MissedMonthsForReview);
            Range("performance.newCustomersPerMonth", f.NewCustomersPerMonth);
            Range("performance.newCustomersDueDay", f.NewCustomersDueDay);
            Range("performance.newCustomersCheckDay", f.NewCustomersCheckDay);
        }

        if (Present("attendance", rules.Attendance))
        {
            var a = rules.Attendance;
            Range("attendance.lateFineMin", a.LateFineMin);
            Range("attendance.lateFineMax", a.LateFineMax);
            MinMax("attendance.lateFineMin", a.LateFineMin, "attendance.lateFineMax", a.LateFineMax);
            Range("attendance.absentFineMin", a.AbsentFineMin);
            Range("attendance.absentFineMax", a.AbsentFineMax);
            MinMax("attendance.absentFineMin", a.AbsentFineMin, "attendance.absentFineMax", a.AbsentFineMax);
            Range("attendance.unapprovedLeaveFine", a.UnapprovedLeaveFine);
            Range("attendance.customerDinnerNoticeMinutes", a.CustomerDinnerNoticeMinutes);
            Range("attendance.pingAnswerMinutes", a.PingAnswerMinutes);
            Range("attendance.meetingCheckInMinutes", a.MeetingCheckInMinutes);
            Range("attendance.offPostFine", a.OffPostFine);
            Range("attendance.offPostSuspensionCount", a.OffPostSuspensionCount);
            Range("attendance.suspensionDays", a.SuspensionDays);
        }

        if (Present("fines", rules.Fines))
        {
            var f = rules.Fines;
            Range("fines.complaintMin", f.ComplaintMin);
            Range("fines.complaintMax", f.ComplaintMax);
            MinMax("fines.complaintMin", f.ComplaintMin, "fines.complaintMax", f.ComplaintMax);
            Range("fines.bookingRuleMin", f.BookingRuleMin);
            if (f.BookingRuleMax is { } bookingMax)
            {
                Range("fines.bookingRuleMax", bookingMax);
                MinMax("fines.bookingRuleMin", f.BookingRuleMin, "fines.bookingRuleMax", bookingMax);
            }
            Range("fines.roomGrabbingMin", f.RoomGrabbingMin);
            if (f.RoomGrabbingMax is { } grabbingMax)
            {
                Range("fines.roomGrabbingMax", grabbingMax);
                MinMax("fines.roomGrabbingMin", f.RoomGrabbingMin, "fines.roomGrabbingMax", grabbingMax);
            }
            Range("fines.staffConflict", f.StaffConflict);
            Range("fines.authorityExceeded", f.AuthorityExceeded);
            Range("fines.otherRoomMinutes", f.OtherRoomMinutes);
            Range("fines.otherRoomFine", f.OtherRoomFine);
            Range("fines.quarrelMin", f.QuarrelMin);
            Range("fines.quarrelMax", f.QuarrelMax);
            MinMax("fines.quarrelMin", f.QuarrelMin, "fines.quarrelMax", f.QuarrelMax);
            if (f.TipMultipliers is null || f.TipMultipliers.Count == 0) p.Add(new RuleProblem("fines.tipMultipliers", "required"));
            else if (f.TipMultipliers.Any(m => m < 1 || m > 100)) p.Add(new RuleProblem("fines.tipMultipliers", "range", 1m, 100m));
            Range("fines.emptyDiaryDays", f.EmptyDiaryDays);
            Range("fines.emptyDiaryFine", f.EmptyDiaryFine);
            Range("fines.floorManagerShare", f.FloorManagerShare);
            Range("fines.departmentHeadShare", f.DepartmentHeadShare);
            Range("fines.offenderShare", f.OffenderShare);
            if (f.FloorManagerShare + f.DepartmentHeadShare + f.OffenderShare != 1m)
                p.Add(new RuleProblem("fines.offenderShare", "sum", 1m));
        }

        if (Present("customers", rules.Customers))
        {
            var c = rules.Customers;
            Range("customers.contactsPerDayMin", c.ContactsPerDayMin);
            Range("customers.contactsPerDayMax", c.ContactsPerDayMax);
            MinMax("customers.contactsPerDayMin", c.ContactsPerDayMin, "customers.contactsPerDayMax", c.ContactsPerDayMax);
            Range("customers.vipWindowDays", c.VipWindowDays);
            Range("customers.returnVisitAfterVisitDays", c.ReturnVisitAfterVisitDays);
            Range("customers.returnVisitUnseenDays", c.ReturnVisitUnseenDays);
            Range("customers.birthdayReminderDays", c.BirthdayReminderDays);
            Range("customers.exclusiveManagerTopCount", c.ExclusiveManagerTopCount);
            Range("customers.vipDiamondShare", c.VipDiamondShare);
            Range("customers.vipGoldShare", c.VipGoldShare);
            MinMax("customers.vipDiamondShare", c.VipDiamondShare, "customers.vipGoldShare", c.VipGoldShare);
        }

        if (Present("diary", rules.Diary))
            Range("diary.dueHoursAfterClosing", rules.Diary.DueHoursAfterClosing);

        if (Present("guestService", rules.GuestService))
        {
            var g = rules.GuestService;
            Range("guestService.lostItemKeepDays", g.LostItemKeepDays);
            Range("guestService.storedDrinkDays", g.StoredDrinkDays);
            Range("guestService.storedDrinkReminderDays", g.StoredDrinkReminderDays);
        }

        if (Present("checklists", rules.Checklists))
            Range("checklists.closingReminderMinutes", rules.Checklists.ClosingReminderMinutes);

        if (Present("complaints", rules.Complaints))
        {
            var c = rules.Complaints;
            Range("complaints.acknowledgeMinutes", c.AcknowledgeMinutes);
            Range("complaints.solutionHours", c.SolutionHours);
            Range("complaints.finalAnswerWorkingDays", c.FinalAnswerWorkingDays);
            // At least one working weekday, or no final answer could ever be due (WorkingCalendar.AddWorkingDays).
            if (c.WeeklyDaysOff is null) p.Add(new RuleProblem("complaints.weeklyDaysOff", "required"));
            else if (c.WeeklyDaysOff.Any(d => d < 1 || d > 7)) p.Add(new RuleProblem("complaints.weeklyDaysOff", "range", 1m, 7m));
            else if (c.WeeklyDaysOff.Distinct().Count() >= 7) p.Add(new RuleProblem("complaints.weeklyDaysOff", "range", 1m, 7m));
            Range("complaints.guestLinkHours", c.GuestLinkHours);
            Range("complaints.lowRating", c.LowRating);
            Range("complaints.guestPostsPerLinkPerHour", c.GuestPostsPerLinkPerHour);
            Range("complaints.guestPostsPerAddressPerHour", c.GuestPostsPerAddressPerHour);
        }

        if (Present("appraisal", rules.Appraisal))
        {
            Range("appraisal.satisfactionThreshold", rules.Appraisal.SatisfactionThreshold);
            Range("appraisal.failedPeriodsForReview", rules.Appraisal.FailedPeriodsForReview);
            Range("appraisal.appealDays", rules.Appraisal.AppealDays);
            Range("appraisal.passScore", rules.Appraisal.PassScore);
        }

        if (Present("rankings", rules.Rankings))
        {
            var r = rules.Rankings;
            Range("rankings.listed", r.Listed);
            Range("rankings.pointsFirst", r.PointsFirst);
            Range("rankings.pointsSecond", r.PointsSecond);
            Range("rankings.pointsThird", r.PointsThird);
            Range("rankings.pointsLast", r.PointsLast);
            Range("rankings.pointsPerComplaint", r.PointsPerComplaint);
            Range("rankings.pointsPerFine", r.PointsPerFine);
            Range("rankings.pointsPerCommendation", r.PointsPerCommendation);
        }

        if (Present("integrity", rules.Integrity))
        {
            var r = rules.Integrity;
            Range("integrity.lapseRateMax", r.LapseRateMax);
            Range("integrity.lateCancelRateMax", r.LateCancelRateMax);
            Range("integrity.lateCancelMinutes", r.LateCancelMinutes);
            Range("integrity.mismatchesMax", r.MismatchesMax);
            Range("integrity.outOfTurnMax", r.OutOfTurnMax);
            Range("integrity.grabMinutes", r.GrabMinutes);
            Range("integrity.minBookings", r.MinBookings);
        }

        if (Present("accounts", rules.Accounts))
        {
            Range("accounts.renewalReminderDays", rules.Accounts.RenewalReminderDays);
            Range("accounts.partnerCommissionRate", rules.Accounts.PartnerCommissionRate);
            if (decimal.Round(rules.Accounts.PartnerCommissionRate, 2) != rules.Accounts.PartnerCommissionRate)
                p.Add(new RuleProblem("accounts.partnerCommissionRate", "wholePercentRate"));
        }

        // training.authorityNeedsCourse is a yes/no: only the section must be there.
        Present("training", rules.Training);
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
