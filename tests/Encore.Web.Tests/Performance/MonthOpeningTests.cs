using System.Net;
using System.Text.RegularExpressions;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Performance;

/// <summary>
/// Issue 13: on the 1st of a month, standings, fines and statements open on the month just ended (with a switch to
/// the current one), not on an empty month; from the 2nd on they open on the current month (Platform/MonthSwitch.cs).
/// </summary>
public sealed class MonthOpeningTests(MonthOpeningTests.FirstOfMonth app) : ServerTest(app), IClassFixture<MonthOpeningTests.FirstOfMonth>
{
    /// <summary>The evening of 1 December: the business day is the 1st.</summary>
    public sealed class FirstOfMonth : SimulatedClockFactory
    {
        protected override DateTimeOffset ClockStart => DateTimeOffset.Parse("2026-12-01T21:00:00+08:00");
    }

    private static string Value(string html, string id) =>
        Regex.Match(html, $"""<input[^>]*id="{id}"[^>]*>""") is { Success: true } input
            ? Regex.Match(input.Value, "\\svalue=\"(?<v>[^\"]*)\"").Groups["v"].Value : "(no input)";

    private static void HasSwitch(string html)
    {
        var box = Regex.Match(html, """data-month-switch.*?</div>""", RegexOptions.Singleline).Value;
        Assert.Contains("data-month=\"2026-11\"", box);
        Assert.Contains("data-month=\"2026-12\"", box);
    }

    [Fact]
    public async Task On_the_1st_the_monthly_pages_open_on_the_month_just_ended_and_on_the_2nd_on_the_current_one()
    {
        var fm = await PageSession.SignedIn(app, "fm01");

        var standings = await fm.GetStringAsync("/performance");
        Assert.Equal("2026-11", Value(standings, "s-month"));
        HasSwitch(standings);

        var fines = await fm.GetStringAsync("/fines");
        Assert.Contains("data-month=\"2026-11\"", fines);
        Assert.Equal("2026-11", Value(fines, "f-month"));
        HasSwitch(fines);

        var statement = await fm.GetStringAsync("/statements?badge=m01");
        Assert.Matches("data-testid=\"statement\"[^>]*data-month=\"2026-11\"", statement);
        HasSwitch(statement);
        // The switch's other side: the current month is one request away, and an asked-for month is kept.
        Assert.Matches("data-testid=\"statement\"[^>]*data-month=\"2026-12\"", await fm.GetStringAsync("/statements?badge=m01&month=2026-12"));

        // The next business day the pages open on the current month again.
        await (await app.ClientFor("gm01")).SetClockAsync(DateTimeOffset.Parse("2026-12-02T21:00:00+08:00"));
        Assert.Equal("2026-12", Value(await fm.GetStringAsync("/performance"), "s-month"));
        Assert.Equal("2026-12", Value(await fm.GetStringAsync("/fines"), "f-month"));
        Assert.Matches("data-testid=\"statement\"[^>]*data-month=\"2026-12\"", await fm.GetStringAsync("/statements?badge=m01"));
    }
}
