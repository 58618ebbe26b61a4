using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Accounts.Pages;

/// <summary>
/// One account (/accounts/{id}): its contacts (phones as the API shows them to the caller), its stage, activities and
/// contracts; the owner and the floor add activities, contacts and contracts and move its stage, the GM approves a
/// contract waiting for them. account.js does it all through /api/accounts/{id}.
/// </summary>
[Requires(Capability.WorkAccounts)]
public sealed class AccountModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public Guid Id { get; private set; }
    public bool MayWork { get; private set; }
    public bool MayApprove => caller.Can(Capability.ApproveContracts);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.VenueId == User.VenueId());
        if (account is null) return NotFound();
        Id = id;
        MayWork = AccountPipeline.MayWork(User, account);
        Live = await LivePage.LoadAsync(db, caller, "accounts.", "field.");
        return Page();
    }
}
