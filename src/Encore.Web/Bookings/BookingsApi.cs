using Encore.Web.Rooms;

namespace Encore.Web.Bookings;

/// <summary>API.md "Bookings": taking, listing, assigning, verifying and cancelling bookings.</summary>
public static class BookingsApi
{
    public static void MapBookingsApi(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization();

        bookings.MapPost("/", CreateBooking.HandleAsync)
            .Requires(Capability.Book)
            .WritesFromFirstWrite()
            .Answers<BookingView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status429TooManyRequests).WithName("CreateBooking");
        bookings.MapGet("/", ListAsync).Answers<List<BookingView>>().WithName("ListBookings");
        bookings.MapGet("/{id:guid}", async (Guid id, HttpContext http, EncoreDb db) =>
            {
                var at = await http.Caller().NowAsync();
                var visible = await db.Bookings.VisibleTo(http.User).AnyAsync(b => b.Id == id);
                return visible && await BookingQueries.ViewAsync(db, id, at, withHistory: true, reader: http.User) is { } view
                    ? Results.Ok((await new[] { view }.ForAsync(http, at)).Single())
                    : Problems.Rule(404, "booking.notFound");
            })
            .Answers<BookingView>().WithName("GetBooking");
        bookings.MapPatch("/{id:guid}", ChangeBooking.HandleAsync).Answers<BookingView>().WithName("ChangeBooking");
        bookings.MapPost("/{id:guid}/assign", AssignBooking.HandleAsync).Requires(Capability.WorkDesk).Answers<BookingView>().WithName("AssignBooking");
        bookings.MapPost("/{id:guid}/arrive", ArriveBooking.HandleAsync).Requires(Capability.WorkDesk).Answers<BookingView>().WithName("ArriveBooking");
        bookings.MapPost("/{id:guid}/cancel", CancelBooking.HandleAsync).Answers<BookingView>().WithName("CancelBooking");
    }

    /// <summary>GET /api/bookings?businessDay=2026-11-20&amp;status=booked,assigned (default: tonight, every status).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? businessDay, string? status)
    {
        var at = await http.Caller().NowAsync();
        if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
        var statuses = new List<BookingStatus>();
        foreach (var part in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<BookingStatus>(part, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(part, out _))
                return Problems.Validation("status", "oneOf", "booked|assigned|arrived|lapsed|cancelled|completed");
            statuses.Add(parsed);
        }
        var query = db.Bookings.VisibleTo(http.User).Where(b => b.BusinessDay == day);
        if (statuses.Count > 0) query = query.Where(b => statuses.Contains(b.Status));
        return Results.Ok(await (await BookingQueries.ViewsAsync(db, query, at)).ForAsync(http, at));
    }
}
