using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Encore.Domain;

namespace Encore.Domain.Tests;

public sealed class HouseRulesTests
{
    // The web layer reads and writes house rules as camelCase JSON, so the tests name fields by JSON path.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static JsonNode? At(HouseRules rules, string path) =>
        path.Split('.').Aggregate(JsonSerializer.SerializeToNode(rules, Json), (node, key) =>
            node is JsonObject o && o.TryGetPropertyValue(key, out var child) ? child : throw new KeyNotFoundException(path));

    [Theory]
    [InlineData("businessDay.timeZone", "Asia/Shanghai")]
    [InlineData("businessDay.cutoff", "06:00")]
    [InlineData("businessDay.opensAt", "19:30")]
    [InlineData("businessDay.closesAt", "02:00")]
    [InlineData("bookings.earlyArrivalBefore", "20:45")]
    [InlineData("bookings.earlyHoldUntil", "21:00")]
    [InlineData("bookings.standardWindowEnd", "22:45")]
    [InlineData("bookings.standardHoldMinutes", "20")]
    [InlineData("bookings.lateHoldMinutes", "20")]
    [InlineData("bookings.cleaningMinutes", "15")]
    [InlineData("bookings.cheatingFine", "500")]
    [InlineData("authority.manager.maxDiscountRate", "0.10")]
    [InlineData("authority.manager.maxCompValue", "200")]
    [InlineData("authority.departmentHead.maxDiscountRate", "0.15")]
    [InlineData("authority.departmentHead.maxCompValue", "500")]
    [InlineData("authority.floorManager.maxDiscountRate", "0.30")]
    [InlineData("authority.floorManager.maxCompValue", "2000")]
    [InlineData("authority.gm.maxDiscountRate", "1")]
    [InlineData("authority.gm.maxCompValue", null)]
    [InlineData("performance.cardSignDeadlineDays", "1")]
    [InlineData("performance.monthlySpendTarget", "300000")]
    [InlineData("performance.monthlyRoomsTarget", "60")]
    [InlineData("performance.missedMonthsForReview", "2")]
    [InlineData("performance.newCustomersPerMonth", "7")]
    [InlineData("performance.newCustomersDueDay", "15")]
    [InlineData("performance.newCustomersCheckDay", "10")]
    [InlineData("attendance.signInBy", "18:00")]
    [InlineData("attendance.meetingAt", "19:00")]
    [InlineData("attendance.lateFineMin", "50")]
    [InlineData("attendance.lateFineMax", "100")]
    [InlineData("attendance.absentFineMin", "200")]
    [InlineData("attendance.absentFineMax", "500")]
    [InlineData("attendance.unapprovedLeaveFine", "100")]
    [InlineData("attendance.customerDinnerNoticeMinutes", "60")]
    [InlineData("attendance.customerDinnerBackBy", "20:30")]
    [InlineData("attendance.pingAnswerMinutes", "5")]
    [InlineData("attendance.meetingCheckInMinutes", "30")]
    [InlineData("attendance.offPostFine", "100")]
    [InlineData("attendance.offPostSuspensionCount", "2")]
    [InlineData("attendance.suspensionDays", "3")]
    [InlineData("fines.complaintMin", "300")]
    [InlineData("fines.complaintMax", "500")]
    [InlineData("fines.bookingRuleMin", "300")]
    [InlineData("fines.roomGrabbingMin", "500")]
    [InlineData("fines.staffConflict", "200")]
    [InlineData("fines.authorityExceeded", "200")]
    [InlineData("fines.otherRoomMinutes", "15")]
    [InlineData("fines.otherRoomFine", "300")]
    [InlineData("fines.quarrelMin", "200")]
    [InlineData("fines.quarrelMax", "500")]
    [InlineData("fines.tipMultipliers", "[5,10]")]
    [InlineData("diary.dueHoursAfterClosing", "16")]
    [InlineData("fines.emptyDiaryDays", "3")]
    [InlineData("fines.emptyDiaryFine", "100")]
    [InlineData("fines.floorManagerShare", "0.40")]
    [InlineData("fines.departmentHeadShare", "0.30")]
    [InlineData("fines.offenderShare", "0.30")]
    [InlineData("customers.contactsPerDayMin", "5")]
    [InlineData("customers.contactsPerDayMax", "10")]
    [InlineData("customers.vipWindowDays", "90")]
    [InlineData("customers.returnVisitAfterVisitDays", "1")]
    [InlineData("customers.returnVisitUnseenDays", "30")]
    [InlineData("customers.birthdayReminderDays", "3")]
    [InlineData("customers.exclusiveManagerTopCount", "20")]
    [InlineData("complaints.solutionHours", "48")]
    [InlineData("complaints.finalAnswerWorkingDays", "7")]
    [InlineData("appraisal.satisfactionThreshold", "0.70")]
    [InlineData("appraisal.failedPeriodsForReview", "2")]
    [InlineData("rankings.listed", "3")]
    [InlineData("rankings.pointsFirst", "5")]
    [InlineData("rankings.pointsSecond", "3")]
    [InlineData("rankings.pointsThird", "1")]
    [InlineData("rankings.pointsLast", "3")]
    [InlineData("rankings.pointsPerComplaint", "2")]
    [InlineData("rankings.pointsPerFine", "1")]
    [InlineData("rankings.pointsPerCommendation", "2")]
    [InlineData("integrity.lapseRateMax", "0.20")]
    [InlineData("integrity.lateCancelRateMax", "0.20")]
    [InlineData("integrity.lateCancelMinutes", "60")]
    [InlineData("integrity.mismatchesMax", "0")]
    [InlineData("integrity.outOfTurnMax", "1")]
    [InlineData("integrity.grabMinutes", "10")]
    [InlineData("integrity.minBookings", "5")]
    [InlineData("accounts.renewalReminderDays", "30")]
    [InlineData("appraisal.appealDays", "7")]
    [InlineData("appraisal.passScore", "60")]
    [InlineData("training.authorityNeedsCourse", "false")]
    public void Each_default_is_the_SPEC_number_under_its_JSON_field(string path, string? expected)
    {
        var node = At(HouseRules.Defaults, path);
        switch (node)
        {
            case null:
                Assert.Null(expected);
                break;
            case JsonArray array:
                Assert.Equal(expected, array.ToJsonString());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                Assert.Equal(decimal.Parse(expected!, CultureInfo.InvariantCulture), value.GetValue<decimal>());
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected, value.GetValue<bool>() ? "true" : "false");
                break;
            case JsonValue value when TimeOnly.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, out var time):
                Assert.Equal(TimeOnly.Parse(expected!, CultureInfo.InvariantCulture), time);
                break;
            default:
                Assert.Equal(expected, node.GetValue<string>());
                break;
        }
    }

    [Fact]
    public void The_defaults_have_the_types_other_code_relies_on()
    {
        var r = HouseRules.Defaults;
        Assert.Equal(new TimeOnly(6, 0), r.BusinessDay.Cutoff);
        Assert.Equal(0.10m, r.Authority.Manager.MaxDiscountRate);
        Assert.Null(r.Authority.Gm.MaxCompValue);
        Assert.Equal([5m, 10m], r.Fines.TipMultipliers);
        Assert.Equal(1m, r.Fines.FloorManagerShare + r.Fines.DepartmentHeadShare + r.Fines.OffenderShare);
    }

    [Fact]
    public void Rules_read_from_partial_JSON_are_complete()
    {
        var rules = JsonSerializer.Deserialize<HouseRules>(
            """{ "bookings": { "standardHoldMinutes": 30 }, "fines": { "tipMultipliers": [3, 6, 9] }, "authority": { "gm": { "maxDiscountRate": 0.5 } } }""",
            Json)!;

        Assert.Equal(30, rules.Bookings.StandardHoldMinutes);
        Assert.Equal(20, rules.Bookings.LateHoldMinutes);
        Assert.Equal([3m, 6m, 9m], rules.Fines.TipMultipliers);
        Assert.Equal(0.30m, rules.Fines.OffenderShare);
        Assert.Equal(0.5m, rules.Authority.Gm.MaxDiscountRate);
        Assert.Null(rules.Authority.Gm.MaxCompValue);
        Assert.Equal(HouseRules.Defaults.Authority.Manager, rules.Authority.Manager);
        Assert.Equal(HouseRules.Defaults.Attendance, rules.Attendance);
        Assert.Empty(HouseRulesValidator.Validate(rules));
    }

    [Fact]
    public void Rules_survive_a_JSON_round_trip()
    {
        var json = JsonSerializer.Serialize(HouseRules.Defaults, Json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<HouseRules>(json, Json), Json));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(HouseRulesValidator.Validate(HouseRules.Defaults));
    }

    private static readonly HouseRules D = HouseRules.Defaults;

    public static TheoryData<string, HouseRules, string, string> BadRules => new()
    {
        { "hold 0", D with { Bookings = new BookingRules { StandardHoldMinutes = 0 } }, "bookings.standardHoldMinutes", "range" },
        { "hold 241", D with { Bookings = new BookingRules { LateHoldMinutes = 241 } }, "bookings.lateHoldMinutes", "range" },
        { "cheating fine", D with { Bookings = new BookingRules { CheatingFine = 100_001 } }, "bookings.cheatingFine", "range" },
        { "early after window", D with { Bookings = new BookingRules { EarlyArrivalBefore = new(23, 0) } }, "bookings.earlyArrivalBefore", "order" },
        { "early after midnight", D with { Bookings = new BookingRules { EarlyArrivalBefore = new(1, 0) } }, "bookings.earlyArrivalBefore", "order" },
        { "hold before arrival", D with { Bookings = new BookingRules { EarlyHoldUntil = new(20, 0) } }, "bookings.earlyHoldUntil", "order" },
        { "zone", D with { BusinessDay = new BusinessDayRules { TimeZone = "Mars/Olympus" } }, "businessDay.timeZone", "timeZone" },
        { "zone folder", D with { BusinessDay = new BusinessDayRules { TimeZone = "Asia" } }, "businessDay.timeZone", "timeZone" },
        { "empty zone", D with { BusinessDay = new BusinessDayRules { TimeZone = "" } }, "businessDay.timeZone", "required" },
        { "null zone", D with { BusinessDay = new BusinessDayRules { TimeZone = null! } }, "businessDay.timeZone", "required" },
        { "cutoff", D with { BusinessDay = new BusinessDayRules { Cutoff = new(12, 1) } }, "businessDay.cutoff", "range" },
        { "rate", D with { Authority = new AuthorityRules { Manager = new RoleAuthority { MaxDiscountRate = 1.5m, MaxCompValue = 200 } } }, "authority.manager.maxDiscountRate", "range" },
        { "negative rate", D with { Authority = new AuthorityRules { FloorManager = new RoleAuthority { MaxDiscountRate = -0.1m } } }, "authority.floorManager.maxDiscountRate", "range" },
        { "comp", D with { Authority = new AuthorityRules { Gm = new RoleAuthority { MaxDiscountRate = 1, MaxCompValue = -1 } } }, "authority.gm.maxCompValue", "range" },
        { "no role", D with { Authority = new AuthorityRules { DepartmentHead = null! } }, "authority.departmentHead", "required" },
        { "late min>max", D with { Attendance = new AttendanceRules { LateFineMin = 150 } }, "attendance.lateFineMin", "minMax" },
        { "absent min>max", D with { Attendance = new AttendanceRules { AbsentFineMax = 199 } }, "attendance.absentFineMin", "minMax" },
        { "ping 0", D with { Attendance = new AttendanceRules { PingAnswerMinutes = 0 } }, "attendance.pingAnswerMinutes", "range" },
        { "ping 31", D with { Attendance = new AttendanceRules { PingAnswerMinutes = 31 } }, "attendance.pingAnswerMinutes", "range" },
        { "negative fine", D with { Attendance = new AttendanceRules { OffPostFine = -1 } }, "attendance.offPostFine", "range" },
        { "shares over", D with { Fines = new FineRules { OffenderShare = 0.5m } }, "fines.offenderShare", "sum" },
        { "shares under", D with { Fines = new FineRules { FloorManagerShare = 0.3m } }, "fines.offenderShare", "sum" },
        { "tips empty", D with { Fines = new FineRules { TipMultipliers = [] } }, "fines.tipMultipliers", "required" },
        { "tips null", D with { Fines = new FineRules { TipMultipliers = null! } }, "fines.tipMultipliers", "required" },
        { "tips zero", D with { Fines = new FineRules { TipMultipliers = [5, 0] } }, "fines.tipMultipliers", "range" },
        { "complaint min>max", D with { Fines = new FineRules { ComplaintMin = 501 } }, "fines.complaintMin", "minMax" },
        { "quarrel", D with { Fines = new FineRules { QuarrelMin = 600 } }, "fines.quarrelMin", "minMax" },
        { "other room 0", D with { Fines = new FineRules { OtherRoomMinutes = 0 } }, "fines.otherRoomMinutes", "range" },
        { "contacts", D with { Customers = new CustomerRules { ContactsPerDayMin = 11 } }, "customers.contactsPerDayMin", "minMax" },
        { "vip window", D with { Customers = new CustomerRules { VipWindowDays = 0 } }, "customers.vipWindowDays", "range" },
        { "due day", D with { Performance = new PerformanceRules { NewCustomersDueDay = 29 } }, "performance.newCustomersDueDay", "range" },
        { "spend target", D with { Performance = new PerformanceRules { MonthlySpendTarget = 100_000_001 } }, "performance.monthlySpendTarget", "range" },
        { "solution hours", D with { Complaints = new ComplaintRules { SolutionHours = 0 } }, "complaints.solutionHours", "range" },
        { "satisfaction", D with { Appraisal = new AppraisalRules { SatisfactionThreshold = 70 } }, "appraisal.satisfactionThreshold", "range" },
        { "no section", D with { Complaints = null! }, "complaints", "required" },
        { "no bookings", D with { Bookings = null! }, "bookings", "required" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void Each_broken_rule_is_named_with_its_JSON_field_and_code(string _, HouseRules rules, string field, string rule)
    {
        var problems = HouseRulesValidator.Validate(rules);
        Assert.Contains(problems, p => p.Field == field && p.Rule == rule);
        // Every reported field is a real JSON path of the rules, so the web layer can point at it.
        Assert.All(problems, p => At(D, p.Field));
    }

    public static TheoryData<string, HouseRules> EdgeRules => new()
    {
        { "cutoff 12:00", D with { BusinessDay = new BusinessDayRules { Cutoff = new(12, 0) } } },
        { "cutoff midnight", D with { BusinessDay = new BusinessDayRules { Cutoff = new(0, 0) } } },
        { "holds 1 and 240", D with { Bookings = new BookingRules { StandardHoldMinutes = 1, LateHoldMinutes = 240 } } },
        { "window ends after midnight", D with { Bookings = new BookingRules { StandardWindowEnd = new(0, 30) } } },
        { "hold ends at arrival", D with { Bookings = new BookingRules { EarlyHoldUntil = new(20, 45) } } },
        { "ping 30", D with { Attendance = new AttendanceRules { PingAnswerMinutes = 30 } } },
        { "min equals max", D with { Attendance = new AttendanceRules { LateFineMin = 100 } } },
        { "rates 0 and 1", D with { Authority = new AuthorityRules { Manager = new RoleAuthority { MaxDiscountRate = 0 }, DepartmentHead = new RoleAuthority { MaxDiscountRate = 1 } } } },
        { "shares 0.5/0.5/0", D with { Fines = new FineRules { FloorManagerShare = 0.5m, DepartmentHeadShare = 0.5m, OffenderShare = 0 } } },
        { "one tip step", D with { Fines = new FineRules { TipMultipliers = [1] } } },
        { "zone in other case", D with { BusinessDay = new BusinessDayRules { TimeZone = "Europe/Berlin" } } },
    };

    [Theory]
    [MemberData(nameof(EdgeRules))]
    public void Values_at_the_edges_are_accepted(string _, HouseRules rules)
    {
        Assert.Empty(HouseRulesValidator.Validate(rules));
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var rules = D with
        {
            Bookings = new BookingRules { StandardHoldMinutes = 0, CleaningMinutes = 0 },
            Attendance = new AttendanceRules { PingAnswerMinutes = 99 },
            Appraisal = null!,
        };
        Assert.Equal(["appraisal", "attendance.pingAnswerMinutes", "bookings.cleaningMinutes", "bookings.standardHoldMinutes"],
            HouseRulesValidator.Validate(rules).Select(p => p.Field).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("range")]
    [InlineData("minMax")]
    [InlineData("order")]
    [InlineData("sum")]
    public void A_problem_carries_the_args_its_message_needs(string rule)
    {
        var (rules, expected) = rule switch
        {
            "range" => (D with { Bookings = new BookingRules { StandardHoldMinutes = 0 } }, new RuleProblem("bookings.standardHoldMinutes", "range", 1m, 240m)),
            "minMax" => (D with { Fines = new FineRules { QuarrelMin = 600 } }, new RuleProblem("fines.quarrelMin", "minMax", "fines.quarrelMax")),
            "order" => (D with { Bookings = new BookingRules { EarlyHoldUntil = new(20, 0) } }, new RuleProblem("bookings.earlyHoldUntil", "order", "bookings.earlyArrivalBefore")),
            _ => (D with { Fines = new FineRules { OffenderShare = 0.5m } }, new RuleProblem("fines.offenderShare", "sum", 1m)),
        };
        Assert.Equal(expected, Assert.Single(HouseRulesValidator.Validate(rules)));
    }
}
