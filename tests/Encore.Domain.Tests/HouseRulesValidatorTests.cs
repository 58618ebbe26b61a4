using System.Text.Json;
using System.Text.Json.Nodes;
using Encore.Domain;

namespace Encore.Domain.Tests;

/// <summary>
/// The house-rules validator, field by field: every number has bounds and is checked against them, every
/// section must be there, and each problem names its camelCase JSON field and carries the arguments its
/// message needs (see <see cref="HouseRulesValidator"/>).
/// </summary>
public sealed class HouseRulesValidatorTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly HouseRules D = HouseRules.Defaults;

    /// <summary>The defaults with one field, named by its JSON path as the web layer sends it, set to a value.</summary>
    private static HouseRules With(string path, JsonNode? value)
    {
        var root = JsonSerializer.SerializeToNode(D, Json)!.AsObject();
        var keys = path.Split('.');
        var parent = keys[..^1].Aggregate(root, (o, key) => o[key]?.AsObject() ?? throw new KeyNotFoundException(path));
        if (!parent.ContainsKey(keys[^1])) throw new KeyNotFoundException(path);
        parent[keys[^1]] = value;
        return JsonSerializer.Deserialize<HouseRules>(root, Json)!;
    }

    private static IReadOnlyList<RuleProblem> Validate(HouseRules rules) => HouseRulesValidator.Validate(rules);

    // path, min, max, the smallest step of the value (1 for whole numbers, a fen or 0.01 for amounts and rates)
    public static TheoryData<string, decimal, decimal, decimal> Ranges => new()
    {
        { "bookings.standardHoldMinutes", 1, 240, 1 },
        { "bookings.lateHoldMinutes", 1, 240, 1 },
        { "bookings.cleaningMinutes", 1, 240, 1 },
        { "bookings.cheatingFine", 0, 100_000, 0.01m },
        { "bookings.arrivalPastGraceMinutes", 0, 240, 1 },
        { "bookings.maxDaysAhead", 1, 365, 1 },
        { "authority.manager.maxDiscountRate", 0, 1, 0.01m },
        { "authority.manager.maxCompValue", 0, 1_000_000, 0.01m },
        { "authority.departmentHead.maxDiscountRate", 0, 1, 0.01m },
        { "authority.departmentHead.maxCompValue", 0, 1_000_000, 0.01m },
        { "authority.floorManager.maxDiscountRate", 0, 1, 0.01m },
        { "authority.floorManager.maxCompValue", 0, 1_000_000, 0.01m },
        { "authority.gm.maxDiscountRate", 0, 1, 0.01m },
        { "authority.gm.maxCompValue", 0, 1_000_000, 0.01m },
        { "performance.cardSignDeadlineDays", 0, 31, 1 },
        { "performance.monthlySpendTarget", 0, 100_000_000, 0.01m },
        { "performance.monthlyRoomsTarget", 0, 10_000, 1 },
        { "performance.missedMonthsForReview", 1, 12, 1 },
        { "performance.newCustomersPerMonth", 0, 1_000, 1 },
        { "performance.newCustomersDueDay", 1, 28, 1 },
        { "performance.newCustomersCheckDay", 1, 28, 1 },
        { "attendance.lateFineMin", 0, 100_000, 0.01m },
        { "attendance.lateFineMax", 0, 100_000, 0.01m },
        { "attendance.absentFineMin", 0, 100_000, 0.01m },
        { "attendance.absentFineMax", 0, 100_000, 0.01m },
        { "attendance.unapprovedLeaveFine", 0, 100_000, 0.01m },
        { "attendance.customerDinnerNoticeMinutes", 0, 1_440, 1 },
        { "attendance.pingAnswerMinutes", 1, 30, 1 },
        { "attendance.meetingCheckInMinutes", 1, 240, 1 },
        { "attendance.offPostFine", 0, 100_000, 0.01m },
        { "attendance.offPostSuspensionCount", 1, 31, 1 },
        { "attendance.suspensionDays", 1, 31, 1 },
        { "fines.complaintMin", 0, 100_000, 0.01m },
        { "fines.complaintMax", 0, 100_000, 0.01m },
        { "fines.bookingRuleMin", 0, 100_000, 0.01m },
        { "fines.roomGrabbingMin", 0, 100_000, 0.01m },
        { "fines.roomGrabbingMax", 0, 100_000, 0.01m },
        { "fines.bookingRuleMax", 0, 100_000, 0.01m },
        { "fines.staffConflict", 0, 100_000, 0.01m },
        { "fines.authorityExceeded", 0, 100_000, 0.01m },
        { "fines.otherRoomMinutes", 1, 240, 1 },
        { "fines.otherRoomFine", 0, 100_000, 0.01m },
        { "fines.quarrelMin", 0, 100_000, 0.01m },
        { "fines.quarrelMax", 0, 100_000, 0.01m },
        { "diary.dueHoursAfterClosing", 0, 72, 1 },
        { "fines.emptyDiaryDays", 1, 31, 1 },
        { "fines.emptyDiaryFine", 0, 100_000, 0.01m },
        { "fines.floorManagerShare", 0, 1, 0.01m },
        { "fines.departmentHeadShare", 0, 1, 0.01m },
        { "fines.offenderShare", 0, 1, 0.01m },
        { "customers.contactsPerDayMin", 0, 100, 1 },
        { "customers.contactsPerDayMax", 0, 100, 1 },
        { "customers.vipWindowDays", 1, 730, 1 },
        { "customers.returnVisitAfterVisitDays", 0, 30, 1 },
        { "customers.returnVisitUnseenDays", 1, 365, 1 },
        { "customers.birthdayReminderDays", 0, 60, 1 },
        { "customers.exclusiveManagerTopCount", 0, 1_000, 1 },
        { "customers.vipDiamondShare", 0, 1, 0.01m },
        { "customers.vipGoldShare", 0, 1, 0.01m },
        { "complaints.acknowledgeMinutes", 1, 240, 1 },
        { "complaints.solutionHours", 1, 720, 1 },
        { "complaints.finalAnswerWorkingDays", 1, 60, 1 },
        { "complaints.guestLinkHours", 1, 72, 1 },
        { "complaints.lowRating", 1, 4, 1 },
        { "complaints.guestPostsPerLinkPerHour", 1, 100, 1 },
        { "complaints.guestPostsPerAddressPerHour", 1, 1_000, 1 },
        { "guestService.lostItemKeepDays", 1, 365, 1 },
        { "guestService.storedDrinkDays", 1, 730, 1 },
        { "guestService.storedDrinkReminderDays", 0, 60, 1 },
        { "checklists.closingReminderMinutes", 1, 720, 1 },
        { "appraisal.satisfactionThreshold", 0, 1, 0.01m },
        { "appraisal.failedPeriodsForReview", 1, 12, 1 },
        { "rankings.listed", 1, 20, 1 },
        { "rankings.pointsFirst", 0, 100, 1 },
        { "rankings.pointsSecond", 0, 100, 1 },
        { "rankings.pointsThird", 0, 100, 1 },
        { "rankings.pointsLast", 0, 100, 1 },
        { "rankings.pointsPerComplaint", 0, 100, 1 },
        { "rankings.pointsPerFine", 0, 100, 1 },
        { "rankings.pointsPerCommendation", 0, 100, 1 },
        { "integrity.lapseRateMax", 0, 1, 0.01m },
        { "integrity.lateCancelRateMax", 0, 1, 0.01m },
        { "integrity.lateCancelMinutes", 0, 1_440, 1 },
        { "integrity.mismatchesMax", 0, 100, 1 },
        { "integrity.outOfTurnMax", 0, 100, 1 },
        { "integrity.grabMinutes", 0, 120, 1 },
        { "integrity.minBookings", 1, 1_000, 1 },
        { "accounts.renewalReminderDays", 1, 365, 1 },
        { "accounts.partnerCommissionRate", 0, 0.5m, 0.01m },
        { "appraisal.appealDays", 1, 60, 1 },
        { "appraisal.passScore", 0, 100, 1 },
    };

    [Fact]
    public void The_partners_commission_rate_is_in_whole_percent()
    {
        Assert.Contains(new RuleProblem("accounts.partnerCommissionRate", "wholePercentRate"), Validate(With("accounts.partnerCommissionRate", 0.075m)));
        Assert.DoesNotContain(Validate(With("accounts.partnerCommissionRate", 0.08m)), p => p.Field == "accounts.partnerCommissionRate");
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Each_number_is_checked_against_its_bounds_which_are_inclusive(string path, decimal min, decimal max, decimal step)
    {
        var problem = new RuleProblem(path, "range", min, max);
        Assert.Contains(problem, Validate(With(path, min - step)));
        Assert.Contains(problem, Validate(With(path, max + step)));
        // At the bounds themselves the field has no range problem (a min at its max may still be above a max: minMax).
        Assert.DoesNotContain(Validate(With(path, min)), p => p.Field == path && p.Rule == "range");
        Assert.DoesNotContain(Validate(With(path, max)), p => p.Field == path && p.Rule == "range");
    }

    [Fact]
    public void The_table_of_bounds_covers_every_number_of_the_rules()
    {
        static IEnumerable<string> Numbers(JsonNode? node, string path) => node switch
        {
            JsonObject o => o.SelectMany(kv => Numbers(kv.Value, path == "" ? kv.Key : $"{path}.{kv.Key}")),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => [path],
            _ => [],
        };
        var numbers = Numbers(JsonSerializer.SerializeToNode(D, Json), "").ToHashSet();
        numbers.Add("authority.gm.maxCompValue"); // null by default (no limit), a number when set
        numbers.Add("fines.bookingRuleMax"); // likewise: SPEC.md "≥300", no upper end by default
        numbers.Add("fines.roomGrabbingMax");
        var table = Ranges.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(numbers.Order(StringComparer.Ordinal), table.Order(StringComparer.Ordinal));
    }

    // the …Min field, the …Max field, the …Max default
    public static TheoryData<string, string, decimal> MinMaxPairs => new()
    {
        { "attendance.lateFineMin", "attendance.lateFineMax", 100 },
        { "attendance.absentFineMin", "attendance.absentFineMax", 500 },
        { "fines.complaintMin", "fines.complaintMax", 500 },
        { "fines.quarrelMin", "fines.quarrelMax", 500 },
        { "customers.contactsPerDayMin", "customers.contactsPerDayMax", 10 },
    };

    [Fact]
    public void A_diamond_share_above_the_gold_share_names_the_gold_share()
    {
        Assert.Equal([new RuleProblem("customers.vipDiamondShare", "minMax", "customers.vipGoldShare")], Validate(With("customers.vipDiamondShare", 0.21m)));
        Assert.Empty(Validate(With("customers.vipDiamondShare", 0.20m)));
    }

    [Theory]
    [InlineData("fines.bookingRuleMin", "fines.bookingRuleMax", 300)]
    [InlineData("fines.roomGrabbingMin", "fines.roomGrabbingMax", 500)]
    public void An_optional_maximum_below_its_minimum_names_the_maximum_and_none_is_fine(string minField, string maxField, decimal min)
    {
        Assert.Equal([new RuleProblem(minField, "minMax", maxField)], Validate(With(maxField, min - 1)));
        Assert.Empty(Validate(With(maxField, min)));
        Assert.Empty(Validate(With(maxField, null)));
    }

    [Theory]
    [MemberData(nameof(MinMaxPairs))]
    public void A_minimum_above_its_maximum_names_the_maximum_and_equal_is_fine(string minField, string maxField, decimal max)
    {
        Assert.Equal([new RuleProblem(minField, "minMax", maxField)], Validate(With(minField, max + 1)));
        Assert.Empty(Validate(With(minField, max)));
    }

    public static TheoryData<string, HouseRules, RuleProblem[]> TimesOfTheNight => new()
    {
        {
            "standard window of no length",
            D with { Bookings = D.Bookings with { EarlyArrivalBefore = new(22, 45), EarlyHoldUntil = new(22, 45) } },
            [new RuleProblem("bookings.earlyArrivalBefore", "order", "bookings.standardWindowEnd")]
        },
        {
            "standard window of one minute",
            D with { Bookings = D.Bookings with { EarlyArrivalBefore = new(22, 44), EarlyHoldUntil = new(22, 44) } },
            []
        },
        {
            "early hold ending before the early window does",
            D with { Bookings = D.Bookings with { EarlyHoldUntil = new(20, 44) } },
            [new RuleProblem("bookings.earlyHoldUntil", "order", "bookings.earlyArrivalBefore")]
        },
        {
            "window end after midnight with a midnight cut-off: the start of the night",
            D with { BusinessDay = D.BusinessDay with { Cutoff = new(0, 0) }, Bookings = D.Bookings with { StandardWindowEnd = new(0, 30) } },
            [new RuleProblem("bookings.earlyArrivalBefore", "order", "bookings.standardWindowEnd")]
        },
        {
            "window end before midnight with a midnight cut-off",
            D with { BusinessDay = D.BusinessDay with { Cutoff = new(0, 0) }, Bookings = D.Bookings with { StandardWindowEnd = new(23, 59) } },
            []
        },
        {
            "no business-day section: the default cut-off orders the times",
            D with { BusinessDay = null!, Bookings = D.Bookings with { StandardWindowEnd = new(0, 30) } },
            [new RuleProblem("businessDay", "required")]
        },
        {
            "cut-off past noon",
            D with { BusinessDay = D.BusinessDay with { Cutoff = new(12, 1) } },
            [new RuleProblem("businessDay.cutoff", "range", "00:00", "12:00")]
        },
    };

    [Theory]
    [MemberData(nameof(TimesOfTheNight))]
    public void Times_of_the_night_are_ordered_from_the_cutoff(string _, HouseRules rules, RuleProblem[] expected)
    {
        Assert.Equal(expected, Validate(rules));
    }

    public static TheoryData<decimal[], bool> TipMultipliers => new()
    {
        { [5, 10], true },
        { [1, 100], true },
        { [100], true },
        { [100.01m], false },
        { [0.99m], false },
        { [5, 10, 101], false },
    };

    /// <summary>The weekly days off are ISO weekdays (1 = Monday … 7 = Sunday), and at least one day a week is worked (else no final answer could ever fall due).</summary>
    public static TheoryData<int[], bool> WeeklyDaysOff => new()
    {
        { [6, 7], true }, { [], true }, { [7], true }, { [1, 2, 3, 4, 5, 6], true },
        { [0], false }, { [8], false }, { [1, 2, 3, 4, 5, 6, 7], false },
    };

    [Theory]
    [MemberData(nameof(WeeklyDaysOff))]
    public void Weekly_days_off_are_weekdays_and_leave_a_working_day(int[] days, bool valid)
    {
        var problems = Validate(D with { Complaints = D.Complaints with { WeeklyDaysOff = days } });
        Assert.Equal(valid ? [] : [new RuleProblem("complaints.weeklyDaysOff", "range", 1m, 7m)], problems);
    }

    [Theory]
    [MemberData(nameof(TipMultipliers))]
    public void Tip_multipliers_lie_between_1_and_100(decimal[] multipliers, bool valid)
    {
        var problems = Validate(D with { Fines = D.Fines with { TipMultipliers = multipliers } });
        Assert.Equal(valid ? [] : [new RuleProblem("fines.tipMultipliers", "range", 1m, 100m)], problems);
    }

    [Theory]
    [InlineData("businessDay")]
    [InlineData("bookings")]
    [InlineData("authority")]
    [InlineData("performance")]
    [InlineData("attendance")]
    [InlineData("fines")]
    [InlineData("customers")]
    [InlineData("complaints")]
    [InlineData("appraisal")]
    [InlineData("training")]
    [InlineData("authority.manager")]
    [InlineData("authority.departmentHead")]
    [InlineData("authority.floorManager")]
    [InlineData("authority.gm")]
    public void A_missing_section_is_required_and_nothing_else_is_reported(string section)
    {
        Assert.Equal([new RuleProblem(section, "required")], Validate(With(section, null)));
    }

    [Fact]
    public void No_rules_at_all_is_a_programming_error_not_a_problem_list()
    {
        Assert.Throws<ArgumentNullException>(() => HouseRulesValidator.Validate(null!));
    }

    public static TheoryData<RuleProblem, RuleProblem, bool> Pairs => new()
    {
        { new("fines.quarrelMin", "minMax", "fines.quarrelMax"), new("fines.quarrelMin", "minMax", "fines.quarrelMax"), true },
        { new("bookings.cleaningMinutes", "range", 1m, 240m), new("bookings.cleaningMinutes", "range", 1m, 240m), true },
        { new("appraisal", "required"), new("appraisal", "required"), true },
        { new("bookings.cleaningMinutes", "range", 1m, 240m), new("bookings.lateHoldMinutes", "range", 1m, 240m), false },
        { new("bookings.cleaningMinutes", "range", 1m, 240m), new("bookings.cleaningMinutes", "minMax", 1m, 240m), false },
        { new("bookings.cleaningMinutes", "range", 1m, 240m), new("bookings.cleaningMinutes", "range", 1m, 60m), false },
        { new("bookings.cleaningMinutes", "range", 1m, 240m), new("bookings.lateHoldMinutes", "minMax", 1m, 240m), false },
        { new("appraisal", "required"), new("complaints", "required"), false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Two_problems_are_the_same_only_with_the_same_field_rule_and_args(RuleProblem a, RuleProblem b, bool same)
    {
        Assert.Equal(same, a.Equals(b));
        Assert.Equal(same, b.Equals(a));
        if (same) Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(null));
    }
}
