namespace Encore.Web.Discipline;

/// <summary>
/// SPEC.md's violation catalogue, seeded once per venue (names, whether active, tip-based, may dismiss). The fine range
/// of every type SPEC.md gives an amount for, and whether it is shared 40/30/30, are house rules: read from the rules in
/// force (<see cref="RangeOf"/>, <see cref="SharedOf"/>), never from the seeded row, so a changed rule changes the
/// catalogue a venue sees, the raise dialog and the check of a raised amount. Types a GM adds keep their own range.
/// </summary>
public static class ViolationCatalogue
{
    /// <summary>A type's range from the house rules, with the JSON paths of the rules that set each end.</summary>
    public sealed record RuleRange(decimal Min, decimal? Max, string MinRule, string MaxRule);

    /// <summary>The range the house rules set for <paramref name="code"/>, or null for a type that is no house rule's.</summary>
    public static RuleRange? RangeOf(string code, Domain.HouseRules rules)
    {
        var (f, a) = (rules.Fines, rules.Attendance);
        RuleRange One(decimal amount, string rule) => new(amount, amount, rule, rule);
        return code switch
        {
            "complaint" => new(f.ComplaintMin, f.ComplaintMax, "fines.complaintMin", "fines.complaintMax"),
            "bookingRules" => new(f.BookingRuleMin, f.BookingRuleMax, "fines.bookingRuleMin", "fines.bookingRuleMax"),
            "roomGrabbing" => new(f.RoomGrabbingMin, f.RoomGrabbingMax, "fines.roomGrabbingMin", "fines.roomGrabbingMax"),
            "staffConflict" => One(f.StaffConflict, "fines.staffConflict"),
            "authorityExceeded" => One(f.AuthorityExceeded, "fines.authorityExceeded"),
            "otherRoom" => One(f.OtherRoomFine, "fines.otherRoomFine"),
            "quarrel" => new(f.QuarrelMin, f.QuarrelMax, "fines.quarrelMin", "fines.quarrelMax"),
            "emptyDiary" => One(f.EmptyDiaryFine, "fines.emptyDiaryFine"),
            "cheating" => One(rules.Bookings.CheatingFine, "bookings.cheatingFine"),
            "late" => new(a.LateFineMin, a.LateFineMax, "attendance.lateFineMin", "attendance.lateFineMax"),
            "absent" => new(a.AbsentFineMin, a.AbsentFineMax, "attendance.absentFineMin", "attendance.absentFineMax"),
            "unapprovedLeave" => One(a.UnapprovedLeaveFine, "attendance.unapprovedLeaveFine"),
            "offPost" => One(a.OffPostFine, "attendance.offPostFine"),
            _ => null,
        };
    }

    /// <summary>Whether the house rules split a fine of <paramref name="code"/> 40/30/30; a type no rule names is not shared.</summary>
    public static bool SharedOf(string code, Domain.HouseRules rules) => code switch
    {
        "complaint" => rules.Fines.ComplaintShared,
        "bookingRules" => rules.Fines.BookingRulesShared,
        "roomGrabbing" => rules.Fines.RoomGrabbingShared,
        "quarrel" => rules.Fines.QuarrelShared,
        "tips" => rules.Fines.TipsShared,
        "staffConflict" => rules.Fines.StaffConflictShared,
        "authorityExceeded" => rules.Fines.AuthorityExceededShared,
        "otherRoom" => rules.Fines.OtherRoomShared,
        _ => false,
    };

    /// <summary>A type's range as the venue applies it: the house rules' for a type they set, else the type's own.</summary>
    public static (decimal Min, decimal? Max) EffectiveRange(ViolationType type, Domain.HouseRules rules) =>
        RangeOf(type.Code, rules) is { } r ? (r.Min, r.Max) : (type.FineMin, type.FineMax);

    public static readonly IReadOnlyList<ViolationType> Defaults =
    [
        Type("complaint", "客人投诉服务", 300, 500),
        Type("bookingRules", "违反订房制度/带假房/与咨客争吵", 300, null),
        Type("roomGrabbing", "抢房/争抢客人", 500, null, mayDismiss: true),
        Type("staffConflict", "与员工或保安冲突", 200, 200),
        Type("authorityExceeded", AuthorityExceededName, 200, 200),
        Type("otherRoom", "进他人包房超过15分钟/派发名片", 300, 300),
        // Any arrival is verified, not only a late one: the name must not say late (迟到) for a guest on time.
        Type(SystemViolation.Cheating.Code(), CheatingName, 500, 500),
        Type("quarrel", "吵架打架", 200, 500, mayDismiss: true),
        Type("tips", "索要小费致客人不满", 0, null, tipBased: true, mayDismiss: true),
        Type(SystemViolation.EmptyDiary.Code(), "工作日志连续3天为空", 100, 100),
        Type("vice", "涉赌涉毒涉黄", 0, 0, mayDismiss: true),
        Type(SystemViolation.Late.Code(), "迟到", 50, 100),
        Type(SystemViolation.Absent.Code(), "旷工", 200, 500),
        Type(SystemViolation.UnapprovedLeave.Code(), "未经批准请假", 100, 100),
        Type(SystemViolation.OffPost.Code(), "查岗未及时回复（离岗）", 100, 100),
        Type(SystemViolation.Suspension.Code(), "停职（本月第二次离岗）", 0, 0),
    ];

    public const string CheatingName = "到店核对作弊";

    /// <summary>One word per thing (issue 13): comps are 赠送 everywhere, never also 签送.</summary>
    public const string AuthorityExceededName = "超权限打折/赠送（有投诉）";

    /// <summary>Names types were first seeded with, by code; a venue that never renamed one gets the new name.</summary>
    private static readonly (string Code, string Old, string New)[] Renamed =
    [
        (SystemViolation.Cheating.Code(), "迟到核对作弊", CheatingName),
        ("authorityExceeded", "超权限打折/签送（有投诉）", AuthorityExceededName),
    ];

    /// <summary>
    /// A type's name as <paramref name="culture"/> reads it. The seeded names are Chinese, the venue's own words; a
    /// type still under its seeded name is shown to an English reader by the catalogue's English name
    /// (violationType.{code} in Platform/Texts), a name the GM typed is shown as typed.
    /// </summary>
    public static string NameFor(string code, string stored, CultureInfo culture)
    {
        if (!Texts.IsEnglish(culture)) return stored;
        var key = $"violationType.{code}";
        var seeded = Defaults.FirstOrDefault(d => d.Code == code)?.Name;
        return seeded == stored && Texts.Get(key, culture) is var english && english != key ? english : stored;
    }

    /// <summary>
    /// The name to store for what a GM saved: a seeded type's English name (as an English page shows it and sends it
    /// back) is stored as its seeded Chinese name, so Chinese readers do not find English in the catalogue.
    /// </summary>
    public static string NameToStore(string code, string given) =>
        Defaults.FirstOrDefault(d => d.Code == code) is { } seeded && given == Texts.Get($"violationType.{code}", CultureInfo.GetCultureInfo("en"))
            ? seeded.Name : given;

    private static ViolationType Type(string code, string name, decimal min, decimal? max, bool tipBased = false, bool mayDismiss = false) =>
        new() { Code = code, Name = name, FineMin = min, FineMax = max, TipBased = tipBased, MayDismiss = mayDismiss };

    public static async Task EnsureDefaultsAsync(EncoreDb db, Guid venueId)
    {
        foreach (var (code, old, name) in Renamed)
        {
            var oldName = await db.ViolationTypes.SingleOrDefaultAsync(t => t.VenueId == venueId && t.Code == code && t.Name == old);
            if (oldName is null) continue;
            using var renamed = AuditScope.Begin(AuditActor.System with { VenueId = venueId }, "violationTypes.rename");
            oldName.Name = name;
            await db.SaveChangesAsync();
        }
        var have = (await db.ViolationTypes.Where(t => t.VenueId == venueId).Select(t => t.Code).ToListAsync()).ToHashSet();
        var missing = Defaults.Where(d => !have.Contains(d.Code)).ToList();
        if (missing.Count == 0) return;
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = venueId }, "violationTypes.seed");
        db.ViolationTypes.AddRange(missing.Select(d => new ViolationType
        {
            VenueId = venueId, Code = d.Code, Name = d.Name, FineMin = d.FineMin, FineMax = d.FineMax, TipBased = d.TipBased, MayDismiss = d.MayDismiss,
        }));
        await db.SaveChangesAsync();
    }
}
