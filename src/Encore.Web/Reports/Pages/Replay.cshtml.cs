using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Reports.Pages;

/// <summary>
/// The board replay (/board/replay?businessDay=&amp;at=HH:mm), drawn on the server from the same reading as
/// GET /api/board/replay: the rooms as they stood at the end of the minute, the previous and next change of the night
/// as step buttons, and a slider over the night's changes (replay.js moves the minute; without it the buttons work).
/// </summary>
[Requires(Capability.ReplayBoard)]
public sealed class ReplayModel(EncoreDb db, Caller caller) : PageModel
{
    public string Day { get; private set; } = "";
    public string Today { get; private set; } = "";
    public string Minute { get; private set; } = "";
    public ReplayView? Board { get; private set; }
    public List<ReplayChange> Changes { get; private set; } = [];
    /// <summary>How many of the night's changes the board shows (the slider's position).</summary>
    public int Step { get; private set; }
    public string? Previous { get; private set; }
    public string? Next { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? businessDay, string? at)
    {
        var now = await caller.NowAsync();
        var v = new Validator();
        var day = v.Day("businessDay", businessDay, now.Today.AddDays(-1)) ?? now.Today.AddDays(-1);
        if (day > now.Today) { v.Add("businessDay", "notInFuture", now.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); day = now.Today; }
        Day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Today = now.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var replay = await ReplayBoard.LoadAsync(db, now, day);
        Changes = replay.Changes().Where(c => c.At <= now.Now).ToList();
        var parsed = TimeOnly.TryParseExact(at, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var m);
        if (!string.IsNullOrWhiteSpace(at) && !parsed) v.Add("at", "format", "21:30");
        var minute = parsed ? BusinessDay.At(day, m, now.Zone, now.Cutoff)
            : Changes.Count > 0 ? Floor(Changes[0].At) : BusinessDay.At(day, now.Rules.BusinessDay.OpensAt, now.Zone, now.Cutoff);
        if (minute > now.Now) minute = Floor(now.Local(now.Now));
        if (!v.Ok) Error = string.Join(" ", v.Problems.Select(Problems.Message));
        Minute = now.HourMinute(minute);
        var end = minute.AddMinutes(1);
        Board = replay.View(end, minute);
        Step = Changes.Count(c => c.At < end);
        Previous = Changes.LastOrDefault(c => c.At < minute) is { } p ? now.HourMinute(p.At) : null;
        Next = Changes.FirstOrDefault(c => c.At >= end) is { } n ? now.HourMinute(n.At) : null;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, t.Offset);

    public string Href(string minute) => $"?businessDay={Day}&at={minute}";
}
