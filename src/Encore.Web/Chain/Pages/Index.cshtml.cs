using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Chain.Pages;

/// <summary>
/// The chain summary (/chain, issue 21): one row per venue the caller oversees for a business day, rolled up by region
/// and for the chain, read like GET /api/chain/summary (from the replica when there is one). The chain admin's forms
/// (chain.js) open a venue (POST /api/venues), give a regional manager their venues (PUT /api/chain/regional-managers)
/// and move staff between venues (POST /api/chain/staff-moves); the page lists the regional managers and the latest moves.
/// </summary>
[Requires(Capability.SeeChain)]
public sealed class IndexModel(EncoreDb db, ReadDb reads, HouseRulesStore store, TimeProvider clock, Caller caller) : PageModel
{
    public ChainSummary Summary { get; private set; } = null!;
    public LivePage Live { get; private set; } = null!;
    public bool MayManage => caller.Can(Capability.ManageChain);
    public string Day { get; private set; } = "";
    /// <summary>Every venue (code, name), for the chain admin's forms.</summary>
    public IReadOnlyList<(string Code, string Name)> Venues { get; private set; } = [];
    public IReadOnlyList<RegionalManagerView> RegionalManagers { get; private set; } = [];
    /// <summary>The latest moves shown on the page (the API gives up to 500).</summary>
    public IReadOnlyList<StaffMoveView> Moves { get; private set; } = [];
    public const int MovesShown = 20;

    public async Task OnGetAsync(string? businessDay)
    {
        var at = await caller.NowAsync();
        var day = new Validator().Day("businessDay", businessDay, at.Today.AddDays(-1)) ?? at.Today.AddDays(-1);
        Day = Ranges.DayText(day);
        Summary = await ChainApi.SummaryOfAsync(db, reads, store, clock, User, day);
        Live = await LivePage.LoadAsync(db, caller, "chain.", "field.");
        if (!MayManage) return;
        // The summary has a row for every venue the chain admin oversees, which is every venue.
        Venues = [.. Summary.Venues.Select(v => (v.Code, v.Name))];
        RegionalManagers = await ChainApi.RegionalManagersAsync(db);
        Moves = await ChainApi.MovesAsync(db, null, MovesShown);
    }
}
