using Encore.Web.Bookings;
using Encore.Web.Data;
using Encore.Web.HouseRules;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Board.Pages;

/// <summary>
/// The live room board (房态) of SPEC.md "Rooms and the room board": every member of staff may watch it; the host
/// desk acts on it (assign, verify, open, transfer, cancel, release, out of service), a cashier closes bills,
/// and everyone else, managers included, sees it read-only. The API decides; this page only shows the buttons.
/// </summary>
public sealed class BoardIndexModel(EncoreDb db, HouseRulesStore store, TimeProvider clock) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool CanDesk => Roles.Desk.Any(User.IsInRole);
    public bool CanClose => Roles.Closers.Any(User.IsInRole);
    public bool CanOverride => Roles.Overriders.Any(User.IsInRole);
    public bool SeesAllBookings => BookingQueries.SeesAllBookings(User);
    public bool CanBook => CanDesk || Roles.Bookers.Any(User.IsInRole);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, store, clock, User);
}
