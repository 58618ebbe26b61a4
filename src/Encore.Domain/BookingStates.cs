namespace Encore.Domain;

/// <summary>API.md "Bookings": booked, assigned, arrived, lapsed (hold ran out), cancelled, completed. Stored by name.</summary>
public enum BookingStatus { Booked, Assigned, Arrived, Lapsed, Cancelled, Completed }

/// <summary>What can happen to a booking. Lapse (the hold sweeper) and Complete (the room's bill) follow from elsewhere.</summary>
public enum BookingAction { Assign, Arrive, Cancel, Open, Lapse, Complete }

/// <summary>
/// SPEC.md "Bookings": the host desk assigns a room to a booked booking; the guest arrives (verified) while it is
/// booked, assigned or lapsed (a late arrival); the booker or the desk cancels it before the guest came; an
/// arrived booking's room is opened and, when the bill closes it, the booking is completed. A hold that runs out
/// lapses a booked or assigned booking. A cancelled booking's guest is a new walk-in: nothing moves it any more.
/// </summary>
public static class BookingTransitions
{
    public static readonly Transitions<BookingStatus, BookingAction> Table = new(BookingAction.Lapse, BookingAction.Complete)
    {
        { BookingStatus.Booked, BookingAction.Assign, BookingStatus.Assigned },
        { BookingStatus.Booked, BookingAction.Arrive, BookingStatus.Arrived },
        { BookingStatus.Booked, BookingAction.Cancel, BookingStatus.Cancelled },
        { BookingStatus.Booked, BookingAction.Lapse, BookingStatus.Lapsed },
        { BookingStatus.Assigned, BookingAction.Arrive, BookingStatus.Arrived },
        { BookingStatus.Assigned, BookingAction.Cancel, BookingStatus.Cancelled },
        { BookingStatus.Assigned, BookingAction.Lapse, BookingStatus.Lapsed },
        { BookingStatus.Lapsed, BookingAction.Arrive, BookingStatus.Arrived },
        { BookingStatus.Arrived, BookingAction.Open, BookingStatus.Arrived },
        { BookingStatus.Arrived, BookingAction.Complete, BookingStatus.Completed },
    };

    public static bool CanMove(BookingStatus from, BookingAction action) => Table.CanMove(from, action);
    public static BookingStatus Apply(BookingStatus from, BookingAction action) => Table.Apply(from, action);
    public static IReadOnlyList<BookingAction> Offered(BookingStatus from) => Table.Offered(from);
}

/// <summary>SPEC.md "Rooms and the room board": free → reserved → occupied → (closing) → cleaning → free; out of service. Stored by name.</summary>
public enum RoomState { Free, Reserved, Occupied, Closing, Cleaning, OutOfService }

/// <summary>
/// Reserve: a booking takes the room. Open: its guest goes in. WalkIn: guests without a booking go straight in.
/// Unreserve: the booking lets go (cancelled, lapsed, moved elsewhere). Close: the bill, or the guests moved to
/// another room. Release: the room is free again (cleaned, or repaired). OutOfService: 维修.
/// </summary>
public enum RoomAction { Reserve, Open, WalkIn, Unreserve, Close, Release, OutOfService }

/// <summary>The room board's moves. Only a free room is taken; only a free or cleaning room goes out of service.</summary>
public static class RoomTransitions
{
    public static readonly Transitions<RoomState, RoomAction> Table = new()
    {
        { RoomState.Free, RoomAction.Reserve, RoomState.Reserved },
        { RoomState.Free, RoomAction.WalkIn, RoomState.Occupied },
        { RoomState.Free, RoomAction.OutOfService, RoomState.OutOfService },
        { RoomState.Reserved, RoomAction.Open, RoomState.Occupied },
        { RoomState.Reserved, RoomAction.Unreserve, RoomState.Free },
        { RoomState.Occupied, RoomAction.Close, RoomState.Cleaning },
        { RoomState.Closing, RoomAction.Close, RoomState.Cleaning },
        { RoomState.Cleaning, RoomAction.Release, RoomState.Free },
        { RoomState.Cleaning, RoomAction.OutOfService, RoomState.OutOfService },
        { RoomState.OutOfService, RoomAction.Release, RoomState.Free },
    };

    public static bool CanMove(RoomState from, RoomAction action) => Table.CanMove(from, action);
    public static RoomState Apply(RoomState from, RoomAction action) => Table.Apply(from, action);
    public static IReadOnlyList<RoomAction> Offered(RoomState from) => Table.Offered(from);
}
