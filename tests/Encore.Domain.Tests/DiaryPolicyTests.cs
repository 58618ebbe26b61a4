using Encore.Domain;

namespace Encore.Domain.Tests;

/// <summary>SPEC.md "work diary empty 3 days": when a night's diary is due, and which runs of empty owed nights are fined.</summary>
public sealed class DiaryPolicyTests
{
    private static readonly DateOnly Night1 = new(2026, 11, 1);

    /// <summary>Nights as "xx.x-": x an empty owed night, . a night submitted in time, - a night off duty.</summary>
    private static IReadOnlyList<DiaryPolicy.EmptyRun> Runs(string nights, int length)
    {
        var owed = new List<DateOnly>();
        var submitted = new HashSet<DateOnly>();
        for (var i = 0; i < nights.Length; i++)
        {
            var night = Night1.AddDays(i);
            if (nights[i] == '-') continue;
            owed.Add(night);
            if (nights[i] == '.') submitted.Add(night);
        }
        return DiaryPolicy.EmptyRuns(owed, submitted, length);
    }

    [Theory]
    [InlineData("xx.", 3, "")]              // two empty then a submitted one: no fine
    [InlineData("xxx", 3, "3")]             // three: one, on the third night
    [InlineData("xxxxx", 3, "3")]           // a longer run is still one fine
    [InlineData("xxx.xxx", 3, "3,7")]       // a submitted diary ends the run; the next run is fined again
    [InlineData("xx-x", 3, "4")]            // a night off duty neither breaks nor extends the run
    [InlineData("x-x-.x", 3, "")]
    [InlineData("x.x.x", 1, "1,3,5")]       // the house rule sets the length
    [InlineData("", 3, "")]
    public void Each_run_of_the_house_rule_length_is_fined_once_on_the_night_it_reaches_it(string nights, int length, string fineNights)
    {
        var expected = fineNights.Length == 0 ? [] : fineNights.Split(',').Select(n => Night1.AddDays(int.Parse(n) - 1)).ToArray();
        Assert.Equal(expected, Runs(nights, length).Select(r => r.FineNight).ToArray());
    }

    [Fact]
    public void A_run_knows_its_first_and_last_night_and_its_length()
    {
        var run = Assert.Single(Runs(".xx-xx.", 3));
        Assert.Equal((Night1.AddDays(1), Night1.AddDays(4), Night1.AddDays(5), 4), (run.First, run.FineNight, run.Last, run.Nights));
    }

    [Fact]
    public void A_diary_is_due_the_house_rule_hours_after_the_nights_closing()
    {
        // Closing 02:00 the next morning + 16 h = 18:00 the next day, Shanghai time.
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.FromHours(8)), DiaryPolicy.DueAt(new DateOnly(2026, 11, 20), HouseRules.Defaults));
        var rules = HouseRules.Defaults with { Diary = new DiaryRules { DueHoursAfterClosing = 0 } };
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.FromHours(8)), DiaryPolicy.DueAt(new DateOnly(2026, 11, 20), rules));
    }
}
