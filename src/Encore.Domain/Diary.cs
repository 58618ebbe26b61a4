namespace Encore.Domain;

/// <summary>
/// SPEC.md "Daily work diary" and "Violations and fines" (work diary empty 3 days): when a night's diary is due, and
/// which nights of a run of empty diaries raise the <c>emptyDiary</c> fine. Time is always passed in.
/// </summary>
public static class DiaryPolicy
{
    /// <summary>
    /// A night's diary is due the house-rule hours after the night's closing time (default 16: closing 02:00 → 18:00
    /// the next day, the next night's sign-in): written after the post-shift meeting, or before the next shift at the latest.
    /// </summary>
    public static DateTimeOffset DueAt(DateOnly day, HouseRules rules) =>
        AttendancePolicy.Closing(day, rules).AddHours(rules.Diary.DueHoursAfterClosing);

    /// <summary>Submitted after its due time: kept and shown as late, but the night counts as empty for the fine.</summary>
    public static bool SubmittedLate(DateOnly day, DateTimeOffset? submittedAt, HouseRules rules) => submittedAt > DueAt(day, rules);

    /// <summary>Owed (the manager was on duty), not submitted, and past its due time.</summary>
    public static bool Overdue(DateOnly day, bool onDuty, DateTimeOffset? submittedAt, DateTimeOffset now, HouseRules rules) =>
        onDuty && submittedAt is null && now > DueAt(day, rules);

    /// <summary>A run of owed nights in a row without a diary submitted in time, of at least the house-rule length.</summary>
    public sealed record EmptyRun(DateOnly First, DateOnly FineNight, DateOnly Last, int Nights);

    /// <summary>
    /// The nights a diary was owed (the manager was on duty: signed in) and those whose diary was submitted by its due
    /// time: each run of <paramref name="runLength"/> or more owed nights in a row without one is fined once, on the
    /// night the run reaches that length (a longer run is still one fine; a submitted diary ends it). Nights off duty
    /// (leave, absence, a night off) are not owed and neither extend nor break a run: an absence has its own fine, and
    /// leave in the middle of empty diaries does not wipe them out. Pass only nights already past their due time.
    /// </summary>
    public static IReadOnlyList<EmptyRun> EmptyRuns(IEnumerable<DateOnly> owedNights, IReadOnlySet<DateOnly> submittedInTime, int runLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runLength, 1);
        var runs = new List<EmptyRun>();
        var current = new List<DateOnly>();
        void Close()
        {
            if (current.Count >= runLength) runs.Add(new EmptyRun(current[0], current[runLength - 1], current[^1], current.Count));
            current.Clear();
        }
        foreach (var night in owedNights.Distinct().Order())
        {
            if (submittedInTime.Contains(night)) Close();
            else current.Add(night);
        }
        Close();
        return runs;
    }
}
