using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

    /// <summary>Where this process's clock started (before a stored position moved it on).</summary>
    public DateTimeOffset Start { get; } = start.ToUniversalTime();
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

/// <summary>
/// Where the training clock stands (one row): a training night driven for hours of simulated time goes on from there
/// after a restart of Encore, instead of falling back to the real time or ENCORE_CLOCKSTART.
/// </summary>
public sealed class ClockPosition
{
    public const int SingleRow = 1;
    public int Id { get; set; } = SingleRow;
    public DateTimeOffset Now { get; set; }

    /// <summary>
    /// At start-up, after the migrations: the clock goes on from the stored position when that is later than where
    /// it starts (ENCORE_CLOCKSTART, or the real time on a first start); the clock never runs backwards, so an operator
    /// who names a later ENCORE_CLOCKSTART moves it forward. The position is then stored, so that even a clock never
    /// moved by hand stands where it stood on the next start.
    /// </summary>
    public static async Task RestoreAsync(EncoreDb db, TimeProvider clock, ILogger log)
    {
        if (clock is not SimulatedClock simulated) return;
        var row = await db.Set<ClockPosition>().SingleOrDefaultAsync(p => p.Id == SingleRow);
        if (row is not null && simulated.TrySet(row.Now) && row.Now > simulated.Start)
            log.LogInformation("The training clock goes on from {Position:O}, where it stood before the restart", row.Now);
        if (row is null) db.Add(row = new ClockPosition());
        row.Now = simulated.GetUtcNow();
        await db.SaveChangesAsync();
    }
}

internal sealed class ClockPositionConfiguration : IEntityTypeConfiguration<ClockPosition>
{
    public void Configure(EntityTypeBuilder<ClockPosition> e)
    {
        e.ToTable("clock_position");
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}

public static class ClockExtensions
{
    /// <summary>
    /// Waits for the poll interval of real time, or less when the simulated clock is moved. Pass the instant the
    /// caller's last pass began with: if the clock moved during that pass (its signal then went unheard), the
    /// wait ends at once. <paramref name="wake"/>, when given, ends the wait too (<see cref="SweepProgress.WakeAfter"/>).
    /// </summary>
    public static async Task WaitAsync(this TimeProvider clock, TimeSpan realInterval, CancellationToken ct, DateTimeOffset? passBegan = null, Task? wake = null)
    {
        // The poll's timer is stopped when the wait ends early (woken, the clock moved), not left to run out its interval.
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(realInterval, waiting.Token);
        try
        {
            if (clock is SimulatedClock simulated)
            {
                var changed = simulated.WaitForChangeAsync(waiting.Token);
                if (passBegan is { } began && simulated.GetUtcNow() != began) return;
                await Task.WhenAny(delay, changed, wake ?? delay);
            }
            else
                await Task.WhenAny(delay, wake ?? delay);
        }
        finally { await waiting.CancelAsync(); }
        ct.ThrowIfCancellationRequested();
    }
}

public static class ClockApi
{
    public sealed record ClockDto(DateTimeOffset? Now);

    /// <summary>The bus topic of a clock move (<see cref="InstanceSync"/>).</summary>
    public const string Topic = "clock";

    public static void MapClockApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clock").WithTags("Clock").RequireAuthorization();

        group.MapGet("/", async (TimeProvider clock, HttpContext http) =>
                clock is SimulatedClock
                    ? Results.Ok(new ClockDto(await VenueNowAsync(http, clock)))
                    : Problems.Rule(StatusCodes.Status404NotFound, "clock.notSimulated"))
            .Answers<ClockDto>().WithName("GetClock");

        group.MapPut("/", async (ClockDto body, TimeProvider clock, HttpContext http, EncoreDb db, InstanceBus bus) =>
            {
                if (clock is not SimulatedClock simulated) return Problems.Rule(StatusCodes.Status404NotFound, "clock.notSimulated");
                if (body.Now is not { } to) return Problems.Validation("now", "required");
                // Training runs in Ranges' window: a clock at 9999-12-31 would overflow every sweep's date arithmetic.
                if (!Ranges.Contains(to)) return Problems.Validation([Ranges.OutOfWindow("now")]);
                // The stored position is written (and audited) in the request's transaction; the running clock moves
                // once that has committed, so a restart never finds the clock behind where staff saw it. Forward only,
                // against the running clock and the stored position (another GM's move may not have reached memory yet).
                var position = await db.Set<ClockPosition>().SingleOrDefaultAsync(p => p.Id == ClockPosition.SingleRow);
                var from = position is { } stored && stored.Now > simulated.GetUtcNow() ? stored.Now : simulated.GetUtcNow();
                if (to.ToUniversalTime() < from) return Problems.Validation("now", "forwardOnly", from.ToString("O"));
                if (position is null) db.Add(position = new ClockPosition());
                position.Now = to.ToUniversalTime();
                Audit.AuditScope.Name(http, "clock.set");
                await db.SaveChangesAsync();
                // Every instance follows one training clock (issue 21): the others move theirs when told.
                Writes.AfterCommit(() =>
                {
                    simulated.TrySet(to);
                    bus.Publish(Topic, to.ToString("O", CultureInfo.InvariantCulture));
                });
                return Results.Ok(new ClockDto(to));
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
