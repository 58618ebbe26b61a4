using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Accounts.Pages;

/// <summary>
/// An account's monthly statement (/accounts/{id}/statement, issue 20): its visits, charges and payments, downloads as
/// xlsx, PDF and CSV, and the cashier's payment form. account-statement.js reads GET /api/accounts/{id}/statement; who may
/// read it is the API's rule (the owner and the floor their accounts', the cashier and the GM every one).
/// </summary>
[Requires(Capability.ReadAccountStatements)]
public sealed class StatementModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public Guid Id { get; private set; }
    public bool MayRecord => caller.Can(Capability.RecordAccountPayments);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.VenueId == User.VenueId());
        if (account is null) return NotFound();
        if (!AccountPipeline.SeesPhone(User, account) && !MayRecord) return Forbid();
        Id = id;
        Live = await LivePage.LoadAsync(db, caller, "accountStatement.", "paymentMethod.", "accounts.settlement.");
        return Page();
    }
}
