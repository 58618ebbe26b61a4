namespace Encore.Web.Attendance.Pages;

/// <summary>Tonight's house-rule times that the attendance pages show and count down to.</summary>
public sealed record NightTimes(DateTimeOffset Start, DateTimeOffset SignInBy, DateTimeOffset Closing, DateTimeOffset DinnerBackBy,
    int DinnerNoticeMinutes, int PingAnswerMinutes, decimal OffPostFine, int OffPostSuspensionCount, TimeOnly Cutoff)
{
    public static async Task<NightTimes> LoadAsync(Caller caller)
    {
        var at = await caller.NowAsync();
        var a = at.Rules.Attendance;
        return new NightTimes(at.Local(BusinessDay.Start(at.Today, at.Zone, at.Cutoff)), at.Local(AttendancePolicy.SignInBy(at.Today, at.Rules)),
            at.Local(AttendancePolicy.Closing(at.Today, at.Rules)), at.Local(AttendancePolicy.DinnerBackBy(at.Today, at.Rules)),
            a.CustomerDinnerNoticeMinutes, a.PingAnswerMinutes, a.OffPostFine, a.OffPostSuspensionCount, at.Cutoff);
    }

    /// <summary>ISO 8601 with the venue's offset, as the API writes instants.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
