using Encore.Web.Customers;
using Encore.Web.Staff;

namespace Encore.Web.Reports;

/// <summary>
/// The demo's 带假房: the bookings history (<see cref="Bookings.DemoBookings"/>) lapses about one booking in twenty, which
/// flags nobody, so m03 is given a month of bookings that never arrive (booked the day before, the hold runs out) and
/// one guest who was not the booked one. The integrity report then shows one booker flagged and the others not.
/// Seeded last and without the demo's random numbers, so the other features' demo data stays as it was.
/// </summary>
public sealed class IntegrityDemo : IFeatureData
{
    public int Order => 110;

    public Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var rules = Domain.HouseRules.Defaults;
        var zone = BusinessDay.FindZone(rules.BusinessDay.TimeZone);
        var today = BusinessDay.Of(demo.Now, zone, rules.BusinessDay.Cutoff);
        var booker = demo.Shared<StaffDemo.Managers>().List.Single(m => m.UserName == "m03");
        var customers = demo.Shared<CustomersDemo.Added>().List.Where(c => c.OwnerId == booker.Id).OrderBy(c => c.Phone).ToList();
        var host = db.Users.Local.Single(u => u.UserName == "h02");
        var first = new DateOnly(today.AddDays(-1).Year, today.AddDays(-1).Month, 1);
        var n = 0;
        for (var day = today.AddDays(-1); day >= first && n < 14; day = day.AddDays(-1), n++)
        {
            var customer = customers[n % customers.Count];
            var arrival = BusinessDay.At(day, new TimeOnly(20, 30), zone, rules.BusinessDay.Cutoff);
            var holdUntil = HoldPolicy.HoldUntil(arrival, null, rules);
            var created = arrival.AddDays(-1);
            var booking = new Booking
            {
                VenueId = demo.Venue.Id, BusinessDay = day, CustomerId = customer.Id, CustomerName = customer.Name, CustomerPhone = customer.Phone,
                Arrival = arrival, PartySize = 8, BookerId = booker.Id, BookerDepartment = booker.Department, CreatedById = booker.Id,
                ConfirmationCode = $"FAKE{n:D2}", CreatedAt = created, UpdatedAt = holdUntil, HoldUntil = holdUntil, Status = BookingStatus.Lapsed,
            };
            db.Bookings.Add(booking);
            void Event(string kind, DateTimeOffset at, string badge, Guid? actor, BookingStatus status, PhoneText? detail = null) =>
                db.BookingEvents.Add(new BookingEvent
                {
                    VenueId = demo.Venue.Id, BookingId = booking.Id, At = at, ActorId = actor, ActorBadge = badge, Kind = kind, Status = status,
                    Detail = detail?.Masked ?? "", DetailPhones = detail?.Json,
                });
            Event("created", created, booker.UserName!, booker.Id, BookingStatus.Booked);
            // The first night a guest came who was not the booked one: the desk refused them (作弊), the hold ran out.
            if (n == 0)
                Event("verificationFailed", arrival.AddMinutes(5), host.UserName!, host.Id, BookingStatus.Booked,
                    PhoneText.Say("bookingHistory.verificationFailed", "张先生", null, booking.CustomerName, new PhoneMention(booking.CustomerPhone, booking.CustomerId)));
            Event("lapsed", holdUntil, "system", null, BookingStatus.Lapsed,
                PhoneText.Say("bookingHistory.holdRanOut", holdUntil.ToOffset(zone.GetUtcOffset(holdUntil)).ToString("HH:mm", CultureInfo.InvariantCulture)));
        }
        return Task.CompletedTask;
    }
}
