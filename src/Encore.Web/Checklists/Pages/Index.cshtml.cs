using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Checklists.Pages;

/// <summary>
/// The checklists on the phone (/checklists): a room inspection per room and the night's closing round, item by item
/// (a failed one with its note, photo and maybe the room out of service), and the GM's templates. checklists.js reads
/// and writes through the API, which decides.
/// </summary>
[Requires(Capability.RunChecklists)]
public sealed class ChecklistsModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool MayEdit => caller.Can(Capability.EditChecklists);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "checklists.", "field.");
}
