using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Reports.Pages;

/// <summary>The monthly report (/reports/monthly?month=): the month's figures, by day (charts) and by manager, against the budget.</summary>
[Requires(Capability.SeeReports)]
public sealed class MonthlyModel(ReadDb reads, Caller caller) : PageModel
{
    public MonthlyView Report { get; private set; } = null!;
    public MonthSwitch Months { get; private set; } = null!;

    public async Task OnGetAsync(string? month)
    {
        var at = await caller.NowAsync();
        var current = Ranges.FirstOfMonth(at.Today);
        var first = new Validator().Month("month", month, current) ?? current;
        Report = await ReportsApi.MonthlyReportAsync(reads.Db, at, first > current ? current : first);
        Months = MonthSwitch.For(at.Today);
    }
}
