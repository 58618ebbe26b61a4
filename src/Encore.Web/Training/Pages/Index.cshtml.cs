using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Training.Pages;

/// <summary>
/// /training: the year's plan of courses, by month (a grid of months on a desk screen, one list on a phone); the floor
/// and the GM add a course here (training.js posts it to the API, which decides). Everyone links to their own record.
/// </summary>
public sealed class TrainingModel(EncoreDb db, Caller caller) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public LivePage Live { get; private set; } = null!;
    public bool MayPlan => caller.Can(Capability.PlanTraining);
    public string Me => caller.Badge;
    public int ShownYear { get; private set; }
    public List<CourseSummary> Plan { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "training.", "field.");
        var at = await caller.NowAsync();
        ShownYear = Year is { } y && y >= Ranges.FirstDay.Year && y <= Ranges.LastDay.Year ? y : at.Local(at.Now).Year;
        Plan = await TrainingQueries.PlanAsync(db, at, ShownYear);
    }
}
