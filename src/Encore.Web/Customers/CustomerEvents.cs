using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Customers;

/// <summary>
/// "customersChanged" {}: customer files were filed, edited, imported or handed over. It carries no id, name or
/// phone: each page that lists customers fetches its list again (the booking page through GET /api/customers/mine),
/// and the API shows each reader what they may see.
/// </summary>
public sealed record CustomersChanged;

/// <summary>
/// To who may see those files in full (<see cref="CustomerRules.SeesPhone"/>): their owners (after a handover both
/// the old owner, whose list loses them, and the new one) and who manages every file (the floor, the GM). No one
/// else hears that another keeper's book changed.
/// </summary>
public static class CustomerEvents
{
    public static void CustomersChanged(this BoardNotifier board, Guid venue, IEnumerable<Guid> owners)
    {
        var to = owners.Distinct().ToList();
        board.Post(venue, async live =>
        {
            var floor = await live.Db.Holding(venue, Capability.ManageAllCustomers).Where(s => s.IsActive).Select(s => s.Id).ToListAsync(live.Ct);
            // Ids formatted here, as the hub knows its users, not by the database (SQLite keeps them upper case).
            await live.Clients.Users(to.Concat(floor).Distinct().Select(id => id.ToString()).ToList()).SendAsync("customersChanged", new CustomersChanged(), live.Ct);
        });
    }
}
