namespace Encore.Web.Appraisals;

/// <summary>One item of a template as the API reads and writes it (scale: null for a manual item).</summary>
public sealed record AppraisalItemInput(string? Key, string? Name, int? Weight, string? Source, AppraisalScaleInput? Scale);

public sealed record AppraisalScaleInput(decimal? ZeroAt, decimal? FullAt);

public sealed record AppraisalTemplateInput(List<AppraisalItemInput?>? Items);

/// <summary>GET|PUT /api/appraisal/templates/{role}: the latest version, who saved it and when (null: Encore's defaults).</summary>
public sealed record AppraisalTemplateView(string Role, int Version, IReadOnlyList<AppraisalItem> Items, string? SavedByBadge, DateTimeOffset SavedAt);

/// <summary>
/// The KPI templates' roles and their defaults (SPEC.md "Appraisal (考核) and training (培训)", issue 18). The seeds give
/// customer development as new customers 50% / satisfaction 30% / retention 20%, and general items attitude 20% and
/// ability 20%. Decision (written down here and in the README): the customer managers' template keeps the general
/// items at exactly the seeds' 20 + 20 and gives customer development the remaining 60, split 50/30/20 (30/18/12), so
/// the whole adds up to 100 and each of the seeds' shares stays as written. Spend, complaints, attendance and diaries
/// stay on the performance pages and the fines; a GM who wants them in the appraisal adds them to the template.
/// </summary>
public static class AppraisalTemplates
{
    public const string MarketDevelopment = "marketDevelopment";
    public static readonly IReadOnlyList<string> Roles = [Domain.Roles.Manager, Domain.Roles.DepartmentHead, Domain.Roles.FloorManager, MarketDevelopment];
    public const int CommentLength = 500;

    private static AppraisalItem Manual(string key, string name, int weight) => new(key, name, weight, AppraisalSources.Manual);
    private static AppraisalItem Measured(string key, string name, int weight, string source, decimal zeroAt, decimal fullAt) =>
        new(key, name, weight, source, new AppraisalScale(zeroAt, fullAt));

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<AppraisalItem>> Defaults = new Dictionary<string, IReadOnlyList<AppraisalItem>>
    {
        // Measures (AppraisalMeasures): newCustomers is the share of the quota filed (100 = the quota); satisfaction 0–100
        // (a 1–5 rating of 4 is 75); retention the share of last period's customers who came back.
        [Domain.Roles.Manager] =
        [
            Measured("newCustomers", "客户开发：新客户", 30, AppraisalSources.NewCustomers, 0, 100),
            Measured("satisfaction", "客户开发：满意度", 18, AppraisalSources.Satisfaction, 40, 90),
            Measured("retention", "客户开发：客户保有", 12, AppraisalSources.Retention, 0, 60),
            Manual("attitude", "工作态度", 20),
            Manual("ability", "工作能力", 20),
        ],
        [Domain.Roles.DepartmentHead] =
        [
            Manual("teamResults", "团队业绩", 30),
            Manual("management", "团队管理", 20),
            Measured("complaints", "投诉（每月）", 10, AppraisalSources.Complaints, 3, 0),
            Measured("attendance", "出勤", 20, AppraisalSources.Attendance, 80, 100),
            Manual("attitude", "工作态度", 10),
            Manual("ability", "工作能力", 10),
        ],
        [Domain.Roles.FloorManager] =
        [
            Manual("operations", "营业管理", 30),
            Manual("service", "服务与安全", 20),
            Measured("complaints", "投诉（每月）", 10, AppraisalSources.Complaints, 5, 0),
            Measured("attendance", "出勤", 20, AppraisalSources.Attendance, 80, 100),
            Manual("attitude", "工作态度", 10),
            Manual("ability", "工作能力", 10),
        ],
        // The market-development team (拓展部): leads, visits, contracts and contracted spend are scored by hand until
        // corporate accounts (协议单位) exist in Encore; then they become measured sources. Nobody holds this role yet.
        [MarketDevelopment] =
        [
            Manual("leads", "新线索", 25),
            Manual("visits", "拜访", 25),
            Manual("contracts", "签约", 25),
            Manual("contractedSpend", "协议消费", 25),
        ],
    };

    public static IReadOnlyList<AppraisalItem> ItemsOf(AppraisalTemplate t) => JsonSerializer.Deserialize<List<AppraisalItem>>(t.Items, EncoreJson.Options) ?? [];

    public static string ItemsJson(IEnumerable<AppraisalItem> items) => JsonSerializer.Serialize(items.ToList(), Stored);

    internal static readonly JsonSerializerOptions Stored = new(EncoreJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<AppraisalTemplate?> LatestAsync(EncoreDb db, Guid venue, string role) =>
        await db.Set<AppraisalTemplate>().Where(t => t.VenueId == venue && t.Role == role).OrderByDescending(t => t.Version).FirstOrDefaultAsync();

    /// <summary>Version 1 of each role's template with the defaults, for every venue at start (as the checklists are).</summary>
    public static async Task EnsureDefaultsAsync(EncoreDb db, Guid venueId, DateTimeOffset now)
    {
        var have = await db.Set<AppraisalTemplate>().Where(t => t.VenueId == venueId).Select(t => t.Role).Distinct().ToListAsync();
        var missing = Roles.Except(have).ToList();
        if (missing.Count == 0) return;
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = venueId }, "appraisalTemplate.seed");
        db.Set<AppraisalTemplate>().AddRange(missing.Select(r => new AppraisalTemplate { VenueId = venueId, Role = r, Version = 1, Items = ItemsJson(Defaults[r]), SavedAt = now }));
        await db.SaveChangesAsync();
    }
}
