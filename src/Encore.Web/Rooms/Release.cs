using Encore.Web.Bookings;

namespace Encore.Web.Rooms;

public sealed record OutOfServiceInput(string? Reason);

/// <summary>
/// The host desk's housekeeping moves: a room in cleaning (or back from repair) becomes free; a free room
/// goes out of service (维修). Cleaning also ends by itself after the house-rule minutes (see HoldSweeper).
/// </summary>
public static class ReleaseRoom
{
    public static async Task<IResult> ReleaseAsync(string number, HttpContext http, EncoreDb db, Board.BoardNotifier board) =>
        await ChangeAsync(number, http, db, board, "room.release", RoomAction.Release);

    public static async Task<IResult> OutOfServiceAsync(string number, OutOfServiceInput? input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator().Text("reason", input?.Reason, 200);
        if (!v.Ok) return v.ToResult();
        return await ChangeAsync(number, http, db, board, "room.outOfService", RoomAction.OutOfService, input!.Reason!.Trim());
    }

    private static async Task<IResult> ChangeAsync(string number, HttpContext http, EncoreDb db, Board.BoardNotifier board,
        string auditAction, RoomAction action, string note = "")
    {
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, auditAction);
        var (room, refusal) = await MoveAsync(db, at, board, number, action, note);
        if (refusal is not null) return refusal;
        return Results.Ok((await RoomBoard.ViewsAsync(db, at.VenueId, at.Zone, [room!.Id])).Single());
    }

    /// <summary>
    /// One housekeeping move of a room on the board (release, out of service), inside the request's transaction,
    /// the board told once it commits: the desk's routes and a failed checklist item (Checklists/) both move rooms
    /// through here. The room, or the refusal to answer: 404, or 409 <paramref name="notFreeKey"/> ({0} the room,
    /// {1} its state) when the table of moves or a live claim forbids it.
    /// </summary>
    public static async Task<(Room? Room, IResult? Refusal)> MoveAsync(EncoreDb db, VenueNow at, Board.BoardNotifier board,
        string number, RoomAction action, string note = "", string notFreeKey = "room.notFree")
    {
        Room? room;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            room = await Desk.FindRoomAsync(db, at.VenueId, number);
            if (room is null) return (null, Problems.Rule(404, "room.notFound", number));
            if (!RoomTransitions.CanMove(room.State, action) || await db.RoomClaims.AnyAsync(c => c.RoomId == room.Id && c.ReleasedAt == null))
                return (null, Problems.Rule(409, notFreeKey, room.Number,
                    Texts.Get($"roomState.{room.State}", System.Globalization.CultureInfo.CurrentUICulture)));
            Desk.SetState(room, RoomTransitions.Apply(room.State, action), at.Now, note);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return (null, Problems.Rule(409, "room.changed", number));
        }
        board.RoomChanged(at.VenueId, room.Id);
        return (room, null);
    }
}
