namespace Encore.Web.Reports;

/// <summary>
/// API.md "Reports": <c>GET /api/board/replay?businessDay=&amp;at=HH:mm</c>, the board as it stood at the end of that
/// minute of the night, and <c>GET /api/board/replay/changes?businessDay=</c>, the board at the night's start and its
/// changes in order (each with the room as it stood after it), so a page steps through them without asking again.
/// The floor manager, the GM and the host supervisor (the desk's disputes over a room are theirs to settle).
/// </summary>
public static class ReplayApi
{
    public static void MapReplayApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/board/replay").WithTags("Board").RequireAuthorization().Requires(Capability.ReplayBoard);
        group.MapGet("/", GetAsync).Answers<ReplayView>().WithName("ReplayBoard");
        group.MapGet("/changes", ChangesAsync).Answers<ReplayChangesView>().WithName("ReplayBoardChanges");
    }

    private static async Task<IResult> GetAsync(HttpContext http, EncoreDb db, string? businessDay, string? at)
    {
        var now = await http.Caller().NowAsync();
        var v = new Validator();
        var day = NightOf(v, now, businessDay);
        TimeOnly minute = default;
        if (string.IsNullOrWhiteSpace(at)) v.Add("at", "required");
        else if (!TimeOnly.TryParseExact(at.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out minute))
            v.Add("at", "format", "21:30");
        if (!v.Ok) return v.ToResult();
        var instant = BusinessDay.At(day!.Value, minute, now.Zone, now.Cutoff);
        if (instant > now.Now) return Problems.Validation("at", "notInFuture", now.HourMinute(now.Now));
        var board = await ReplayBoard.LoadAsync(db, now, day.Value);
        return Results.Ok(board.View(instant.AddMinutes(1), instant));
    }

    private static async Task<IResult> ChangesAsync(HttpContext http, EncoreDb db, string? businessDay)
    {
        var now = await http.Caller().NowAsync();
        var v = new Validator();
        var day = NightOf(v, now, businessDay);
        if (!v.Ok) return v.ToResult();
        var board = await ReplayBoard.LoadAsync(db, now, day!.Value);
        var start = board.View(board.Start.AddTicks(1), board.Start);
        return Results.Ok(new ReplayChangesView(board.Day, start, board.Changes().Where(c => c.At <= now.Now).ToList(), start.NotReplayed));
    }

    /// <summary>The night asked for: required, and not after tonight.</summary>
    private static DateOnly? NightOf(Validator v, VenueNow now, string? businessDay)
    {
        if (string.IsNullOrWhiteSpace(businessDay)) { v.Add("businessDay", "required"); return null; }
        var day = v.Day("businessDay", businessDay);
        if (day > now.Today) { v.Add("businessDay", "notInFuture", now.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); return null; }
        return day;
    }
}
