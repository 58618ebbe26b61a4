using System.Globalization;

namespace Encore.Domain;

/// <summary>
/// SPEC.md "Performance card and performance": the month's standings of the customer managers and promoters.
/// Performance is the spend of the closed sessions credited to the person on days whose card they signed (and whose
/// performance was not cancelled); a promoter's lines also count for their manager. Discounts and comps are shown
/// beside the spend, not taken off. Each is measured against their own target or the house rule's; a manager who
/// missed the target in the house-rule number of complete months in a row (never months before they joined) is
/// flagged for review; new customers are due by the house-rule day of the month.
/// </summary>
public static class Standings
{
    /// <summary>One earner. <paramref name="Joined"/> is the business day they were created.</summary>
    public sealed record Earner(Guid Id, string Badge, string Name, string Role, Guid? ManagerId, bool IsActive, DateOnly Joined,
        bool IsPromoter, bool IsManager);

    /// <summary>A closed session credited to <paramref name="CreditedTo"/>.</summary>
    public sealed record Session(Guid CreditedTo, DateOnly BusinessDay, decimal Spend, decimal Discount, decimal Comps);

    /// <summary>A person's own target for a month (yyyy-MM); null parts fall back to the house rule.</summary>
    public sealed record MonthTarget(Guid StaffId, string Month, decimal? Spend, int? Rooms);

    /// <summary>A done return visit's satisfaction (1–5), for the customer's owner.</summary>
    public sealed record Rating(Guid OwnerId, int Satisfaction);

    /// <summary>What the month's standings are computed from: the rows from <see cref="From"/> to the end of the month.</summary>
    public sealed record Facts(
        IReadOnlyList<Earner> Earners,
        IReadOnlyList<Session> Sessions,
        IReadOnlyCollection<(Guid StaffId, DateOnly Day)> SignedCards,
        IReadOnlyCollection<(Guid StaffId, DateOnly Day)> CancelledDays,
        IReadOnlyList<MonthTarget> Targets,
        IReadOnlyDictionary<Guid, int> NewCustomers,
        IReadOnlyList<Rating> Ratings);

    public sealed record Standing(string Badge, string Name, string Role, string? ManagerBadge, decimal Spend, int Rooms,
        decimal TargetSpend, int TargetRooms, decimal Attainment, decimal RoomsAttainment, decimal UnsignedSpend,
        decimal Discounts, decimal Comps, int NewCustomers, int NewCustomersQuota, bool NewCustomersDue, bool FlaggedForReview,
        decimal? Satisfaction);

    /// <summary>The first business day the facts must reach back to: far enough to judge the review flag.</summary>
    public static DateOnly From(DateOnly first, HouseRules rules) => first.AddMonths(-rules.Performance.MissedMonthsForReview);

    /// <summary>
    /// The standings of the month starting <paramref name="first"/>, seen on <paramref name="today"/>, from the rows
    /// themselves: best spend first. The reference computation (Performance/StandingsByRows.cs): the database path
    /// <see cref="OfTotalsAsync"/> must give exactly the same answer.
    /// </summary>
    public static List<Standing> Of(DateOnly first, DateOnly today, Facts facts, HouseRules rules)
    {
        var performance = rules.Performance;
        var byId = People(facts.Earners);
        var signed = facts.SignedCards.ToHashSet();
        // A day whose performance was cancelled (late without a call-in, a missed customer-dinner return, a suspension) does not count.
        signed.ExceptWith(facts.CancelledDays);

        Guid[] CreditedTo(Guid credited) =>
            byId.TryGetValue(credited, out var p) && p.IsPromoter && p.ManagerId is { } m ? [credited, m] : [credited];

        Totals Sum(Guid id, DateOnly monthFirst)
        {
            var next = monthFirst.AddMonths(1);
            decimal spend = 0, unsigned = 0, discounts = 0, comps = 0;
            var rooms = 0;
            foreach (var s in facts.Sessions.Where(s => s.BusinessDay >= monthFirst && s.BusinessDay < next && CreditedTo(s.CreditedTo).Contains(id)))
            {
                if (signed.Contains((s.CreditedTo, s.BusinessDay))) { spend += s.Spend; rooms++; }
                else unsigned += s.Spend;
                discounts += s.Discount;
                comps += s.Comps;
            }
            return new Totals(spend, rooms, unsigned, discounts, comps);
        }

        var satisfaction = facts.Ratings.GroupBy(r => r.OwnerId)
            .ToDictionary(g => g.Key, g => decimal.Round((decimal)g.Average(x => x.Satisfaction), 2));
        var monthOver = today >= first.AddMonths(1);
        var result = new List<Standing>();
        foreach (var p in byId.Values.Where(p => p.IsActive).OrderBy(p => p.Badge, StringComparer.Ordinal))
        {
            var judged = Judged(first, monthOver, p, performance)
                .Select(m => { var s = Sum(p.Id, m); var t = Target(facts.Targets, p.Id, m, performance); return Targets.Met(s.Spend, s.Rooms, t.Spend, t.Rooms); })
                .ToList();
            result.Add(Row(first, today, p, byId, Sum(p.Id, first), Target(facts.Targets, p.Id, first, performance),
                facts.NewCustomers.GetValueOrDefault(p.Id), p.IsManager && Targets.FlaggedForReview(judged, rules), satisfaction, rules));
        }
        return Ranked(result);
    }

    /// <summary>One person's closed sessions of a month: signed spend and rooms, unsigned spend, discounts and comps.</summary>
    public readonly record struct Totals(decimal Spend, int Rooms, decimal Unsigned, decimal Discounts, decimal Comps)
    {
        public static Totals operator +(Totals a, Totals b) =>
            new(a.Spend + b.Spend, a.Rooms + b.Rooms, a.Unsigned + b.Unsigned, a.Discounts + b.Discounts, a.Comps + b.Comps);
    }

    /// <summary>
    /// The same standings as <see cref="Of"/> from a month's totals per credited person (summed by the database),
    /// asked for by <paramref name="month"/> only for the months that decide something: the asked month, and a
    /// review month only while some manager has missed every later one of the months that could flag them (the
    /// first met month clears the flag, as <see cref="Targets.FlaggedForReview"/> reads them). Promoters roll up here.
    /// </summary>
    public static async Task<List<Standing>> OfTotalsAsync(DateOnly first, DateOnly today, IReadOnlyList<Earner> earners,
        Func<DateOnly, Task<IReadOnlyDictionary<Guid, Totals>>> month, IReadOnlyList<MonthTarget> targets,
        IReadOnlyDictionary<Guid, int> newCustomers, IReadOnlyDictionary<Guid, decimal> satisfaction, HouseRules rules)
    {
        var performance = rules.Performance;
        var byId = People(earners);
        // Whose lines also count for a manager: their promoters (as CreditedTo in Of).
        var promoters = byId.Values.Where(p => p.IsPromoter && p.ManagerId is { } m && m != p.Id).ToLookup(p => p.ManagerId!.Value, p => p.Id);
        var months = new Dictionary<DateOnly, IReadOnlyDictionary<Guid, Totals>>();

        async Task<Totals> SumAsync(Guid id, DateOnly monthFirst)
        {
            if (!months.TryGetValue(monthFirst, out var own)) months[monthFirst] = own = await month(monthFirst);
            var total = own.GetValueOrDefault(id);
            foreach (var promoter in promoters[id]) total += own.GetValueOrDefault(promoter);
            return total;
        }

        var monthOver = today >= first.AddMonths(1);
        var result = new List<Standing>();
        foreach (var p in byId.Values.Where(p => p.IsActive).OrderBy(p => p.Badge, StringComparer.Ordinal))
        {
            var totals = await SumAsync(p.Id, first);
            // FlaggedForReview: enough judged months, and the last n of them all missed; newest first, stopping at a met one.
            var judged = Judged(first, monthOver, p, performance).ToList();
            var n = performance.MissedMonthsForReview;
            var flagged = p.IsManager && n > 0 && judged.Count >= n;
            for (var i = judged.Count - 1; flagged && i >= judged.Count - n; i--)
            {
                var s = await SumAsync(p.Id, judged[i]);
                var t = Target(targets, p.Id, judged[i], performance);
                flagged = !Targets.Met(s.Spend, s.Rooms, t.Spend, t.Rooms);
            }
            result.Add(Row(first, today, p, byId, totals, Target(targets, p.Id, first, performance),
                newCustomers.GetValueOrDefault(p.Id), flagged, satisfaction, rules));
        }
        return Ranked(result);
    }

    /// <summary>The average of <paramref name="count"/> ratings summing to <paramref name="sum"/>, as <see cref="Of"/> averages them.</summary>
    public static decimal Satisfaction(long sum, int count) => decimal.Round((decimal)((double)sum / count), 2);

    /// <summary>One row per person, whatever roles they hold (the first row read wins).</summary>
    private static Dictionary<Guid, Earner> People(IReadOnlyList<Earner> earners)
    {
        var byId = new Dictionary<Guid, Earner>();
        foreach (var e in earners) byId.TryAdd(e.Id, e);
        return byId;
    }

    private static (decimal Spend, int Rooms) Target(IReadOnlyList<MonthTarget> targets, Guid id, DateOnly monthFirst, PerformanceRules performance)
    {
        var key = monthFirst.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var own = targets.FirstOrDefault(t => t.StaffId == id && t.Month == key);
        return (own?.Spend ?? performance.MonthlySpendTarget, own?.Rooms ?? performance.MonthlyRoomsTarget);
    }

    /// <summary>The months a person is judged on: complete months only, oldest first, ending with this one if it is over; never months before they joined.</summary>
    private static IEnumerable<DateOnly> Judged(DateOnly first, bool monthOver, Earner p, PerformanceRules performance)
    {
        var joined = new DateOnly(p.Joined.Year, p.Joined.Month, 1);
        return Enumerable.Range(0, performance.MissedMonthsForReview + 1)
            .Select(i => first.AddMonths(i - performance.MissedMonthsForReview))
            .Where(m => m < first || monthOver)
            .Where(m => m >= joined);
    }

    private static Standing Row(DateOnly first, DateOnly today, Earner p, Dictionary<Guid, Earner> byId, Totals totals,
        (decimal Spend, int Rooms) target, int filed, bool flagged, IReadOnlyDictionary<Guid, decimal> satisfaction, HouseRules rules)
    {
        var performance = rules.Performance;
        // Money always with its two decimals (800.00, 0.00): a sum's scale would otherwise depend on how it was
        // added up (fen converted back one by one, or once for a SQL SUM), though the figure is the same.
        totals = new Totals(totals.Spend + 0.00m, totals.Rooms, totals.Unsigned + 0.00m, totals.Discounts + 0.00m, totals.Comps + 0.00m);
        var due = today >= first.AddDays(performance.NewCustomersDueDay - 1) && filed < performance.NewCustomersPerMonth && today < first.AddMonths(1);
        return new Standing(p.Badge, p.Name, p.Role, p.ManagerId is { } m && byId.TryGetValue(m, out var manager) ? manager.Badge : null,
            totals.Spend, totals.Rooms, target.Spend, target.Rooms, Targets.Attainment(totals.Spend, target.Spend),
            target.Rooms <= 0 ? 0 : decimal.Round((decimal)totals.Rooms / target.Rooms, 4), totals.Unsigned, totals.Discounts, totals.Comps,
            filed, performance.NewCustomersPerMonth, due, flagged, satisfaction.TryGetValue(p.Id, out var s) ? s : null);
    }

    private static List<Standing> Ranked(List<Standing> standings) =>
        standings.OrderByDescending(r => r.Spend).ThenBy(r => r.Badge, StringComparer.Ordinal).ToList();
}
