using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Audit.Pages;

[Requires(Capability.ReadAudit)]
public sealed class AuditModel(EncoreDb db, Caller caller) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? FromDate { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? ToDate { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditLine> Entries { get; private set; } = [];
    /// <summary>The action filter's choices: every action with a plain name, by that name.</summary>
    public IReadOnlyList<(string Code, string Label)> Actions { get; private set; } = [];
    /// <summary>The actor filter's choices: the venue's staff by name and badge.</summary>
    public IReadOnlyList<(string Badge, string Name)> Staff { get; private set; } = [];

    public string PageLink(int page) =>
        $"/audit?from={FromDate:yyyy-MM-dd}&to={ToDate:yyyy-MM-dd}&actor={Uri.EscapeDataString(Actor ?? "")}&action={Uri.EscapeDataString(Action ?? "")}&entityType={Uri.EscapeDataString(EntityType ?? "")}&page={page}";

    public async Task OnGetAsync([FromQuery(Name = "from")] DateOnly? from, [FromQuery(Name = "to")] DateOnly? to)
    {
        // A day outside Ranges' window (a typed 0001-01-01, 9999-12-31) filters nothing rather than overflowing the
        // offset arithmetic below; the form shows what was applied.
        FromDate = from = from is { } f && Ranges.Contains(f) ? f : null;
        ToDate = to = to is { } t && Ranges.Contains(t) ? t : null;
        PageNumber = Math.Clamp(PageNumber, 1, Ranges.AuditPageMax);
        var venue = User.VenueId();
        var zone = (await caller.NowAsync()).Zone;
        DateTimeOffset? Start(DateOnly? d) => d is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))) : null;
        var rows = await AuditApi.SearchAsync(db, venue, new AuditQuery { From = Start(from), To = Start(to?.AddDays(1)), Actor = Actor, Action = Action, EntityType = EntityType, Page = PageNumber }, exactAction: true);
        Entries = await AuditReading.ReadAsync(db, User, venue, zone, rows);
        Actions = AuditReading.KnownActions(CultureInfo.CurrentUICulture);
        Staff = (await db.Users.Where(u => u.VenueId == venue).OrderBy(u => u.UserName).Select(u => new { u.UserName, u.Name }).ToListAsync())
            .Select(u => (u.UserName!, u.Name)).ToList();
    }
}
