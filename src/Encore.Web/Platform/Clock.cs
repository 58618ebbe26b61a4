namespace Encore.Web.Platform;

/// <summary>
/// The training-mode clock (ENCORE_CLOCK=simulated): it stands still and only moves forward when the GM sets
/// it. Everything in Encore asks <see cref="TimeProvider"/> for the time, so the whole venue follows it.
/// Background work waits on <see cref="WaitForChangeAsync"/> as well as on real time, so what falls due when
/// the clock jumps is applied at once.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start.ToUniversalTime();
    private TaskCompletionSource changed = NewSignal();

    public override DateTimeOffset GetUtcNow() { lock (gate) return now; }

    /// <summary>Moves the clock to <paramref name="to"/>; false (and no change) if that is in the past.</summary>
    public bool TrySet(DateTimeOffset to)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            if (to.ToUniversalTime() < now) return false;
            now = to.ToUniversalTime();
            signal = changed;
            changed = NewSignal();
        }
        signal.TrySetResult();
        return true;
    }

    public Task WaitForChangeAsync(CancellationToken ct)
    {
        lock (gate) return changed.Task.WaitAsync(ct);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public static class ClockExtensions
{
    /// <summary>
    /// Waits for the poll interval of real time, or less when the simulated clock is moved. Pass the instant the
    /// caller's last pass began with: if the clock moved during that pass (its signal then went unheard), the
    /// wait ends at once.
    /// </summary>
    public static async Task WaitAsync(this TimeProvider clock, TimeSpan realInterval, CancellationToken ct, DateTimeOffset? passBegan = null)
    {
        if (clock is SimulatedClock simulated)
        {
            var changed = simulated.WaitForChangeAsync(ct);
            if (passBegan is { } began && simulated.GetUtcNow() != began) return;
            await Task.WhenAny(Task.Delay(realInterval, ct), changed);
        }
        else
            await Task.Delay(realInterval, ct);
        ct.ThrowIfCancellationRequested();
    }
}

public static class ClockApi
{
    public sealed record ClockDto(DateTimeOffset? Now);

    public static void MapClockApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clock").WithTags("Clock").RequireAuthorization();

        group.MapGet("/", async (TimeProvider clock, HttpContext http) =>
                clock is SimulatedClock
                    ? Results.Ok(new ClockDto(await VenueNowAsync(http, clock)))
                    : Problems.Rule(StatusCodes.Status404NotFound, "clock.notSimulated"))
            .Answers<ClockDto>().WithName("GetClock");

        group.MapPut("/", async (ClockDto body, TimeProvider clock, HttpContext http, AuditLog audit) =>
            {
                if (clock is not SimulatedClock simulated) return Problems.Rule(StatusCodes.Status404NotFound, "clock.notSimulated");
                if (body.Now is not { } to) return Problems.Validation("now", "required");
                // Training runs in Ranges' window: a clock at 9999-12-31 would overflow every sweep's date arithmetic.
                if (!Ranges.Contains(to)) return Problems.Validation([Ranges.OutOfWindow("now")]);
                var from = simulated.GetUtcNow();
                if (!simulated.TrySet(to)) return Problems.Validation("now", "forwardOnly", from.ToString("O"));
                // The clock is not a database row, so its audit entry is written by hand.
                await audit.WriteAsync(http.User, "clock.set", "Clock", "clock", new { now = from }, new { now = to });
                return Results.Ok(new ClockDto(simulated.GetUtcNow().ToOffset(to.Offset)));
            })
            .Requires(Capability.SetClock)
            .Answers<ClockDto>().WithName("SetClock");
    }

    /// <summary>The clock's time in the venue's own zone (a house rule).</summary>
    private static async Task<DateTimeOffset> VenueNowAsync(HttpContext http, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var rules = await http.RequestServices.GetRequiredService<HouseRules.HouseRulesStore>().AtAsync(http.User.VenueId(), now);
        return TimeZoneInfo.ConvertTime(now, Encore.Domain.BusinessDay.FindZone(rules.BusinessDay.TimeZone));
    }
}
