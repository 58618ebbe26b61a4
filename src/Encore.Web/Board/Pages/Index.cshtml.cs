using Encore.Web.Bookings;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Board.Pages;

/// <summary>
/// The live room board (房态) of SPEC.md "Rooms and the room board": every member of staff may watch it; the host
/// desk acts on it (assign, verify, open, transfer, cancel, release, out of service), a cashier closes bills,
/// and everyone else, managers included, sees it read-only. The API decides; this page only shows the buttons.
/// </summary>
public sealed class BoardIndexModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool CanDesk => caller.Can(Capability.WorkDesk);
    public bool CanClose => caller.Can(Capability.CloseBills);
    public bool CanOverride => caller.Can(Capability.OverrideRules);
    public bool CanGuestLink => caller.Can(Capability.ShowGuestLinks);
    public bool SeesAllBookings => caller.Can(Capability.SeeAllBookings);
    public bool CanBook => caller.Can(Capability.Book);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "quota.");
}
