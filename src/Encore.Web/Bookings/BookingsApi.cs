using Encore.Domain;
using Encore.Web.Data;
using Encore.Web.Platform;
using Encore.Web.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Bookings;

/// <summary>API.md "Bookings" and the desk's room moves of "Rooms and the board".</summary>
public static class BookingsApi
{
    public static void AddBookings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Board.BoardNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Board.BoardNotifier>());
        builder.Services.AddHostedService<HoldSweeper>();
        // The hub speaks the API's JSON (enums as camelCase strings), so a board reads roomChanged like GET /api/rooms.
        builder.Services.AddSignalR().AddJsonProtocol(o => EncoreJson.Configure(o.PayloadSerializerOptions));
    }

    public static void MapBookingsApi(this WebApplication app)
    {
        var bookings = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization();
        var desk = new[] { Roles.Host, Roles.HostSupervisor, Roles.Gm };

        bookings.MapPost("/", CreateBooking.HandleAsync)
            .RequireAuthorization(p => p.RequireRole([.. Roles.Bookers, .. desk]))
            .Answers<BookingView>(StatusCodes.Status201Created).WithName("CreateBooking");
        bookings.MapGet("/", ListAsync).Answers<List<BookingView>>().WithName("ListBookings");
        bookings.MapGet("/{id:guid}", async (Guid id, HttpContext http, EncoreDb db) =>
            {
                var at = await Desk.NowAsync(http);
                var visible = await db.Bookings.VisibleTo(http.User).AnyAsync(b => b.Id == id);
                return visible && await BookingQueries.ViewAsync(db, id, at, withHistory: true) is { } view
                    ? Results.Ok(view.For(http.User))
                    : Problems.Rule(404, "booking.notFound");
            })
            .Answers<BookingView>().WithName("GetBooking");
        bookings.MapPost("/{id:guid}/assign", AssignBooking.HandleAsync).RequireAuthorization(p => p.RequireRole(desk)).Answers<BookingView>().WithName("AssignBooking");
        bookings.MapPost("/{id:guid}/arrive", ArriveBooking.HandleAsync).RequireAuthorization(p => p.RequireRole(desk)).Answers<BookingView>().WithName("ArriveBooking");
        bookings.MapPost("/{id:guid}/cancel", CancelBooking.HandleAsync).Answers<BookingView>().WithName("CancelBooking");

        var rooms = app.MapGroup("/api/rooms").WithTags("Rooms").RequireAuthorization();
        rooms.MapPost("/{number}/open", OpenRoom.HandleAsync).RequireAuthorization(p => p.RequireRole(desk)).Answers<OpenResult>().WithName("OpenRoom");
        rooms.MapPost("/{number}/transfer", TransferRoom.HandleAsync).RequireAuthorization(p => p.RequireRole(desk)).Answers<RoomView>().WithName("TransferRoom");
        rooms.MapPost("/{number}/close", CloseRoom.HandleAsync).RequireAuthorization(p => p.RequireRole(Roles.Closers)).Answers<CloseResult>().WithName("CloseRoom");
        rooms.MapPost("/{number}/release", ReleaseRoom.ReleaseAsync).RequireAuthorization(p => p.RequireRole(desk)).Answers<RoomView>().WithName("ReleaseRoom");
        rooms.MapPost("/{number}/out-of-service", ReleaseRoom.OutOfServiceAsync).RequireAuthorization(p => p.RequireRole(desk)).Answers<RoomView>().WithName("RoomOutOfService");

        app.MapHub<Board.BoardHub>("/hubs/board");
    }

    /// <summary>GET /api/bookings?businessDay=2026-11-20&amp;status=booked,assigned (default: tonight, every status).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? businessDay, string? status)
    {
        var at = await Desk.NowAsync(http);
        var day = at.Today;
        if (!string.IsNullOrWhiteSpace(businessDay) && !DateOnly.TryParseExact(businessDay, "yyyy-MM-dd", out day))
            return Problems.Validation("businessDay", "format", "2026-11-20");
        var statuses = new List<BookingStatus>();
        foreach (var part in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<BookingStatus>(part, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(part, out _))
                return Problems.Validation("status", "oneOf", "booked|assigned|arrived|lapsed|cancelled|completed");
            statuses.Add(parsed);
        }
        var query = db.Bookings.VisibleTo(http.User).Where(b => b.BusinessDay == day);
        if (statuses.Count > 0) query = query.Where(b => statuses.Contains(b.Status));
        return Results.Ok((await BookingQueries.ViewsAsync(db, query, at)).Select(v => v.For(http.User)));
    }
}
