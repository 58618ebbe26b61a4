using Encore.Web.Customers;
using Encore.Web.Rooms;
using Encore.Web.Staff;

namespace Encore.Web.Bookings;

/// <summary>The demo venue's 30 nights of history and tonight's board (<see cref="DemoBookings"/>).</summary>
public sealed class BookingsDemo : IFeatureData
{
    public int Order => 50;

    public Task AddDemoAsync(DemoVenue demo)
    {
        var host = demo.Db.Users.Local.Single(u => u.UserName == "h02");
        DemoBookings.Add(demo.Db, demo.Venue.Id, demo.Shared<RoomsDemo.Added>().List, demo.Shared<StaffDemo.Managers>().List,
            demo.Shared<CustomersDemo.Added>().List, host, demo.Now, demo.Random);
        return Task.CompletedTask;
    }
}
