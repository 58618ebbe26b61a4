namespace Encore.Web.Checklists;

public sealed record ChecklistTemplateInput(List<string?>? Items);

public sealed record ChecklistRunInput(string? Template, string? RoomNumber);

/// <summary>PUT …/items/{itemId}: ok or failed; a failed item needs a note; a failed room-inspection item may take the room out of service.</summary>
public sealed record ChecklistItemInput(bool? Ok, string? Note, bool? OutOfService);

/// <summary>A template as the GM edits it: its latest version, who saved it and when (null: the defaults Encore seeded).</summary>
public sealed record ChecklistTemplateView(string Template, int Version, IReadOnlyList<string> Items, string? SavedByBadge, DateTimeOffset SavedAt);

/// <summary>
/// One item of a run. <see cref="OutOfService"/>: the item has the room out of service now (not yet marked fixed).
/// </summary>
public sealed record ChecklistItemView(Guid Id, int Position, string Text, bool? Ok, string Note, string? PhotoUrl, string? CheckedByBadge,
    DateTimeOffset? CheckedAt, bool OutOfService, DateTimeOffset? OutOfServiceAt, string? FixedByBadge, DateTimeOffset? FixedAt);

/// <summary>A run with its items; status open until every item is ticked, then complete.</summary>
public sealed record ChecklistRunView(Guid Id, string Template, int TemplateVersion, string? RoomNumber, DateOnly BusinessDay, string? StartedByBadge,
    DateTimeOffset StartedAt, string Status, DateTimeOffset? CompletedAt, int Failed, IReadOnlyList<ChecklistItemView> Items);

public enum ClosingRoundState { NotStarted, Incomplete, Complete }

/// <summary>GET /api/checklists/closing: the night's closing round, due by the business day's cut-off; the floor manager is reminded at remindAt.</summary>
public sealed record ClosingRoundView(DateOnly BusinessDay, ClosingRoundState State, Guid? RunId, DateTimeOffset DueBy, DateTimeOffset RemindAt, DateTimeOffset? RemindedAt);

/// <summary>A room a failed inspection item has out of service, until the item is marked fixed.</summary>
public sealed record OutOfServiceRoom(string RoomNumber, string Item, string Note, DateTimeOffset Since, Guid RunId, Guid ItemId);

/// <summary>The checklists' names and their defaults (SPEC.md "Diary, meetings, checklists, shift handover").</summary>
public static class Checklist
{
    public const string RoomInspection = "roomInspection";
    public const string Closing = "closing";
    public static readonly IReadOnlyList<string> Templates = [RoomInspection, Closing];

    public const int MaxItems = 30;
    public const int ItemLength = 100;
    public const int NoteLength = 500;
    /// <summary>A phone photo scaled down by the page is a few hundred KB; 2 MB leaves room for one sent as taken.</summary>
    public const long MaxPhotoBytes = 2 * 1024 * 1024;
    public const string PhotoFolder = "checklists";

    /// <summary>SPEC.md's items: the room inspection (equipment, sound, hygiene, consumables) and the closing round (power, gas, fire exits, cash, valuables).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults = new Dictionary<string, IReadOnlyList<string>>
    {
        [RoomInspection] =
        [
            "设备：电视、点歌机、空调、灯光正常",
            "音响：音箱、功放、麦克风试音正常",
            "卫生：桌面、沙发、地面、洗手间干净",
            "易耗品：纸巾、杯具、骰子、电池齐全",
        ],
        [Closing] =
        [
            "电源：各包厢及后厨电源已关闭",
            "燃气：燃气阀门已关闭",
            "消防通道：畅通无杂物，应急灯正常",
            "现金：收银台现金已清点入保险柜",
            "贵重物品：寄存物品已核对，柜门已锁",
        ],
    };

    public static IReadOnlyList<string> ItemsOf(ChecklistTemplate t) => JsonSerializer.Deserialize<List<string>>(t.Items) ?? [];

    /// <summary>
    /// Stored as the text reads (not \u-escaped): 30 items of 100 Chinese characters stay far inside the column's 8000,
    /// where escaped they would not. The column is read back only by <see cref="ItemsOf"/>, never put in a page as markup.
    /// </summary>
    public static string ItemsJson(IEnumerable<string> items) => JsonSerializer.Serialize(items.ToList(), Stored);

    private static readonly JsonSerializerOptions Stored = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The latest version of each template of the venue.</summary>
    public static async Task<ChecklistTemplate?> LatestAsync(EncoreDb db, Guid venue, string template) =>
        await db.ChecklistTemplates.Where(t => t.VenueId == venue && t.Template == template).OrderByDescending(t => t.Version).FirstOrDefaultAsync();

    /// <summary>
    /// Seeds version 1 of each template with SPEC.md's items, for every venue at start (as the violation catalogue is):
    /// the GM finds real templates to edit from the first night, and every run names a stored version.
    /// </summary>
    public static async Task EnsureDefaultsAsync(EncoreDb db, Guid venueId, DateTimeOffset now)
    {
        var have = await db.ChecklistTemplates.Where(t => t.VenueId == venueId).Select(t => t.Template).Distinct().ToListAsync();
        var missing = Templates.Except(have).ToList();
        if (missing.Count == 0) return;
        using var _ = AuditScope.Begin(AuditActor.System with { VenueId = venueId }, "checklistTemplate.seed");
        db.ChecklistTemplates.AddRange(missing.Select(t => new ChecklistTemplate { VenueId = venueId, Template = t, Version = 1, Items = ItemsJson(Defaults[t]), SavedAt = now }));
        await db.SaveChangesAsync();
    }
}
