using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Training.Pages;

/// <summary>
/// /training/records/{badge}: a person's training record (the very record GET /api/training/records/{badge} answers), for
/// the person on their phone, their department head, the floor and the GM; anyone else is refused.
/// </summary>
public sealed class RecordModel(EncoreDb db, Caller caller) : PageModel
{
    public TrainingRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string badge)
    {
        var at = await caller.NowAsync();
        var normalized = Staff.StaffDirectory.Normalize(badge);
        var person = await db.Users.SingleOrDefaultAsync(u => u.VenueId == at.VenueId && u.NormalizedUserName == normalized);
        if (person is null) return NotFound();
        if (!await TrainingQueries.MayReadRecordAsync(db, User, person)) return Forbid();
        Record = await TrainingQueries.RecordAsync(db, at, person);
        return Page();
    }
}
