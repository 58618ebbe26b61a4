using System.Diagnostics;
using System.Text.Json;

namespace Encore.Bench;

/// <summary>
/// Which live event the current action waits for, and when each client heard it (the bench's live board figure, and the
/// cluster proof of issue 21, which links this file).
/// </summary>
public sealed class DeliveryProbe(int clients)
{
    private readonly long[] heardAt = new long[clients];
    private Func<JsonElement, bool>? wanted;
    private int heard;
    private TaskCompletionSource all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Expect(Func<JsonElement, bool> match)
    {
        lock (this)
        {
            Array.Clear(heardAt);
            heard = 0;
            all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wanted = match;
        }
    }

    public void Heard(int client, JsonElement room)
    {
        var at = Stopwatch.GetTimestamp();
        var match = wanted;
        if (match is null || !match(room)) return;
        lock (this)
        {
            if (wanted != match || heardAt[client] != 0) return;
            heardAt[client] = at;
            if (++heard == heardAt.Length) all.TrySetResult();
        }
    }

    /// <summary>Waits for every screen (or the time limit) and returns the delays from <paramref name="sent"/> of those that heard it.</summary>
    public async Task<List<double>> CollectAsync(long sent, TimeSpan limit) =>
        [.. (await CollectByClientAsync(sent, limit)).Where(d => !double.IsNaN(d))];

    /// <summary>The same, client by client: each one's delay in ms, NaN for a client that did not hear it within the limit.</summary>
    public async Task<double[]> CollectByClientAsync(long sent, TimeSpan limit)
    {
        Task done;
        lock (this) done = all.Task;
        await Task.WhenAny(done, Task.Delay(limit));
        lock (this)
        {
            wanted = null;
            return [.. heardAt.Select(t => t == 0 ? double.NaN : Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds)];
        }
    }
}
