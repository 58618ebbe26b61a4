using System.Net;
using System.Text;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests.Customers;

/// <summary>
/// The return-visit sweep saves what it schedules a thousand at a time (issue 15): an import of thousands of files
/// falls unseen on one pass, and every file gets its one visit, none twice, across the batches.
/// </summary>
public sealed class ReturnVisitBatchTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task Thousands_of_files_unseen_on_one_pass_each_get_one_visit()
    {
        const int files = 2_500;
        var csv = new StringBuilder("name,phone,company,title,birthday,tags,notes\r\n");
        for (var i = 0; i < files; i++) csv.Append($"导入客{i},1370000{i:D4},,,,,\r\n");
        var m02 = await app.ClientFor("m02");
        Assert.Equal(HttpStatusCode.OK, (await m02.PostAsync("/api/customers/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).StatusCode);

        int[] VisitsPerFile() => app.With(db => (from r in db.ReturnVisits
                                                 join c in db.Customers on r.CustomerId equals c.Id
                                                 where r.Reason == "unseen" && c.Phone.StartsWith("1370000")
                                                 group r by r.CustomerId into g
                                                 select g.Count()).ToArray());
        // Thirty days on (the files were filed on the 20th of November): each file unseen, once.
        await app.SweptAtAsync(DateTimeOffset.Parse("2026-12-20T18:00+08:00"));
        var perFile = VisitsPerFile();
        Assert.Equal(files, perFile.Length);
        Assert.All(perFile, n => Assert.Equal(1, n));
        // The next day's pass finds them scheduled.
        await app.SweptAtAsync(DateTimeOffset.Parse("2026-12-21T18:00+08:00"));
        Assert.Equal(files, VisitsPerFile().Sum());
    }
}
