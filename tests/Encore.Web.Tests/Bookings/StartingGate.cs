namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Releases many requests at one moment without blocking threads (a Barrier inside Task.Run would hold a
/// thread-pool thread per request, and on two cores the pool takes seconds to grow, so the "simultaneous"
/// requests would trickle in).
/// </summary>
public static class StartingGate
{
    public static async Task<T[]> AllAtOnce<T>(int count, Func<int, Task<T>> request)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ready = new CountdownEvent(count);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            ready.Signal();
            await gate.Task;
            return await request(i);
        }).ToArray();
        ready.Wait(TimeSpan.FromSeconds(10));
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
