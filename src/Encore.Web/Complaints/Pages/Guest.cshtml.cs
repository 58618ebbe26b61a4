using Encore.Web.HouseRules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Complaints.Pages;

/// <summary>
/// The guest's phone page of a room session's link: no account, and nothing of the staff on it (only the venue's
/// name and the room's number). An unknown or expired link shows the same "no longer valid" page, answering 404.
/// </summary>
[AllowAnonymous]
public sealed class GuestModel(EncoreDb db, HouseRulesStore store, TimeProvider clock) : PageModel
{
    public string Token { get; private set; } = "";
    public string? VenueName { get; private set; }
    public string? RoomNumber { get; private set; }

    public async Task OnGetAsync(string token)
    {
        // Nobody's link is for a search engine, and the page has no reason to say where the guest came from.
        Response.Headers["X-Robots-Tag"] = "noindex";
        var link = await GuestLinks.FindAsync(db, token);
        var session = link is null ? null : await db.RoomSessions.AsNoTracking().SingleAsync(s => s.Id == link.SessionId);
        var now = clock.GetUtcNow();
        if (session is null || !GuestLinks.Works(session.ClosedAt, VenueNow.At(session.VenueId, now, await store.AtAsync(session.VenueId, now))))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Token = token;
        VenueName = await db.Venues.Where(v => v.Id == session.VenueId).Select(v => v.Name).SingleAsync();
        RoomNumber = await db.Rooms.Where(r => r.Id == session.RoomId).Select(r => r.Number).SingleAsync();
    }
}
