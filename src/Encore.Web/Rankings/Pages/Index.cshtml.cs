using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Rankings.Pages;

/// <summary>
/// The rankings board (/rankings), for the whole venue on a phone or a desk screen: the month's best and worst managers
/// venue-wide and per team, the points table and its chart, the commendations, and the year's star manager. Names and
/// places for everyone; figures for those who may see them (the API decides). Live on "rankingsChanged" and
/// "standingsChanged". rankings.js reads GET /api/rankings, /api/rankings/star and /api/commendations.
/// </summary>
public sealed class RankingsModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public MonthSwitch Months { get; private set; } = null!;
    public bool CanCommend => caller.Can(Capability.Commend);

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "rankings.", "field.");
        Months = MonthSwitch.For(Live.BusinessDay);
    }
}
