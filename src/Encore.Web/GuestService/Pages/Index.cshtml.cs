using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.GuestService.Pages;

/// <summary>
/// The desk's guest-service register (/guest-service): lost property, valuables and stored drinks, each with its
/// intake form and its hand-over forms (guest-service.js reads and writes through the API, which decides).
/// </summary>
[Requires(Capability.KeepGuestRegister)]
public sealed class GuestServiceModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool MayDispose => caller.Can(Capability.DisposeLostItems);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "guest.", "field.");
}
