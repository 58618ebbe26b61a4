namespace Encore.Domain;

/// <summary>
/// Every number of SPEC.md as a typed, per-venue setting. The defaults here are SPEC.md's defaults; a venue
/// changes them through versions effective from an instant (the web layer keeps the history).
/// Property names become the camelCase JSON fields of /api/house-rules.
/// </summary>
public sealed record HouseRules
{
    public static HouseRules Defaults { get; } = new();

    public BusinessDayRules BusinessDay { get; init; } = new();
    public BookingRules Bookings { get; init; } = new();
    public AuthorityRules Authority { get; init; } = new();
    public PerformanceRules Performance { get; init; } = new();
    public AttendanceRules Attendance { get; init; } = new();
    public DiaryRules Diary { get; init; } = new();
    public FineRules Fines { get; init; } = new();
    public CustomerRules Customers { get; init; } = new();
    public GuestServiceRules GuestService { get; init; } = new();
    public ChecklistRules Checklists { get; init; } = new();
    public ComplaintRules Complaints { get; init; } = new();
    public AppraisalRules Appraisal { get; init; } = new();
    public RankingRules Rankings { get; init; } = new();
    public TrainingRules Training { get; init; } = new();
    public IntegrityRules Integrity { get; init; } = new();
    public AccountRules Accounts { get; init; } = new();
}

/// <summary>SPEC.md "Business day".</summary>
public sealed record BusinessDayRules
{
    public string TimeZone { get; init; } = "Asia/Shanghai";
    public TimeOnly Cutoff { get; init; } = new(6, 0);
    public TimeOnly OpensAt { get; init; } = new(19, 30);
    public TimeOnly ClosesAt { get; init; } = new(2, 0);
}

/// <summary>SPEC.md "Bookings": the hold windows and the cheating fine.</summary>
public sealed record BookingRules
{
    /// <summary>A booking for an arrival before this is held until <see cref="EarlyHoldUntil"/>.</summary>
    public TimeOnly EarlyArrivalBefore { get; init; } = new(20, 45);
    public TimeOnly EarlyHoldUntil { get; init; } = new(21, 0);
    /// <summary>Arrivals from EarlyArrivalBefore to this are held StandardHoldMinutes; later ones LateHoldMinutes.</summary>
    public TimeOnly StandardWindowEnd { get; init; } = new(22, 45);
    public int StandardHoldMinutes { get; init; } = 20;
    public int LateHoldMinutes { get; init; } = 20;
    /// <summary>A room in cleaning is released automatically after this.</summary>
    public int CleaningMinutes { get; init; } = 15;
    /// <summary>
    /// SPEC.md "Walk-in rotation": apart from pre-booked rooms, the remaining rooms MAY be shared evenly among the
    /// managers as their quota — off unless the venue turns it on; split at <see cref="AttendanceRules.MeetingAt"/>.
    /// </summary>
    public bool RoomQuotas { get; init; }
    public decimal CheatingFine { get; init; } = 500;
    /// <summary>A new booking's arrival may lie this far in the past (a guest already at the door), no further.</summary>
    public int ArrivalPastGraceMinutes { get; init; } = 15;
    /// <summary>A new booking's arrival may lie at most this many days ahead.</summary>
    public int MaxDaysAhead { get; init; } = 60;
}

/// <summary>The largest discount (a fraction) and comp value one role may give per room per night without approval.</summary>
public sealed record RoleAuthority
{
    public decimal MaxDiscountRate { get; init; }
    /// <summary>Null: no limit.</summary>
    public decimal? MaxCompValue { get; init; }
}

/// <summary>SPEC.md "Room sessions, spend, discounts and comps" (赠送权/折扣权; SPEC.md says 签送权, Encore says 赠送 throughout).</summary>
public sealed record AuthorityRules
{
    public RoleAuthority Manager { get; init; } = new() { MaxDiscountRate = 0.10m, MaxCompValue = 200 };
    public RoleAuthority DepartmentHead { get; init; } = new() { MaxDiscountRate = 0.15m, MaxCompValue = 500 };
    public RoleAuthority FloorManager { get; init; } = new() { MaxDiscountRate = 0.30m, MaxCompValue = 2000 };
    public RoleAuthority Gm { get; init; } = new() { MaxDiscountRate = 1.0m, MaxCompValue = null };
}

/// <summary>SPEC.md "Performance card and performance".</summary>
public sealed record PerformanceRules
{
    /// <summary>A card must be signed before the end of the business day this many days after its own.</summary>
    public int CardSignDeadlineDays { get; init; } = 1;
    public decimal MonthlySpendTarget { get; init; } = 300000;
    public int MonthlyRoomsTarget { get; init; } = 60;
    public int MissedMonthsForReview { get; init; } = 2;
    public int NewCustomersPerMonth { get; init; } = 7;
    public int NewCustomersDueDay { get; init; } = 15;
    /// <summary>From this day of the month the floor sees who is still under the new-customer quota (before it falls due).</summary>
    public int NewCustomersCheckDay { get; init; } = 10;
}

/// <summary>SPEC.md "Attendance and leave".</summary>
public sealed record AttendanceRules
{
    public TimeOnly SignInBy { get; init; } = new(18, 0);
    public TimeOnly MeetingAt { get; init; } = new(19, 0);
    /// <summary>
    /// How long after a meeting's start check-in stays open (a late check-in is still a check-in); after it, whoever was
    /// expected and did not check in is absent from the meeting.
    /// </summary>
    public int MeetingCheckInMinutes { get; init; } = 30;
    public decimal LateFineMin { get; init; } = 50;
    public decimal LateFineMax { get; init; } = 100;
    public decimal AbsentFineMin { get; init; } = 200;
    public decimal AbsentFineMax { get; init; } = 500;
    public decimal UnapprovedLeaveFine { get; init; } = 100;
    public int CustomerDinnerNoticeMinutes { get; init; } = 60;
    public TimeOnly CustomerDinnerBackBy { get; init; } = new(20, 30);
    public int PingAnswerMinutes { get; init; } = 5;
    public decimal OffPostFine { get; init; } = 100;
    public int OffPostSuspensionCount { get; init; } = 2;
    /// <summary>
    /// How many business days a confirmed suspension (停职) lasts, counting the business day it is confirmed as the
    /// first: no booking, skipped in the rotation, no performance. Consecutive business days (a KTV opens every night).
    /// </summary>
    public int SuspensionDays { get; init; } = 3;
}

/// <summary>SPEC.md "Violations and fines": the default amounts, the tip escalation and the shared split.</summary>
public sealed record FineRules
{
    public decimal ComplaintMin { get; init; } = 300;
    public decimal ComplaintMax { get; init; } = 500;
    public decimal BookingRuleMin { get; init; } = 300;
    /// <summary>Null: no upper end (SPEC.md "≥300"), only the bound of one item.</summary>
    public decimal? BookingRuleMax { get; init; }
    public decimal RoomGrabbingMin { get; init; } = 500;
    /// <summary>Null: no upper end (SPEC.md "≥500 or dismissal").</summary>
    public decimal? RoomGrabbingMax { get; init; }
    public decimal StaffConflict { get; init; } = 200;
    public decimal AuthorityExceeded { get; init; } = 200;
    public int OtherRoomMinutes { get; init; } = 15;
    public decimal OtherRoomFine { get; init; } = 300;
    public decimal QuarrelMin { get; init; } = 200;
    public decimal QuarrelMax { get; init; } = 500;
    /// <summary>Fine = tip × the multiplier of the nth offence; the offence after the last means dismissal.</summary>
    public IReadOnlyList<decimal> TipMultipliers { get; init; } = [5, 10];
    public int EmptyDiaryDays { get; init; } = 3;
    public decimal EmptyDiaryFine { get; init; } = 100;
    public decimal FloorManagerShare { get; init; } = 0.40m;
    public decimal DepartmentHeadShare { get; init; } = 0.30m;
    public decimal OffenderShare { get; init; } = 0.30m;
    // Whether a fine of the type is split 40/30/30 when the floor manager did not catch it (SPEC.md "Shared
    // responsibility"): by default the offences a department's floor manager and head answer for on the floor.
    public bool ComplaintShared { get; init; } = true;
    public bool BookingRulesShared { get; init; } = true;
    public bool RoomGrabbingShared { get; init; } = true;
    public bool QuarrelShared { get; init; } = true;
    public bool TipsShared { get; init; } = true;
    public bool StaffConflictShared { get; init; }
    public bool AuthorityExceededShared { get; init; }
    public bool OtherRoomShared { get; init; }
}

/// <summary>SPEC.md "Customer files and return visits".</summary>
public sealed record CustomerRules
{
    public int ContactsPerDayMin { get; init; } = 5;
    public int ContactsPerDayMax { get; init; } = 10;
    public int VipWindowDays { get; init; } = 90;
    public int ReturnVisitAfterVisitDays { get; init; } = 1;
    public int ReturnVisitUnseenDays { get; init; } = 30;
    public int BirthdayReminderDays { get; init; } = 3;
    public int ExclusiveManagerTopCount { get; init; } = 20;
    /// <summary>The top this fraction of the ranked customers are diamond.</summary>
    public decimal VipDiamondShare { get; init; } = 0.05m;
    /// <summary>The top this fraction (diamond included) are at least gold; the rest with two visits silver.</summary>
    public decimal VipGoldShare { get; init; } = 0.20m;
}

/// <summary>SPEC.md "Daily work diary": when a night's diary is due (the empty-diary fine is under <see cref="FineRules"/>).</summary>
public sealed record DiaryRules
{
    /// <summary>A night's diary is due this many hours after the night's closing time; a diary not submitted by then is empty.</summary>
    public int DueHoursAfterClosing { get; init; } = 16;
}

/// <summary>SPEC.md "Guest service": how long lost property and stored drinks are kept, and the stored-drink reminder.</summary>
public sealed record GuestServiceRules
{
    /// <summary>Lost property is kept through the business day this many days after it was found; disposed of only after.</summary>
    public int LostItemKeepDays { get; init; } = 30;
    /// <summary>Stored drinks may be withdrawn through the business day this many days after they were stored.</summary>
    public int StoredDrinkDays { get; init; } = 90;
    /// <summary>The owning manager's return visit falls due this many days before a stored bottle expires.</summary>
    public int StoredDrinkReminderDays { get; init; } = 7;
}

/// <summary>SPEC.md "Diary, meetings, checklists, shift handover": the closing round (收档) before the cut-off.</summary>
public sealed record ChecklistRules
{
    /// <summary>The floor manager is reminded this many minutes before the business day's cut-off when the night's closing round is not complete.</summary>
    public int ClosingReminderMinutes { get; init; } = 30;
}

/// <summary>SPEC.md "Complaints": time limits.</summary>
public sealed record ComplaintRules
{
    /// <summary>A complaint is acknowledged within this many minutes, or it goes to the department head.</summary>
    public int AcknowledgeMinutes { get; init; } = 10;
    public int SolutionHours { get; init; } = 48;
    public int FinalAnswerWorkingDays { get; init; } = 7;
    /// <summary>The weekly days off of the working-day count, ISO numbers (1 = Monday … 7 = Sunday); the GM's calendar adds holidays and make-up days.</summary>
    public IReadOnlyList<int> WeeklyDaysOff { get; init; } = [6, 7];
    /// <summary>The guest's link of a room session keeps working this many hours after the session closes.</summary>
    public int GuestLinkHours { get; init; } = 2;
    /// <summary>A guest's rating at or below this opens a complaint by itself.</summary>
    public int LowRating { get; init; } = 2;
    /// <summary>Posts one guest link takes in an hour; more are refused (429).</summary>
    public int GuestPostsPerLinkPerHour { get; init; } = 5;
    /// <summary>Guest posts one network address makes in an hour, over all links; more are refused (429).</summary>
    public int GuestPostsPerAddressPerHour { get; init; } = 20;
}

/// <summary>SPEC.md "Appraisal".</summary>
public sealed record AppraisalRules
{
    public decimal SatisfactionThreshold { get; init; } = 0.70m;
    public int FailedPeriodsForReview { get; init; } = 2;
    /// <summary>The appraised person may appeal a published appraisal for this many days after it was published (to the second).</summary>
    public int AppealDays { get; init; } = 7;
    /// <summary>An appraisal total below this fails the period (two failed periods of one kind in a row flag a review).</summary>
    public decimal PassScore { get; init; } = 60;
}

/// <summary>
/// SPEC.md "Appraisal and training": the monthly rankings (best and worst managers) and their points, which add up
/// over the year to the star manager. The places come from the month's scores (<see cref="Rankings"/>); complaints,
/// fines and commendations move the points either way.
/// </summary>
public sealed record RankingRules
{
    /// <summary>How many places the best and the worst lists show, venue-wide.</summary>
    public int Listed { get; init; } = 3;
    /// <summary>Points for the first, second and third place of the month (tied places share the points of the place).</summary>
    public int PointsFirst { get; init; } = 5;
    public int PointsSecond { get; init; } = 3;
    public int PointsThird { get; init; } = 1;
    /// <summary>Points taken from the last place of the month.</summary>
    public int PointsLast { get; init; } = 3;
    /// <summary>Points taken per complaint of the month about the person's rooms and guests.</summary>
    public int PointsPerComplaint { get; init; } = 2;
    /// <summary>Points taken per fine of the month that stands (confirmed, or upheld on appeal).</summary>
    public int PointsPerFine { get; init; } = 1;
    /// <summary>Points given per commendation (表扬) of the month.</summary>
    public int PointsPerCommendation { get; init; } = 2;
}

/// <summary>SPEC.md "Appraisal (考核) and training (培训)": a course as a prerequisite (Training/, <see cref="TrainingPolicy"/>).</summary>
public sealed record TrainingRules
{
    /// <summary>
    /// When true, a customer manager (or promoter) who has not passed a course marked <c>discountAuthority</c> has no
    /// discount or comp authority: anything above 0 needs an approval. Off by default.
    /// </summary>
    public bool AuthorityNeedsCourse { get; init; }
}

/// <summary>
/// SPEC.md "Bookings": fake bookings (带假房) and room-grabbing (抢房) are violations. The monthly integrity report
/// (Web Reports/Integrity*) flags a booker whose figure is strictly above its threshold; a rate is judged only from
/// <see cref="MinBookings"/> bookings of the month on.
/// </summary>
public sealed record IntegrityRules
{
    /// <summary>Lapsed ÷ bookings above this flags <c>lapseRate</c>.</summary>
    public decimal LapseRateMax { get; init; } = 0.20m;
    /// <summary>Late cancellations ÷ bookings above this flags <c>lateCancelRate</c>.</summary>
    public decimal LateCancelRateMax { get; init; } = 0.20m;
    /// <summary>A cancellation less than this many minutes before the booked arrival (or after it) is a late one.</summary>
    public int LateCancelMinutes { get; init; } = 60;
    /// <summary>Failed arrival verifications (mismatches) above this count flag <c>mismatches</c>.</summary>
    public int MismatchesMax { get; init; }
    /// <summary>Rooms grabbed or taken out of turn above this count flag <c>outOfTurn</c>.</summary>
    public int OutOfTurnMax { get; init; } = 1;
    /// <summary>A booking made less than this many minutes before its guest arrived counts as grabbed (a walk-in at the door).</summary>
    public int GrabMinutes { get; init; } = 10;
    /// <summary>The bookings of the month a booker needs before their rates are judged.</summary>
    public int MinBookings { get; init; } = 5;
}

/// <summary>SPEC.md "Market development": corporate accounts and their contracts.</summary>
public sealed record AccountRules
{
    /// <summary>A contract ending within this many days is listed for renewal to its account's owner and the GM.</summary>
    public int RenewalReminderDays { get; init; } = 30;
    /// <summary>
    /// A partner's commission (hotel, travel agency, driver) on the spend of the guests they bring, unless the partner
    /// has a rate of their own: a fraction in whole percent (0.05 = 5%), paid on what the guests paid (spend − discount).
    /// </summary>
    public decimal PartnerCommissionRate { get; init; } = 0.05m;
}
