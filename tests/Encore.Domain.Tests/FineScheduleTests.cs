using System.Globalization;
using Encore.Domain;
using static Encore.Domain.FineSchedule;

namespace Encore.Domain.Tests;

/// <summary>SPEC.md "Violations and fines": the shared-responsibility split and fine ranges.</summary>
public sealed class FineScheduleTests
{
    private static readonly FineRules Rules = HouseRules.Defaults.Fines;

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // fine, floor manager (40%), department head (30%), offender (the remainder)
    [InlineData("0.01", "0.00", "0.00", "0.01")]
    [InlineData("0.03", "0.01", "0.01", "0.01")]
    [InlineData("0.15", "0.06", "0.05", "0.04")]          // head 0.045: half a fen rounds away from zero
    [InlineData("10.15", "4.06", "3.05", "3.04")]         // head 3.045: likewise
    [InlineData("99.99", "40.00", "30.00", "29.99")]
    [InlineData("100.01", "40.00", "30.00", "30.01")]     // 30% rounded would be 30.00: the parts would add to 100.00
    [InlineData("123.45", "49.38", "37.04", "37.03")]
    [InlineData("333.33", "133.33", "100.00", "100.00")]
    [InlineData("1000.05", "400.02", "300.02", "300.01")]
    [InlineData("7777.77", "3111.11", "2333.33", "2333.33")]
    [InlineData("500", "200", "150", "150")]
    public void A_shared_fine_is_split_to_the_fen_and_the_offender_takes_the_rounding_remainder(
        string fineText, string floorText, string headText, string offenderText)
    {
        var fine = D(fineText);
        var parts = Split(fine, shared: true, foundByFloorManager: false, Rules).ToDictionary(p => p.Party);

        Assert.Equal(3, parts.Count);
        var floor = parts[Party.FloorManager];
        var head = parts[Party.DepartmentHead];
        var offender = parts[Party.Offender];

        Assert.Equal(D(floorText), floor.Amount);
        Assert.Equal(D(headText), head.Amount);
        Assert.Equal(D(offenderText), offender.Amount);

        // The rule itself: the floor manager's and the head's parts are their share rounded to the fen
        // (half a fen away from zero), the offender pays what is left, and the parts add up to the fine exactly.
        Assert.Equal(decimal.Round(fine * 0.40m, 2, MidpointRounding.AwayFromZero), floor.Amount);
        Assert.Equal(decimal.Round(fine * 0.30m, 2, MidpointRounding.AwayFromZero), head.Amount);
        Assert.Equal(fine - floor.Amount - head.Amount, offender.Amount);
        Assert.Equal(fine, floor.Amount + head.Amount + offender.Amount);
        Assert.All(parts.Values, p => Assert.Equal(p.Amount, decimal.Round(p.Amount, 2)));
        Assert.All(parts.Values, p => Assert.True(p.Amount >= 0, $"{p.Party} pays {p.Amount}"));

        Assert.Equal(0.40m, floor.Fraction);
        Assert.Equal(0.30m, head.Fraction);
        Assert.Equal(0.30m, offender.Fraction);
    }

    [Theory]
    [InlineData(false, false)]   // not a shared-responsibility violation
    [InlineData(false, true)]
    [InlineData(true, true)]     // the floor manager found and reported it: they (and the head) bear none
    public void Without_shared_responsibility_the_offender_pays_the_whole_fine(bool shared, bool foundByFloorManager)
    {
        var part = Assert.Single(Split(100.01m, shared, foundByFloorManager, Rules));
        Assert.Equal(new Share(Party.Offender, 1m, 100.01m), part);
    }

    [Theory]
    // fine, min, max (empty: open-ended), within
    [InlineData("300", "300", "500", true)]
    [InlineData("400", "300", "500", true)]
    [InlineData("500", "300", "500", true)]
    [InlineData("299.99", "300", "500", false)]
    [InlineData("500.01", "300", "500", false)]
    [InlineData("0", "300", "500", false)]
    [InlineData("500", "500", "", true)]          // room-grabbing: 500 or more
    [InlineData("99999", "500", "", true)]
    [InlineData("499.99", "500", "", false)]
    [InlineData("200", "200", "200", true)]       // a fixed amount: staff conflict 200
    [InlineData("200.01", "200", "200", false)]
    [InlineData("199.99", "200", "200", false)]
    public void A_fine_must_lie_in_its_types_range_and_an_open_maximum_has_no_ceiling(string fine, string min, string max, bool within)
    {
        Assert.Equal(within, WithinRange(D(fine), D(min), max == "" ? null : D(max)));
    }
}
