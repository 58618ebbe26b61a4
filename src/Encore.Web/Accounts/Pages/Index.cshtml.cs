using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Accounts.Pages;

/// <summary>
/// The pipeline board (/accounts): every corporate account by stage, in columns on a desk screen (drag a card to
/// another column to move it) and as a list grouped by stage with a stage selector on a phone; a new lead, the
/// renewals due, the month's figures and the research notes. accounts.js reads and writes through /api/accounts,
/// which decides every rule; the page only hands over texts and who is looking.
/// </summary>
[Requires(Capability.WorkAccounts)]
public sealed class AccountsModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool IsFloor => caller.Can(Capability.ManageAllAccounts);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "accounts.", "field.");
}
