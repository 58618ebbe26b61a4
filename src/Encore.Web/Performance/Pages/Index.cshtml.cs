using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Performance.Pages;

/// <summary>
/// The month's standings (业绩排行) of SPEC.md "Performance card and performance", for all staff: signed spend
/// against each manager's target as a chart and a table, live on "standingsChanged"; the GM and the floor manager
/// set a person's monthly target inline. standings.js reads GET /api/performance and writes PUT /api/targets.
/// </summary>
public sealed class PerformanceIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool CanSetTargets => caller.Can(Capability.ManagePerformance);

    public MonthSwitch Months { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "standings.", "role.");
        Months = MonthSwitch.For(Live.BusinessDay);
    }
}
