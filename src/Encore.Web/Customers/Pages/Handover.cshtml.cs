using System.Text.Json;
using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>
/// A leaver's customers handed over (交接) to several managers, split evenly as POST /api/customers/handover does
/// it, with a preview before confirming; the open possible-duplicate flags; and the phone probing alerts. The floor
/// and the GM only.
/// </summary>
[Requires(Capability.ManageAllCustomers)]
public sealed class HandoverModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public IReadOnlyList<CustomerPages.StaffOption> Managers { get; private set; } = [];

    /// <summary>The last week's phone probing alerts (<see cref="PhoneProbeGuard"/>), newest first: who, when, how often. Never a phone.</summary>
    public IReadOnlyList<ProbingAlert> Probing { get; private set; } = [];

    public sealed record ProbingAlert(string Badge, DateTimeOffset At, int Conflicts, int Minutes, string Route);

    public async Task OnGetAsync()
    {
        var at = await caller.NowAsync();
        Live = await LivePage.LoadAsync(db, caller, "customers.");
        Managers = await CustomerPages.ManagersAsync(db, User.VenueId(), activeOnly: false);
        var since = at.Now.AddDays(-7);
        var rows = await db.AuditEntries.Where(a => a.VenueId == at.VenueId && a.Action == "security.phoneProbing" && a.At >= since)
            .OrderByDescending(a => a.At).Take(20).Select(a => new { a.ActorBadge, a.At, a.After }).ToListAsync();
        Probing = rows.Select(r =>
        {
            var after = JsonDocument.Parse(r.After ?? "{}").RootElement;
            int Number(string name) => after.TryGetProperty(name, out var n) && n.TryGetInt32(out var i) ? i : 0;
            return new ProbingAlert(r.ActorBadge, at.Local(r.At), Number("conflicts"), Number("minutes"),
                after.TryGetProperty("route", out var route) ? route.GetString() ?? "" : "");
        }).ToList();
    }
}
