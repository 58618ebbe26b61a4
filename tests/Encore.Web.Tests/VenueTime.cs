namespace Encore.Tests;

/// <summary>Instants as the tests write them: the demo venue's local time (Asia/Shanghai, UTC+8 all year).</summary>
public static class VenueTime
{
    /// <summary>"2026-11-20T18:00" in Shanghai.</summary>
    public static DateTimeOffset T(string local) => DateTimeOffset.Parse(local + "+08:00");
}
