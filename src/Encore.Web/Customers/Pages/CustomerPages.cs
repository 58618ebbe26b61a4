using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Customers.Pages;

/// <summary>What the customer pages share: who may open them, and the managers a file can go to.</summary>
public static class CustomerPages
{
    /// <summary>Those who keep customer files (the bookers) and the GM.</summary>
    public const string Keepers = Roles.Manager + "," + Roles.Promoter + "," + Roles.DepartmentHead + "," + Roles.FloorManager + "," + Roles.Gm;

    public sealed record StaffOption(string Badge, string Name, bool Active, int Customers);

    public static bool IsFloor(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.FloorManager) || user.IsInRole(Roles.Gm);

    /// <summary>The venue's managers (anyone who books and keeps files), with how many customers each owns.</summary>
    public static async Task<IReadOnlyList<StaffOption>> ManagersAsync(EncoreDb db, Guid venue, bool activeOnly)
    {
        var bookerRoles = Roles.Bookers;
        var staff = await (from s in db.Users
                           where s.VenueId == venue && (!activeOnly || s.IsActive)
                           where db.UserRoles.Any(ur => ur.UserId == s.Id && db.Roles.Any(r => r.Id == ur.RoleId && bookerRoles.Contains(r.Name!)))
                           orderby s.UserName
                           select new { s.Id, Badge = s.UserName!, s.Name, s.IsActive }).ToListAsync();
        var counts = await db.Customers.Where(c => c.VenueId == venue).GroupBy(c => c.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return staff.Select(s => new StaffOption(s.Badge, s.Name, s.IsActive, counts.GetValueOrDefault(s.Id))).ToList();
    }
}
