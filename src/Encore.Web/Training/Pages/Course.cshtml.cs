using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Training.Pages;

/// <summary>
/// /training/courses/{id}: the course; for its trainer and the planners the tick list of the audience and score entry
/// (training.js, through the API), for the planners its effect (<see cref="TrainingEffect"/>); for anyone else their own row.
/// </summary>
public sealed class CourseModel(EncoreDb db, Caller caller, TrainingEffect effect) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public CourseView Course { get; private set; } = null!;
    public CourseEffect? Effect { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var at = await caller.NowAsync();
        var course = await db.Set<TrainingCourse>().SingleOrDefaultAsync(c => c.Id == id && c.VenueId == at.VenueId);
        if (course is null) return NotFound();
        Live = await LivePage.LoadAsync(db, caller, "training.", "field.");
        Course = await TrainingQueries.ViewAsync(db, at, course, User);
        if (caller.Can(Capability.PlanTraining) && course.CancelledAt is null && TrainingQueries.Started(at, course)) Effect = await effect.OfAsync(db, at, course);
        return Page();
    }
}
