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
        Tiles =
        [
            new("rooms", "/rooms"),
            .. gm ? new[] { new Tile("staff", "/staff") } : [],
            new("houseRules", "/house-rules"),
            .. gm ? new[] { new Tile("audit", "/audit") } : [],
        ];
    }
}
