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
        Room? room;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            room = await Desk.FindRoomAsync(db, at.VenueId, number);
            if (room is null) return Problems.Rule(404, "room.notFound", number);
            if (!RoomTransitions.CanMove(room.State, action) || await db.RoomClaims.AnyAsync(c => c.RoomId == room.Id && c.ReleasedAt == null))
                return Problems.Rule(409, "room.notFree", room.Number,
                    Texts.Get($"roomState.{room.State}", System.Globalization.CultureInfo.CurrentUICulture));
            Desk.SetState(room, RoomTransitions.Apply(room.State, action), at.Now, note);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "room.changed", number);
        }
        board.RoomChanged(at.VenueId, room.Id);
        return Results.Ok((await RoomBoard.ViewsAsync(db, at.VenueId, at.Zone, [room.Id])).Single());
    }
}
