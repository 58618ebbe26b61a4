using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Chain.Pages;

/// <summary>
/// The chain summary (/chain, issue 21): one row per venue the caller oversees for a business day, rolled up by region
/// and for the chain, read like GET /api/chain/summary (from the replica when there is one); the chain admin's form
/// opens a venue through POST /api/venues (chain.js).
/// </summary>
[Requires(Capability.SeeChain)]
public sealed class IndexModel(EncoreDb db, ReadDb reads, HouseRulesStore store, TimeProvider clock, Caller caller) : PageModel
{
    public ChainSummary Summary { get; private set; } = null!;
    public LivePage Live { get; private set; } = null!;
    public bool MayManage => caller.Can(Capability.ManageChain);
    public string Day { get; private set; } = "";

    public async Task OnGetAsync(string? businessDay)
    {
        var at = await caller.NowAsync();
        var day = new Validator().Day("businessDay", businessDay, at.Today.AddDays(-1)) ?? at.Today.AddDays(-1);
        Day = Ranges.DayText(day);
        Summary = await ChainApi.SummaryOfAsync(db, reads, store, clock, User, day);
        Live = await LivePage.LoadAsync(db, caller, "chain.", "field.");
    }
}
