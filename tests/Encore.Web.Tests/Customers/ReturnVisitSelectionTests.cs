using Encore.Web.Tests.Bookings;
using static Encore.Tests.VenueTime;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// The edges of the files the return-visit sweep picks in SQL (issue 15): the filing day in venue time across the
/// 06:00 cut-off, "unseen" once per stretch, and a 29 February birthday in a common year.
/// </summary>
public sealed class ReturnVisitSelectionTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private Task SweptAtAsync(string local) => app.SweptAtAsync(T(local));

    [Fact]
    public async Task Unseen_counts_from_the_filing_business_day_once_per_stretch_and_29_February_falls_on_the_28th()
    {
        // 03:00 on the 21st is still business day the 20th; 07:00 is the 21st.
        await SweptAtAsync("2026-11-21T03:00");
        var filedOnThe20th = await app.FileAsync("司马夜归", "13911112301");
        await SweptAtAsync("2026-11-21T07:00");
        var filedOnThe21st = await app.FileAsync("上官早到", "13911112302");
        var leapling = await app.FileAsync("令狐闰日", "13911112303", "2000-02-29");

        // Thirty days unseen: the file of the 20th on the 20th of December, the file of the 21st one day later.
        await SweptAtAsync("2026-12-19T18:00");
        Assert.Empty(await app.DueDaysAsync(filedOnThe20th, "unseen"));
        await SweptAtAsync("2026-12-20T18:00");
        Assert.Equal(["2026-12-20"], await app.DueDaysAsync(filedOnThe20th, "unseen"));
        Assert.Empty(await app.DueDaysAsync(filedOnThe21st, "unseen"));
        await SweptAtAsync("2026-12-21T18:00");
        Assert.Equal(["2026-12-20"], await app.DueDaysAsync(filedOnThe20th, "unseen"));
        Assert.Equal(["2026-12-21"], await app.DueDaysAsync(filedOnThe21st, "unseen"));

        // Still unseen a stretch later: one more visit once the last one is over thirty days back, not before.
        await SweptAtAsync("2027-01-19T18:00");
        Assert.Equal(["2026-12-20"], await app.DueDaysAsync(filedOnThe20th, "unseen"));
        await SweptAtAsync("2027-01-20T18:00");
        Assert.Equal(["2026-12-20", "2027-01-20"], await app.DueDaysAsync(filedOnThe20th, "unseen"));

        // 2027 has no 29 February: the birthday is kept on the 28th, the visit due three days ahead, once.
        await SweptAtAsync("2027-02-24T18:00");
        Assert.Empty(await app.DueDaysAsync(leapling, "birthday"));
        await SweptAtAsync("2027-02-25T18:00");
        Assert.Equal(["2027-02-25"], await app.DueDaysAsync(leapling, "birthday"));
        await SweptAtAsync("2027-02-27T18:00");
        Assert.Equal(["2027-02-25"], await app.DueDaysAsync(leapling, "birthday"));
    }
}
