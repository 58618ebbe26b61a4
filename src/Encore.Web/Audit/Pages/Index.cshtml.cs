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

    public IReadOnlyList<AuditView> Entries { get; private set; } = [];
    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

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
        zone = (await caller.NowAsync()).Zone;
        DateTimeOffset? Start(DateOnly? d) => d is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))) : null;
        Entries = await AuditApi.SearchAsync(db, venue, new AuditQuery(Start(from), Start(to?.AddDays(1)), Actor, Action, EntityType, PageNumber));
    }
}
