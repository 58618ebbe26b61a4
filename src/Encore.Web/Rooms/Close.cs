using System.Text.Json;
using Encore.Domain;
using Encore.Web.Audit;
using Encore.Web.Bookings;
using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Rooms;

public sealed record CompInput(string? Item, decimal? Value);

public sealed record CloseInput(decimal? Spend, decimal? Discount, IReadOnlyList<CompInput>? Comps, Guid? ApprovalId);

public sealed record CloseResult(Guid SessionId, string? CreditedBadge, decimal Spend);

/// <summary>
/// POST /api/rooms/{number}/close (host desk or cashier): the bill ends the session and the room goes to
/// cleaning. A discount or comps beyond the credited manager's authority (SPEC.md: the authority that counts is
/// the credited manager's; the closer's for a walk-in nobody was credited with) is refused with 403 naming the
/// approval needed. Approvals themselves, the catalogue and POS import come with issue 4.
/// </summary>
public static class CloseRoom
{
    public static async Task<IResult> HandleAsync(string number, CloseInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator()
            .Range("spend", input.Spend, 0, 10_000_000)
            .Range("discount", input.Discount ?? 0, 0, input.Spend ?? 0);
        if (input.Spend is { } s && decimal.Round(s, 2) != s) v.Add("spend", "money");
        if (input.Discount is { } d && decimal.Round(d, 2) != d) v.Add("discount", "money");
        var comps = input.Comps ?? [];
        if (comps.Count > 50) v.Add("comps", "maxItems", 50);
        for (var i = 0; i < comps.Count && i < 50; i++)
        {
            v.Text($"comps[{i}].item", comps[i]?.Item, 50);
            v.Range($"comps[{i}].value", comps[i]?.Value, 0, 1_000_000);
        }
        if (input.ApprovalId is not null) v.Add("approvalId", "unknown");
        if (!v.Ok) return v.ToResult();

        var at = await Desk.NowAsync(http);
        var spend = input.Spend!.Value;
        var discount = input.Discount ?? 0;
        var compsValue = comps.Sum(c => c.Value!.Value);
        AuditScope.Name(http, "room.close");
        RoomSession? session;
        Room? room;
        string? creditedBadge;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            room = await Desk.FindRoomAsync(db, at.VenueId, number);
            if (room is null) return Problems.Rule(404, "room.notFound", number);
            var claim = await Desk.ActiveClaimAsync(db, room.Id);
            session = claim?.SessionId is { } sid ? await db.RoomSessions.SingleAsync(x => x.Id == sid) : null;
            if (claim is null || session is null) return Problems.Rule(409, "room.notOpen", room.Number);

            var authorityHolder = session.CreditedToId ?? http.User.StaffId();
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == authorityHolder select r.Name!).ToListAsync();
            var authority = Authority.Of(at.Rules.Authority, roles);
            var excess = Authority.Exceeds(authority, spend, discount, compsValue);
            if (excess.Discount)
                return Problems.Rule(403, "authority.discountNeedsApproval", $"{Authority.DiscountRate(spend, discount):P0}", $"{authority.MaxDiscountRate:P0}");
            if (excess.Comps)
                return Problems.Rule(403, "authority.compsNeedApproval", compsValue, authority.MaxCompValue);

            session.ClosedAt = at.Now;
            session.ClosedById = http.User.StaffId();
            session.Spend = spend;
            session.Discount = discount;
            session.CompsValue = compsValue;
            session.Comps = JsonSerializer.Serialize(comps.Select(c => new { item = c.Item!.Trim(), value = c.Value }));
            await Desk.ReleaseAsync(db, claim, RoomState.Cleaning, at.Now);
            if (session.BookingId is { } bookingId)
            {
                var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId);
                booking.Status = BookingStatus.Completed;
                db.Record(booking, "completed", http.User, at.Now, room.Number, $"spend {spend}");
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            creditedBadge = session.CreditedToId is { } c ? await db.Users.Where(u => u.Id == c).Select(u => u.UserName).SingleAsync() : null;
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "room.changed", number);
        }

        board.RoomChanged(at.VenueId, room.Id);
        if (session.BookingId is { } changed) board.BookingChanged(at.VenueId, changed);
        return Results.Ok(new CloseResult(session.Id, creditedBadge, spend));
    }
}
