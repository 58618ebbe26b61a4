using Encore.Web.Bookings;

namespace Encore.Web.Rotation;

public sealed record BusyInput(bool? Busy);

/// <summary>API.md "Rotation (轮房)": the queue in the order the next walk-ins go, its history, and "I am busy".</summary>
public static class RotationApi
{
    public static void MapRotationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rotation").WithTags("Rotation").RequireAuthorization();

        group.MapGet("/", async (HttpContext http, EncoreDb db, string? businessDay) =>
            {
                var at = await http.Caller().NowAsync();
                if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                return Results.Ok(await RotationQueue.ViewAsync(db, at, day));
            })
            .Answers<List<RotationView>>().WithName("GetRotation");

        // The replay of a night: who joined, who got which walk-in, who was skipped and why, with the queue as it stood.
        group.MapGet("/history", async (HttpContext http, EncoreDb db, string? businessDay) =>
            {
                var at = await http.Caller().NowAsync();
                if (at.ParseDay("businessDay", businessDay, out var day) is { } refused) return refused;
                return Results.Ok(await RotationQueue.HistoryAsync(db, at, day));
            })
            .Requires(Capability.SeeRotationHistory)
            .Answers<List<RotationEventView>>().WithName("GetRotationHistory");

        group.MapPost("/busy", async (BusyInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board) =>
            {
                if (input.Busy is not { } busy) return Problems.Validation("busy", "required");
                var at = await http.Caller().NowAsync();
                var me = http.User.StaffId();
                AuditScope.Name(http, busy ? "rotation.busy" : "rotation.available");
                await using var tx = await db.BeginWriteAsync();
                var entry = await db.RotationEntries.SingleOrDefaultAsync(e => e.VenueId == at.VenueId && e.BusinessDay == at.Today && e.StaffId == me && !e.Left);
                if (entry is null) return Problems.Rule(409, "rotation.notInQueue");
                if (entry.Busy != busy)
                {
                    entry.Busy = busy;
                    entry.Version++;
                    db.RotationEvents.Add(new RotationEvent { VenueId = at.VenueId, BusinessDay = at.Today, At = at.Now, Kind = busy ? "busy" : "available", StaffId = me, ActorId = me });
                    await db.SaveChangesAsync();
                }
                await tx.CommitAsync();
                board.RotationChanged(at.VenueId);
                return Results.Ok(await RotationQueue.ViewAsync(db, at, at.Today));
            })
            .Requires(Capability.JoinRotation)
            .Answers<List<RotationView>>().WithName("SetRotationBusy");
    }

}
