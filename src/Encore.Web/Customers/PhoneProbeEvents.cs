using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Customers;

/// <summary>What the floor is told when someone keeps meeting other keepers' files (<see cref="PhoneProbeGuard"/>): who, how often, where. Never a phone.</summary>
public sealed record PhoneProbingAlert(string Badge, string Name, int Conflicts, int Minutes, string Route, DateTimeOffset At);

/// <summary>"phoneProbing": to every floor manager and the GM of the venue (who manage every customer file), live.</summary>
public static class PhoneProbeEvents
{
    public static void PhoneProbing(this BoardNotifier board, Guid venue, PhoneProbingAlert alert) =>
        board.Post(venue, async live =>
        {
            var floor = await live.Db.Holding(venue, Capability.ManageAllCustomers).Where(s => s.IsActive).Select(s => s.Id).ToListAsync(live.Ct);
            // Ids formatted here, as the hub knows its users, not by the database (SQLite keeps them upper case).
            await live.Clients.Users(floor.Select(id => id.ToString())).SendAsync("phoneProbing", alert with { At = live.At.Local(alert.At) }, live.Ct);
        });
}
