using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Reports.Pages;

/// <summary>
/// The integrity report (/reports/integrity?month=&amp;badge=), drawn on the server from the same reading as
/// GET /api/reports/integrity: the month's bookers with their flags, and the bookings behind the chosen booker's figures.
/// A manager sees their own row only (<see cref="IntegrityApi.ReadAsync"/>).
/// </summary>
[Requires(Capability.SeeIntegrity)]
public sealed class IntegrityModel(EncoreDb db, Caller caller) : PageModel
{
    public IntegrityView Report { get; private set; } = null!;
    public IntegrityBookingsView? Behind { get; private set; }
    public string Month { get; private set; } = "";
    public string CurrentMonth { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? month, string? badge)
    {
        var at = await caller.NowAsync();
        var current = Ranges.FirstOfMonth(at.Today);
        var v = new Validator();
        var first = v.Month("month", month, current) ?? current;
        if (!v.Ok) Error = Problems.Message(v.Problems[0]);
        Month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        CurrentMonth = current.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Report = await IntegrityApi.ReadAsync(db, at, User, first);
        var chosen = badge ?? (Report.Bookers.Count == 1 ? Report.Bookers[0].Badge : null);
        if (chosen is not null && Report.Bookers.Any(b => b.Badge == chosen))
            Behind = (await IntegrityApi.BehindAsync(db, at, User, chosen, first)).View;
    }

    /// <summary>The flag's kind when this figure is above its threshold, for the cell's highlight.</summary>
    public static bool Flags(IntegrityRow row, string kind) => row.Flags.Any(f => f.Kind == kind);
}
