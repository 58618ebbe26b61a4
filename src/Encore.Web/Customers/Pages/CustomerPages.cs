using Encore.Web.Staff;

namespace Encore.Web.Customers.Pages;

/// <summary>What the customer pages share: who may open them, and the managers a file can go to.</summary>
public static class CustomerPages
{
    public sealed record StaffOption(string Badge, string Name, bool Active, int Customers);

    /// <summary>The venue's managers (anyone who books and keeps files), with how many customers each owns.</summary>
    public static async Task<IReadOnlyList<StaffOption>> ManagersAsync(EncoreDb db, Guid venue, bool activeOnly)
    {
        var staff = await (from s in db.Holding(venue, Capability.KeepCustomers)
                           where !activeOnly || s.IsActive
                           orderby s.UserName
                           select new { s.Id, Badge = s.UserName!, s.Name, s.IsActive }).ToListAsync();
        var counts = await db.Customers.Where(c => c.VenueId == venue).GroupBy(c => c.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return staff.Select(s => new StaffOption(s.Badge, s.Name, s.IsActive, counts.GetValueOrDefault(s.Id))).ToList();
    }
}
