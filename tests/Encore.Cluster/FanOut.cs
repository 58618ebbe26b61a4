using System.Diagnostics;

namespace Encore.Cluster;

/// <summary>The board's fan-out: the desk assigns a booking to a free room and cancels it; each screen's roomChanged is timed.</summary>
public static class FanOut
{
    /// <summary>Each client's delays in ms (NaN: not heard within the limit), two per action; and the desk's request times.</summary>
    public sealed record Result(List<double>[] ByClient, List<double> RequestMs);

    public static async Task<Result> MeasureAsync(Screens screens, HttpClient desk, string hostToken, int actions, Func<Task<string>> book,
        IReadOnlyList<string> freeRooms, TimeSpan limit, CancellationToken ct)
    {
        if (freeRooms.Count == 0) throw new ClusterException("no free room on the board");
        var byClient = Enumerable.Range(0, screens.Count).Select(_ => new List<double>()).ToArray();
        var requests = new List<double>();
        for (var a = 0; a < actions; a++)
        {
            var id = await book();
            var room = freeRooms[a % freeRooms.Count];
            await Task.Delay(100, ct); // the booking's own notices go out first
            await TimedAsync(r => r.Str("number") == room && r.Str("state") == "reserved" && string.Equals(r.Str("bookingId"), id, StringComparison.OrdinalIgnoreCase),
                $"/api/bookings/{id}/assign", new { roomNumber = room });
            await TimedAsync(r => r.Str("number") == room && r.Str("state") == "free", $"/api/bookings/{id}/cancel", new { reason = "cluster proof" });
        }
        return new Result(byClient, requests);

        async Task TimedAsync(Func<System.Text.Json.JsonElement, bool> match, string path, object body)
        {
            screens.Probe.Expect(match);
            var sent = Stopwatch.GetTimestamp();
            await Api.OkAsync(desk, HttpMethod.Post, path, hostToken, body, ct);
            requests.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            var heard = await screens.Probe.CollectByClientAsync(sent, limit);
            for (var i = 0; i < heard.Length; i++) byClient[i].Add(heard[i]);
        }
    }
}
