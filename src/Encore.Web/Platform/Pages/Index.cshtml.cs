using System.Security.Claims;
using Encore.Domain;
using Encore.Web.Data;
using Encore.Web.HouseRules;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Platform.Pages;

public sealed class IndexModel(EncoreDb db, HouseRulesStore rules, TimeProvider clock) : PageModel
{
    public sealed record Tile(string Key, string Href);

    public string VenueName { get; private set; } = "";
    public DateOnly BusinessDay { get; private set; }
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var venue = User.VenueId();
        VenueName = await db.Venues.Where(v => v.Id == venue).Select(v => v.Name).SingleAsync();
        var now = clock.GetUtcNow();
        var day = (await rules.AtAsync(venue, now)).BusinessDay;
        BusinessDay = Encore.Domain.BusinessDay.Of(now, Encore.Domain.BusinessDay.FindZone(day.TimeZone), day.Cutoff);
        Roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var gm = User.IsInRole(Platform.Roles.Gm);
        var desk = Platform.Roles.Desk.Any(User.IsInRole);
        var books = desk || Platform.Roles.Bookers.Any(User.IsInRole);
        var approver = User.IsInRole(Platform.Roles.FloorManager) || gm;
        var earner = User.IsInRole(Platform.Roles.Manager) || User.IsInRole(Platform.Roles.Promoter);
        var rotation = desk || approver || User.IsInRole(Platform.Roles.Manager) || User.IsInRole(Platform.Roles.DepartmentHead);
        var attendanceDesk = approver || User.IsInRole(Platform.Roles.DepartmentHead);
        Tile board = new("board", "/board"), bookings = new("bookings", "/bookings"), approvals = new("approvals", "/approvals");
        // The desk lives on the board; a manager mostly books; the floor answers approvals.
        Tile[] live = desk ? [board, bookings] : books ? [bookings, board] : [board];
        // Every member of staff signs in, answers pings and may be fined; the floor decides leave and pings.
        Tile attendance = new("attendance", "/attendance");
        // Whoever keeps customer files (and the GM) finds them; the floor and the GM also hand a leaver's book over.
        var keeper = gm || Platform.Roles.Bookers.Any(User.IsInRole);
        Tile[] customers = keeper ? [new("customers", "/customers"), new("returnVisits", "/customers/return-visits")] : [];
        Tiles =
        [
            .. approver ? new[] { approvals } : [],
            .. attendanceDesk ? new[] { new Tile("attendanceFloor", "/attendance/floor") } : [],
            .. earner ? new[] { attendance } : [],
            .. live,
            .. customers,
            .. approver ? new[] { new Tile("customerHandover", "/customers/handover") } : [],
            .. earner ? new[] { new Tile("card", "/performance/card") } : [],
            .. rotation ? new[] { new Tile("rotation", "/rotation") } : [],
            .. approver ? [] : new[] { approvals },
            .. earner ? [] : new[] { attendance },
            new("performance", "/performance"),
            new("fines", "/fines"),
            new("statements", "/statements"),
            new("rooms", "/rooms"),
            .. gm ? new[] { new Tile("staff", "/staff") } : [],
            new("houseRules", "/house-rules"),
            .. gm ? new[] { new Tile("audit", "/audit") } : [],
        ];
    }
}
