using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Reports.Pages;

/// <summary>
/// The daily business report (/reports?businessDay=) for the floor manager and the GM, on a phone or a desk screen: the
/// figures against last week and the budget, by manager, room type and hour (Chart.js, js/reports.js), the amendments,
/// and the downloads. Rendered on the server from the same <see cref="ReportsApi.DailyReportAsync"/> the API answers;
/// a day that does not read (or lies ahead) shows last night.
/// </summary>
[Requires(Capability.SeeReports)]
public sealed class DailyModel(EncoreDb db, Caller caller) : PageModel
{
    public DailyView Report { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(string? businessDay)
    {
        var at = await caller.NowAsync();
        Today = at.Today;
        var day = new Validator().Day("businessDay", businessDay, at.Today.AddDays(-1)) ?? at.Today.AddDays(-1);
        Report = await ReportsApi.DailyReportAsync(db, at, day > at.Today ? at.Today : day);
    }
}
