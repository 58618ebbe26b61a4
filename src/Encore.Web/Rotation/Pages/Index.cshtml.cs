using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Rotation.Pages;

/// <summary>
/// The walk-in rotation (轮房) of SPEC.md "Walk-in rotation": everyone may watch tonight's queue live; a manager
/// signs in (joining at the back) and marks themself busy or available; the GM, floor and desk replay any night
/// from its recorded history. rotation.js does it all through /api/rotation and /api/attendance.
/// </summary>
public sealed class RotationIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool IsManager => caller.Can(Capability.JoinRotation);
    /// <summary>Who may replay a night (the history API also answers managers, who only need their own place).</summary>
    public bool CanReplay => caller.Can(Capability.ReplayRotation);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "rotation.");
}
