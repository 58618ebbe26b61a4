using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Encore.Web.Audit;

/// <summary>One changed field in words: its label, and the values before and after as a person reads them.</summary>
public sealed record AuditChange(string Field, string Before, string After);

/// <summary>
/// An audit entry as GET /api/audit answers it: the stored fields unchanged, and beside them the same entry in the
/// reader's language (<see cref="AuditReading"/>).
/// </summary>
public sealed record AuditEntryView(
    Guid Id, DateTimeOffset At, string ActorBadge, string Action, string EntityType, string EntityId, string? Before, string? After,
    string ActorName, string ActionLabel, string Subject, IReadOnlyList<AuditChange> Changes, string Summary);

/// <summary>An entry as the audit page shows it: the words, and the raw entry (pretty, unescaped) one click away.</summary>
public sealed record AuditLine(AuditEntryView Entry, DateTimeOffset LocalAt, string Raw);

/// <summary>
/// Turns stored audit entries into words, for the page and the API alike: who (name and badge), a plain action
/// name (Texts "auditAction.*", the code when there is none), the subject by name (a booking by its code and guest,
/// a room by its number, staff by name and badge, a customer by name), and each changed field as
/// "label: before → after" with states by their texts, instants in venue time, money as yuan and ids as names.
/// The stored rows are never changed: this is reading only.
/// </summary>
public sealed class AuditReading
{
    public const string ActionPrefix = "auditAction.";
    private const string RoleLinkType = "IdentityUserRole`1";

    /// <summary>Bookkeeping columns that say nothing to a reader.</summary>
    private static readonly HashSet<string> Noise = ["Id", "VenueId", "Version", "UpdatedAt", "DetailPhones", "EvidencePhones", "NoteText", "Pinyin", "Initials"];

    /// <summary>Rows that are named by themselves (their id is a booking, room, person or customer).</summary>
    private static readonly HashSet<string> Named = ["Booking", "Room", "StaffMember", "Customer"];

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CultureInfo culture;
    private readonly TimeZoneInfo zone;
    private readonly bool seesAllPhones;
    private readonly IModel model;
    private readonly Dictionary<Guid, string> staff = [];
    private readonly Dictionary<string, string> staffByBadge = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, string> rooms = [];
    private readonly Dictionary<Guid, string> bookings = [];
    private readonly Dictionary<Guid, string> customers = [];
    private readonly Dictionary<Guid, string> roles = [];
    /// <summary>For a changed row, the values it was created with: a change names only what changed, not whose row it is.</summary>
    private readonly Dictionary<(string Type, string Id), JsonObject> created = [];

    private AuditReading(CultureInfo culture, TimeZoneInfo zone, bool seesAllPhones, IModel model) =>
        (this.culture, this.zone, this.seesAllPhones, this.model) = (culture, zone, seesAllPhones, model);

    /// <summary>The action codes that have a plain name, as (code, label) sorted by label: the page's filter.</summary>
    public static IReadOnlyList<(string Code, string Label)> KnownActions(CultureInfo culture) =>
        Texts.Keys(Texts.DefaultCulture).Where(k => k.StartsWith(ActionPrefix, StringComparison.Ordinal))
            .Select(k => (k[ActionPrefix.Length..], Texts.Get(k, culture)))
            .OrderBy(a => a.Item2, StringComparer.Create(culture, false)).ToList();

    public static string ActionLabel(string code, CultureInfo culture)
    {
        var text = Texts.Get(ActionPrefix + code, culture);
        return text == ActionPrefix + code ? code : text;
    }

    /// <summary>Reads the entries for <paramref name="reader"/>: every id they name is looked up once for all of them.</summary>
    public static async Task<IReadOnlyList<AuditLine>> ReadAsync(EncoreDb db, ClaimsPrincipal reader, Guid venue, TimeZoneInfo zone, IReadOnlyList<AuditView> entries)
    {
        var reading = new AuditReading(CultureInfo.CurrentUICulture, zone, reader.Can(Capability.ManageAllCustomers), db.Model);
        await reading.LoadNamesAsync(db, venue, entries);
        return entries.Select(reading.Read).ToList();
    }

    private async Task LoadNamesAsync(EncoreDb db, Guid venue, IReadOnlyList<AuditView> entries)
    {
        var ids = new HashSet<Guid>();
        var badges = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            badges.Add(e.ActorBadge);
            badges.Add(e.EntityId);
            foreach (var part in e.EntityId.Split('/')) if (Guid.TryParse(part, out var g)) ids.Add(g);
            foreach (var json in new[] { e.Before, e.After })
                if (Parse(json) is { } o)
                    foreach (var (_, v) in o)
                        if (v is JsonValue jv && jv.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g)) ids.Add(g);
        }
        // A change to a row that is not itself a booking, room, person or customer (a target, a fine, a claim) is
        // told by what it belongs to: the row's first entry (its creation) names that.
        var changedRows = entries.Where(e => e.Before is not null && !Named.Contains(e.EntityType)).Select(e => e.EntityId).Distinct().ToList();
        if (changedRows.Count > 0)
            foreach (var first in await db.AuditEntries
                         .Where(a => a.VenueId == venue && changedRows.Contains(a.EntityId) && a.Before == null && a.After != null)
                         .Select(a => new { a.EntityType, a.EntityId, a.After }).ToListAsync())
                if (Parse(first.After) is { } o)
                {
                    created[(first.EntityType, first.EntityId)] = o;
                    foreach (var (_, v) in o)
                        if (v is JsonValue jv && jv.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g)) ids.Add(g);
                }
        var idList = ids.ToList();
        var badgeList = badges.Where(b => b.Length > 0).Select(b => b.ToUpperInvariant()).ToList();
        foreach (var s in await db.Users.Where(u => u.VenueId == venue && (idList.Contains(u.Id) || badgeList.Contains(u.NormalizedUserName!)))
                     .Select(u => new { u.Id, u.Name, u.UserName }).ToListAsync())
        {
            var name = string.Format(culture, Texts.Get("audit.person", culture), s.Name, s.UserName);
            staff[s.Id] = name;
            staffByBadge[s.UserName!] = name;
        }
        foreach (var r in await db.Rooms.Where(r => r.VenueId == venue && idList.Contains(r.Id)).Select(r => new { r.Id, r.Number }).ToListAsync())
            rooms[r.Id] = Texts.Get("audit.room", culture) is var f ? string.Format(culture, f, r.Number) : r.Number;
        foreach (var b in await db.Bookings.Where(b => b.VenueId == venue && idList.Contains(b.Id))
                     .Select(b => new { b.Id, b.ConfirmationCode, b.CustomerName, b.CustomerPhone }).ToListAsync())
            bookings[b.Id] = string.Format(culture, Texts.Get("audit.booking", culture), b.ConfirmationCode, b.CustomerName, Phone(b.CustomerPhone));
        foreach (var c in await db.Customers.Where(c => c.VenueId == venue && idList.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync())
            customers[c.Id] = c.Name;
        foreach (var r in await db.Roles.Where(r => idList.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync())
            roles[r.Id] = Texts.Get("role." + r.Name, culture);
    }

    private string Phone(string phone) => seesAllPhones ? phone : Encore.Web.Customers.CustomerRules.Mask(phone);

    private AuditLine Read(AuditView e)
    {
        var actor = staffByBadge.TryGetValue(e.ActorBadge, out var byBadge) ? byBadge
            : e.ActorBadge switch
            {
                "" => Texts.Get("audit.anonymous", culture),
                "system" => Texts.Get("audit.system", culture),
                var badge => badge,
            };
        var action = ActionLabel(e.Action, culture);
        var before = Parse(e.Before);
        var after = Parse(e.After);
        var entity = model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == e.EntityType);

        string subject;
        List<AuditChange> changes;
        if (e.EntityType == RoleLinkType)
        {
            // A role link is a pair of ids: read as "roles of X: +manager" (added) or "−manager" (removed).
            var link = after ?? before;
            var who = Name(Str(link?["UserId"])) ?? "";
            var role = Name(Str(link?["RoleId"])) ?? "";
            subject = string.Format(culture, Texts.Get("audit.rolesOf", culture), who);
            changes = [new AuditChange(Texts.Get("audit.field.Roles", culture), "", (after is not null ? "+" : "−") + role)];
        }
        else
        {
            subject = Subject(e, entity, before, after);
            changes = Changes(entity, before, after);
        }

        var summary = string.Format(culture, Texts.Get("audit.summary", culture), actor, action, subject);
        if (changes.Count > 0)
            summary += Texts.Get("audit.colon", culture) + string.Join(Texts.Get("audit.listSeparator", culture),
                changes.Select(c => c.Before.Length == 0 && (c.After.StartsWith('+') || c.After.StartsWith('−')) ? $"{c.Field} {c.After}"
                    : c.Before.Length == 0 ? $"{c.Field}{Texts.Get("audit.colon", culture)}{c.After}"
                    : $"{c.Field}{Texts.Get("audit.colon", culture)}{c.Before} → {c.After}"));

        var view = new AuditEntryView(e.Id, e.At, e.ActorBadge, e.Action, e.EntityType, e.EntityId, e.Before, e.After,
            actor, action, subject, changes, summary);
        return new AuditLine(view, TimeZoneInfo.ConvertTime(e.At, zone), RawOf(e, before, after));
    }

    private string Subject(AuditView e, IEntityType? entity, JsonObject? before, JsonObject? after)
    {
        var firstId = e.EntityId.Split('/')[0];
        if (Name(firstId) is { } named) return named;
        if (staffByBadge.TryGetValue(e.EntityId, out var staffName)) return staffName;
        // Anything else (a claim on a room, a fine, an attendance day): its kind, then whom and what it concerns.
        var kind = Texts.Get("audit.entity." + e.EntityType, culture) is var k && k != "audit.entity." + e.EntityType ? k : Humanize(e.EntityType);
        var refs = new List<string>();
        var values = created.GetValueOrDefault((e.EntityType, e.EntityId)) ?? after ?? before;
        foreach (var field in new[] { "StaffId", "BookingId", "RoomId", "CustomerId", "Month" })
            if (Str(values?[field]) is { } value && (Name(value) ?? (field == "Month" ? value : null)) is { } name)
                refs.Add(name);
        if (refs.Count == 0 && e.EntityType != "Clock" && e.EntityId.Length > 0 && !Guid.TryParse(firstId, out _)) refs.Add(e.EntityId);
        return refs.Count == 0 ? kind : $"{kind} · {string.Join(" · ", refs)}";
    }

    private List<AuditChange> Changes(IEntityType? entity, JsonObject? before, JsonObject? after)
    {
        var changes = new List<AuditChange>();
        var names = (after ?? before)?.Select(p => p.Key).ToList() ?? [];
        if (after is not null && before is not null) names = after.Select(p => p.Key).Union(before.Select(p => p.Key)).ToList();
        foreach (var field in names)
        {
            if (Noise.Contains(field)) continue;
            var property = entity?.FindProperty(field);
            var old = before is null ? "" : Value(property, field, before[field]);
            var now = after is null ? "" : Value(property, field, after[field]);
            // A new row lists every column: the empty ones (no note, not cancelled, zero) say nothing.
            if (before is null && IsEmpty(after?[field])) continue;
            if (after is null && IsEmpty(before?[field])) continue;
            changes.Add(new AuditChange(Label(field), old, now));
        }
        return changes;
    }

    private static bool IsEmpty(JsonNode? node) => node is null || node.ToJsonString() is "\"\"" or "false" or "0" or "\"[]\"" or "[]" or "{}";

    private string Label(string field)
    {
        var key = "audit.field." + char.ToUpperInvariant(field[0]) + field[1..];
        var text = Texts.Get(key, culture);
        return text == key ? Humanize(field) : text;
    }

    /// <summary>"CustomerName" → "customer name": the last resort for a field no text names yet.</summary>
    private static string Humanize(string name) =>
        string.Concat(name.Replace("`1", "").Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private string Value(IProperty? property, string field, JsonNode? node)
    {
        if (node is null) return "—";
        var type = property is null ? null : Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (node is JsonValue v)
        {
            if (type is { IsEnum: true })
            {
                object? value = v.TryGetValue<long>(out var n) ? Enum.ToObject(type, n)
                    : v.TryGetValue<string>(out var s) && Enum.TryParse(type, s, true, out var parsed) ? parsed : null;
                if (value is not null) return EnumText(type, value.ToString()!);
            }
            if (v.TryGetValue<bool>(out var flag)) return Texts.Get(flag ? "audit.yes" : "audit.no", culture);
            if (type == typeof(decimal) && v.TryGetValue<decimal>(out var money) && !field.Contains("Rate", StringComparison.Ordinal))
                return "¥" + money.ToString("#,0.##", CultureInfo.InvariantCulture);
            if (v.TryGetValue<string>(out var text))
            {
                if (Guid.TryParse(text, out _)) return Name(text) ?? text;
                if ((type == typeof(DateTimeOffset) || type is null) && text.Length >= 19 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
                    return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                if (field.EndsWith("Phone", StringComparison.OrdinalIgnoreCase) || field == "Phone") return Phone(text);
                if (field == "Kind" && Texts.Get("bookingEvent." + text, culture) is var kind && kind != "bookingEvent." + text) return kind;
                return text.Length == 0 ? "—" : text;
            }
            return v.ToJsonString();
        }
        return node.ToJsonString(Pretty);
    }

    private string EnumText(Type type, string name)
    {
        var prefix = char.ToLowerInvariant(type.Name[0]) + type.Name[1..] + ".";
        foreach (var key in new[] { prefix + name, prefix + EncoreJson.Camel(name) })
            if (Texts.Get(key, culture) is var text && text != key) return text;
        return EncoreJson.Camel(name);
    }

    private string? Name(string? id) =>
        !Guid.TryParse(id, out var g) ? null
        : bookings.TryGetValue(g, out var b) ? b
        : rooms.TryGetValue(g, out var r) ? r
        : staff.TryGetValue(g, out var s) ? s
        : customers.TryGetValue(g, out var c) ? c
        : roles.TryGetValue(g, out var role) ? role
        : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try { return JsonNode.Parse(json) as JsonObject; }
        catch (JsonException) { return null; }
    }

    /// <summary>The stored entry, indented and with its Chinese as written (Razor still HTML-encodes it).</summary>
    private static string RawOf(AuditView e, JsonObject? before, JsonObject? after) =>
        new JsonObject
        {
            ["id"] = e.Id, ["at"] = e.At, ["actorBadge"] = e.ActorBadge, ["action"] = e.Action,
            ["entityType"] = e.EntityType, ["entityId"] = e.EntityId,
            ["before"] = before?.DeepClone() ?? (e.Before is null ? null : JsonValue.Create(e.Before)),
            ["after"] = after?.DeepClone() ?? (e.After is null ? null : JsonValue.Create(e.After)),
        }.ToJsonString(Pretty);
}
