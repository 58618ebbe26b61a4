using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Accounts.Pages;

/// <summary>
/// Partners and their commissions (/partners, issue 20): the month's referred visits, paid spend and commission per
/// partner, a partner's visits and statement files on a click, and — for whoever files partners — the form that adds or
/// edits one (its own rate, or the house rule's). partners.js reads and writes through /api/partners, which decides every rule.
/// </summary>
[Requires(Capability.ReadPartnerStatements)]
public sealed class PartnersModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool MayManage => caller.Can(Capability.ManagePartners);
    /// <summary>The house rule's rate in percent, for the form's hint.</summary>
    public decimal HouseRatePercent { get; private set; }

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "partners.", "partnerStatement.", "field.");
        HouseRatePercent = (await caller.NowAsync()).Rules.Accounts.PartnerCommissionRate * 100;
    }
}
