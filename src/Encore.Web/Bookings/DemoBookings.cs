using System.Text.Json;
using Encore.Domain;
using Encore.Web.Data;

namespace Encore.Web.Bookings;

/// <summary>
/// The demo venue's booking history: 30 past nights of bookings (most completed with a bill, some lapsed, some
/// cancelled by their booker, a few late arrivals) and tonight's board (bookings waiting, rooms reserved, walk-ins
/// in rooms, one room under repair), all relative to the clock at seeding time. Deterministic for one seed.
/// </summary>
public static class DemoBookings
{
    private const int PastNights = 30;
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void Add(EncoreDb db, Guid venueId, IReadOnlyList<Room> rooms, IReadOnlyList<StaffMember> managers,
        IReadOnlyList<Customer> customers, StaffMember host, DateTimeOffset now, Random random)
    {
        var rules = Domain.HouseRules.Defaults;
        var zone = BusinessDay.FindZone(rules.BusinessDay.TimeZone);
        var cutoff = rules.BusinessDay.Cutoff;
        var today = BusinessDay.Of(now, zone, cutoff);
        var codes = new HashSet<string>();
        var byOwner = customers.GroupBy(c => c.OwnerId).ToDictionary(g => g.Key, g => g.ToList());

        string Code()
        {
            string code;
            do code = new string(Enumerable.Range(0, 6).Select(_ => CodeAlphabet[random.Next(CodeAlphabet.Length)]).ToArray());
            while (!codes.Add(code));
            return code;
        }

        Booking NewBooking(DateOnly day, DateTimeOffset arrival, DateTimeOffset created)
        {
            var manager = managers[random.Next(managers.Count)];
            var customer = byOwner[manager.Id][random.Next(byOwner[manager.Id].Count)];
            var booking = new Booking
            {
                VenueId = venueId, BusinessDay = day, CustomerId = customer.Id, CustomerName = customer.Name, CustomerPhone = customer.Phone,
                Arrival = arrival, PartySize = random.Next(2, 16), BookerId = manager.Id, BookerDepartment = manager.Department,
                CreatedById = manager.Id, ConfirmationCode = Code(), CreatedAt = created, UpdatedAt = created,
                HoldUntil = HoldPolicy.HoldUntil(arrival, null, rules),
            };
            db.Bookings.Add(booking);
            Event(booking, "created", manager.UserName!, manager.Id, created, null);
            return booking;
        }

        void Event(Booking booking, string kind, string badge, Guid? actor, DateTimeOffset at, string? room, string detail = "")
        {
            db.BookingEvents.Add(new BookingEvent
            {
                VenueId = venueId, BookingId = booking.Id, At = at, ActorId = actor, ActorBadge = badge, Kind = kind,
                Status = booking.Status, RoomNumber = room, Detail = detail,
            });
            booking.UpdatedAt = at;
        }

        void Assign(Booking booking, Room room, DateTimeOffset at)
        {
            booking.Status = BookingStatus.Assigned;
            booking.RoomId = room.Id;
            booking.AssignedAt = at;
            booking.HoldUntil = HoldPolicy.HoldUntil(booking.Arrival, at, rules);
            Event(booking, "assigned", host.UserName!, host.Id, at, room.Number);
        }

        RoomSession Session(Room room, DateOnly day, Guid? credited, Guid? bookingId, int party, DateTimeOffset opened, DateTimeOffset? closed)
        {
            var session = new RoomSession
            {
                VenueId = venueId, RoomId = room.Id, BookingId = bookingId, WalkIn = bookingId is null, PartySize = party,
                CreditedToId = credited, BusinessDay = day, OpenedAt = opened, OpenedById = host.Id,
            };
            if (closed is { } end)
            {
                var spend = Math.Max(room.MinimumSpend, random.Next(60, 1200) * 10m);
                var discount = random.Next(4) == 0 ? decimal.Round(spend * random.Next(1, 11) / 100m, 0) : 0m;
                var comps = random.Next(3) == 0 ? new[] { new { item = "果盘", value = 88m } } : [];
                session.ClosedAt = end;
                session.ClosedById = host.Id;
                session.Spend = spend;
                session.Discount = discount;
                session.CompsValue = comps.Sum(c => c.value);
                session.Comps = JsonSerializer.Serialize(comps);
            }
            db.RoomSessions.Add(session);
            return session;
        }

        for (var back = PastNights; back >= 1; back--)
        {
            var day = today.AddDays(-back);
            var pool = new Queue<Room>(rooms.OrderBy(_ => random.Next()));
            var count = random.Next(18, 32);
            for (var i = 0; i < count && pool.Count > 2; i++)
            {
                var arrival = BusinessDay.At(day, new TimeOnly(19, 30).AddMinutes(15 * random.Next(0, 17)), zone, cutoff);
                var booking = NewBooking(day, arrival, arrival.AddHours(-random.Next(1, 48)));
                var roll = random.NextDouble();
                if (roll < 0.10)
                {
                    booking.Status = BookingStatus.Cancelled;
                    booking.CancelledAt = booking.CreatedAt.AddMinutes(random.Next(10, 60));
                    booking.CancelReason = "客人改期";
                    Event(booking, "cancelledByBooker", managers.First(m => m.Id == booking.BookerId).UserName!, booking.BookerId, booking.CancelledAt.Value, null, booking.CancelReason);
                    continue;
                }
                var first = pool.Dequeue();
                Assign(booking, first, arrival.AddMinutes(-30));
                var claim = new RoomClaim { VenueId = venueId, RoomId = first.Id, BookingId = booking.Id, From = booking.AssignedAt!.Value };
                db.RoomClaims.Add(claim);
                var room = first;
                if (roll < 0.25)
                {
                    booking.Status = BookingStatus.Lapsed;
                    claim.ReleasedAt = booking.HoldUntil;
                    Event(booking, "lapsed", "system", null, booking.HoldUntil!.Value, first.Number);
                    if (roll >= 0.20) continue; // the guest never came
                    // A late guest, verified and given another room, still credited to the booker.
                    room = pool.Dequeue();
                    var late = booking.HoldUntil!.Value.AddMinutes(random.Next(5, 40));
                    claim = new RoomClaim { VenueId = venueId, RoomId = room.Id, BookingId = booking.Id, From = late };
                    db.RoomClaims.Add(claim);
                    booking.RoomId = room.Id;
                    booking.AssignedAt = late;
                    booking.Status = BookingStatus.Arrived;
                    booking.ArrivedAt = late;
                    booking.HoldUntil = null;
                    Event(booking, "lateArrival", host.UserName!, host.Id, late, room.Number, "verified by confirmation code");
                }
                else
                {
                    booking.Status = BookingStatus.Arrived;
                    booking.ArrivedAt = arrival.AddMinutes(random.Next(-10, 15));
                    booking.HoldUntil = null;
                    Event(booking, "arrived", host.UserName!, host.Id, booking.ArrivedAt.Value, null, "verified by name and phone");
                }
                var opened = booking.ArrivedAt!.Value.AddMinutes(2);
                var closed = opened.AddMinutes(random.Next(120, 300));
                var session = Session(room, day, booking.BookerId, booking.Id, booking.PartySize, opened, closed);
                claim.SessionId = session.Id;
                claim.ReleasedAt = closed;
                Event(booking, "opened", host.UserName!, host.Id, opened, room.Number);
                booking.Status = BookingStatus.Completed;
                Event(booking, "completed", host.UserName!, host.Id, closed, room.Number, $"spend {session.Spend}");
            }
        }

        // Tonight: what the board shows when the demo starts, if the night is not yet over.
        var tonightPool = new Queue<Room>(rooms.Where(r => r.Number != "115").OrderBy(_ => random.Next()));
        var repair = rooms.First(r => r.Number == "115");
        repair.State = RoomState.OutOfService;
        repair.StateSince = now.AddHours(-3);
        var firstArrival = BusinessDay.At(today, new TimeOnly(19, 30), zone, cutoff);
        var start = now > firstArrival ? now : firstArrival;
        start = start.AddMinutes(30 - start.Minute % 15);
        for (var i = 0; i < 10; i++)
        {
            var arrival = start.AddMinutes(15 * i);
            if (BusinessDay.Of(arrival, zone, cutoff) != today || BusinessDay.SinceCutoff(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(arrival, zone).DateTime), cutoff) > TimeSpan.FromHours(18)) break;
            var booking = NewBooking(today, arrival, now.AddMinutes(-random.Next(20, 300)));
            if (i % 2 == 0)
            {
                var room = tonightPool.Dequeue();
                Assign(booking, room, now.AddMinutes(-random.Next(1, 15)));
                db.RoomClaims.Add(new RoomClaim { VenueId = venueId, RoomId = room.Id, BookingId = booking.Id, From = booking.AssignedAt!.Value });
                room.State = RoomState.Reserved;
                room.StateSince = booking.AssignedAt;
            }
        }
        if (now >= firstArrival && BusinessDay.Of(now, zone, cutoff) == today)
        {
            for (var i = 0; i < 4; i++)
            {
                var room = tonightPool.Dequeue();
                var session = Session(room, today, null, null, random.Next(2, 10), now.AddMinutes(-random.Next(10, 90)), null);
                db.RoomClaims.Add(new RoomClaim { VenueId = venueId, RoomId = room.Id, SessionId = session.Id, From = session.OpenedAt });
                room.State = RoomState.Occupied;
                room.StateSince = session.OpenedAt;
            }
            var cleaning = tonightPool.Dequeue();
            cleaning.State = RoomState.Cleaning;
            cleaning.StateSince = now.AddMinutes(-5);
        }
    }
}
