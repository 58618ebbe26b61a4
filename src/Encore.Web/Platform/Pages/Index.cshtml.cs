using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Platform.Pages;

/// <summary>The home page: the venue, tonight's business day, the caller's roles and the tiles of what they may open.</summary>
public sealed class IndexModel(EncoreDb db, Caller caller, Menu menu) : PageModel
{
    public string VenueName { get; private set; } = "";
    public DateOnly BusinessDay { get; private set; }
    /// <summary>The suspension the caller is under tonight (SPEC.md: it shows on the person's home page), or null.</summary>
    public Discipline.Suspensions.Period? Suspension { get; private set; }
    public IReadOnlyList<string> Roles => caller.Roles;
    public IReadOnlyList<MenuEntry> Tiles => menu.TilesFor(caller);

    public async Task OnGetAsync()
    {
        VenueName = await db.Venues.Where(v => v.Id == caller.VenueId).Select(v => v.Name).SingleAsync();
        var at = await caller.NowAsync();
        BusinessDay = at.Today;
        Suspension = await Discipline.Suspensions.OnAsync(db, caller.VenueId, caller.StaffId, at.Today, at.Rules);
        OpenActions = await Meetings.MeetingQueries.OpenActionsOfAsync(db, at, caller.StaffId);
        if (caller.Can(Capability.SeeReports)) LastNight = await Reports.ReportsApi.DailyReportAsync(db, at, at.Today.AddDays(-1));
        if (WatchesComplaints) ComplaintsLive = await Board.Pages.LivePage.LoadAsync(db, caller, "complaint.", "complaints.");
    }

    /// <summary>The floor and the GM see overdue complaints on their home page, live (js/home-complaints.js).</summary>
    public bool WatchesComplaints => caller.Can(Capability.SeeAllComplaints) && caller.Can(Capability.ResolveComplaints);
    public Board.Pages.LivePage? ComplaintsLive { get; private set; }

    /// <summary>Last night's headline figures (spend, rooms, occupancy against last week and the budget) for the floor manager and the GM.</summary>
    public Reports.DailyView? LastNight { get; private set; }

    /// <summary>The caller's open actions from meetings' minutes, overdue ones marked: shown until done (SPEC.md "Daily work diary and meetings").</summary>
    public IReadOnlyList<Meetings.MeetingQueries.OpenAction> OpenActions { get; private set; } = [];
}
