namespace Encore.Web.Rooms;

public sealed record RoomInput(string? Number, RoomType? Type, int? Capacity, decimal? MinimumSpend, string? Area);

/// <summary>The room object of API.md "Rooms and the board", with what a board screen shows beside it.</summary>
public sealed record RoomView(string Number, RoomType Type, int Capacity, decimal MinimumSpend, string Area, RoomState State, Guid? BookingId, string? ManagerBadge)
{
    public string? ManagerName { get; init; }
    public Guid? SessionId { get; init; }
    public DateTimeOffset? HoldUntil { get; init; }
    /// <summary>True once a reserved room's guest has been verified: it may be opened.</summary>
    public bool GuestArrived { get; init; }
    public int? PartySize { get; init; }
    public DateTimeOffset? StateSince { get; init; }
    /// <summary>Why a room is out of service.</summary>
    public string StateNote { get; init; } = "";
}

public static class RoomsApi
{
    public static void MapRoomsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rooms").WithTags("Rooms").RequireAuthorization();

        group.MapGet("/", async (Caller caller, EncoreDb db, BoardProjection board) =>
                Results.Bytes(await board.JsonAsync(db, caller.VenueId, (await caller.NowAsync()).Zone), "application/json; charset=utf-8"))
            .Answers<List<RoomView>>().WithName("ListRooms");

        group.MapPost("/", async (RoomInput body, HttpContext http, EncoreDb db, TimeProvider clock) =>
            {
                var result = await CreateAsync(http, db, clock, body);
                return result.Problems is { } p ? Problems.Validation(p)
                    : result.Room is null ? Problems.Rule(409, "room.numberTaken", body.Number)
                    : Results.Created($"/api/rooms/{result.Room.Number}", result.Room);
            })
            .Requires(Capability.ManageRooms)
            .Answers<RoomView>(StatusCodes.Status201Created).WithName("CreateRoom");

        // The desk's room moves (the bill's close included): each a command of its own file in this folder.
        group.MapPost("/{number}/open", OpenRoom.HandleAsync).Requires(Capability.WorkDesk).Answers<OpenResult>().WithName("OpenRoom");
        group.MapPost("/{number}/transfer", TransferRoom.HandleAsync).Requires(Capability.WorkDesk).Answers<RoomView>().WithName("TransferRoom");
        group.MapPost("/{number}/close", CloseRoom.HandleAsync).Requires(Capability.CloseBills).Answers<CloseResult>().WithName("CloseRoom");
        group.MapPost("/{number}/release", ReleaseRoom.ReleaseAsync).Requires(Capability.WorkDesk).Answers<RoomView>().WithName("ReleaseRoom");
        group.MapPost("/{number}/out-of-service", ReleaseRoom.OutOfServiceAsync).Requires(Capability.WorkDesk).Answers<RoomView>().WithName("RoomOutOfService");
    }

    public static async Task<List<RoomView>> ListAsync(EncoreDb db, Caller caller) =>
        await RoomBoard.ViewsAsync(db, caller.VenueId, (await caller.NowAsync()).Zone);

    public sealed record CreateResult(RoomView? Room, IReadOnlyList<RuleProblem>? Problems);

    /// <summary>Adds a room; a null room without problems means the number is already in use (409).</summary>
    public static async Task<CreateResult> CreateAsync(HttpContext http, EncoreDb db, TimeProvider clock, RoomInput input)
    {
        var venue = http.User.VenueId();
        var v = new Validator()
            .Text("number", input.Number, 16)
            .Range("capacity", input.Capacity, 1, Ranges.CapacityMax)
            .Range("minimumSpend", input.MinimumSpend, 0, Ranges.ItemMax)
            .Text("area", input.Area, 50, required: false);
        if (input.Type is null) v.Add("type", "required");
        else v.Defined("type", input.Type);
        if (input.MinimumSpend is { } spend && decimal.Round(spend, 2) != spend) v.Add("minimumSpend", "money");
        if (!v.Ok) return new(null, v.Problems);

        var number = input.Number!.Trim();
        if (await db.Rooms.AnyAsync(r => r.VenueId == venue && r.Number == number)) return new(null, null);
        var room = new Room
        {
            VenueId = venue,
            Number = number,
            Type = input.Type!.Value,
            Capacity = input.Capacity!.Value,
            MinimumSpend = input.MinimumSpend!.Value,
            Area = input.Area?.Trim() ?? "",
            CreatedAt = clock.GetUtcNow(),
        };
        AuditScope.Name(http, "room.create");
        db.Rooms.Add(room);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two desks adding the same number at once: the unique index decides, the loser gets 409.
            db.Entry(room).State = EntityState.Detached;
            if (await db.Rooms.AnyAsync(r => r.VenueId == venue && r.Number == number)) return new(null, null);
            throw;
        }
        return new(new RoomView(room.Number, room.Type, room.Capacity, room.MinimumSpend, room.Area, room.State, null, null), null);
    }
}
