using System.Net.Http.Json;
using Encore.Domain;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;
using static Encore.Web.Tests.Appraisals.AppraisalApi;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Appraisals;

/// <summary>
/// The measured items equal the figures computed here by hand from the demo's rows (plain queries and arithmetic of
/// this test's own, not Encore's measuring code), for a customer manager and the month the demo lives in.
/// </summary>
public sealed class AppraisalMeasuresTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>06:00 in Shanghai of a day: where the demo venue's business day starts.</summary>
    private static DateTimeOffset DayStart(DateOnly day) => new(day.ToDateTime(new TimeOnly(6, 0)), Shanghai);

    private static decimal Pct(decimal part, decimal whole) => Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    [Theory]
    [InlineData("m03")]
    [InlineData("m08")]
    public async Task The_measured_items_equal_the_figures_computed_by_hand(string badge)
    {
        var gm = await app.ClientFor("gm01");
        // Every source once, each on a plain 0–100 scale, so that every measure is shown.
        string[] sources = ["spendAttainment", "roomsAttainment", "newCustomers", "satisfaction", "retention", "complaints", "fines", "attendance", "diary", "manual"];
        var template = await gm.PutAsJsonAsync("/api/appraisal/templates/manager", new
        {
            items = sources.Select(s => new { key = s, name = s, weight = 10, source = s, scale = s == "manual" ? null : new { zeroAt = 0, fullAt = 100 } }),
        });
        await OkAsync(template);
        var now = await gm.NowAsync();
        var month = await gm.ThisMonthAsync();
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd");
        var next = first.AddMonths(1);
        var (start, end) = (DayStart(first), DayStart(next));
        var a = await gm.StartAsync(badge, month);

        var hand = await app.WithAsync(async db =>
        {
            var me = await db.MainStaff().Where(u => u.UserName == badge).Select(u => new { u.Id, u.VenueId }).SingleAsync();
            var figures = new Dictionary<string, decimal?>();

            var filed = (await db.Customers.Where(c => c.OwnerId == me.Id).Select(c => c.CreatedAt).ToListAsync()).Count(at => at >= start && at < end);
            figures["newCustomers"] = Pct(filed, 7); // the house rule's monthly quota

            // Every 1–5 rating about the person this month, pooled: return visits, the guests' own, complaint resolutions.
            var ratings = new List<int>();
            ratings.AddRange((await db.ReturnVisits.Where(r => r.OwnerId == me.Id && r.Satisfaction != null).Select(r => new { r.DoneAt, r.Satisfaction }).ToListAsync())
                .Where(r => r.DoneAt >= start && r.DoneAt < end).Select(r => r.Satisfaction!.Value));
            var sessions = await db.RoomSessions.Where(s => s.CreditedToId == me.Id && s.BusinessDay >= first && s.BusinessDay < next).Select(s => s.Id).ToListAsync();
            ratings.AddRange(await db.Set<Encore.Web.Data.GuestRating>().Where(r => sessions.Contains(r.SessionId)).Select(r => r.Rating).ToListAsync());
            var complaints = await db.Complaints.Where(c => c.ManagerId == me.Id && c.BusinessDay >= first && c.BusinessDay < next).Select(c => c.Satisfaction).ToListAsync();
            ratings.AddRange(complaints.OfType<int>());
            figures["satisfaction"] = ratings.Count == 0 ? null : Math.Round(((decimal)ratings.Sum() / ratings.Count - 1) * 25m, 2, MidpointRounding.AwayFromZero);
            figures["complaints"] = complaints.Count;

            async Task<HashSet<Guid>> Visitors(DateOnly since, DateOnly until) =>
                (await (from s in db.RoomSessions
                        join b in db.Bookings on s.BookingId equals b.Id
                        join c in db.Customers on b.CustomerId equals c.Id
                        where c.OwnerId == me.Id && s.ClosedAt != null && s.BusinessDay >= since && s.BusinessDay < until
                        select c.Id).ToListAsync()).ToHashSet();
            var before = await Visitors(first.AddMonths(-1), first);
            var again = await Visitors(first, next);
            figures["retention"] = before.Count == 0 ? null : Pct(before.Count(again.Contains), before.Count);

            figures["fines"] = (await db.Violations.Where(v => v.StaffId == me.Id && v.BusinessDay >= first && v.BusinessDay < next)
                .Select(v => new { v.Status, v.Amount }).ToListAsync())
                .Where(v => v.Status is ViolationStatus.Confirmed or ViolationStatus.Upheld).Sum(v => v.Amount);

            var nights = (await db.AttendanceDays.Where(d => d.StaffId == me.Id && d.BusinessDay >= first && d.BusinessDay < next).ToListAsync())
                .Where(d => d.SignedInAt != null || d.Absent).ToList();
            figures["attendance"] = nights.Count == 0 ? null : Pct(nights.Count(d => !d.Late && !d.Absent), nights.Count);

            var rules = Encore.Domain.HouseRules.Defaults;
            var owed = nights.Where(d => d.SignedInAt != null && DiaryPolicy.DueAt(d.BusinessDay, rules) <= now).Select(d => d.BusinessDay).ToList();
            var diaries = await db.DiaryEntries.Where(e => e.StaffId == me.Id && e.SubmittedAt != null).Select(e => new { e.BusinessDay, e.SubmittedAt }).ToListAsync();
            var inTime = diaries.Where(e => e.SubmittedAt <= DiaryPolicy.DueAt(e.BusinessDay, rules)).Select(e => e.BusinessDay).ToHashSet();
            figures["diary"] = owed.Count == 0 ? null : Pct(owed.Count(inTime.Contains), owed.Count);
            return figures;
        });

        // Spend and rooms against the targets: the month's standings row (signed cards only).
        var row = (await OkAsync(await gm.GetAsync($"/api/performance?month={month}"))).EnumerateArray().Single(r => r.Str("badge") == badge);
        hand["spendAttainment"] = Pct(row.GetProperty("spend").GetDecimal(), row.GetProperty("targetSpend").GetDecimal());
        hand["roomsAttainment"] = Pct(row.GetProperty("rooms").GetDecimal(), row.GetProperty("targetRooms").GetDecimal());
        Assert.Equal(hand["satisfaction"], row.Dec("satisfaction"));

        foreach (var (key, expected) in hand)
        {
            var item = a.Item(key);
            Assert.True(expected == item.Dec("measure"), $"{badge} {key}: by hand {expected}, measured {item.Dec("measure")}");
            Assert.Equal(expected is { } e ? Math.Clamp(e, 0, 100) : null, item.Dec("measuredScore"));
            Assert.Equal(expected is null, item.GetProperty("byHand").GetBoolean());
        }
        // The demo's month is not empty: most of these were measured from something.
        Assert.True(hand.Values.Count(v => v is > 0) >= 4, string.Join(", ", hand.Select(h => $"{h.Key}={h.Value}")));
    }
}
