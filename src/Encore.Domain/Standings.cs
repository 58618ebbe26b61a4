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

    /// <summary>The standings of the month starting <paramref name="first"/>, seen on <paramref name="today"/>: best spend first.</summary>
    public static List<Standing> Of(DateOnly first, DateOnly today, Facts facts, HouseRules rules)
    {
        var performance = rules.Performance;
        // One row per person, whatever roles they hold.
        var byId = new Dictionary<Guid, Earner>();
        foreach (var e in facts.Earners) byId.TryAdd(e.Id, e);
        var signed = facts.SignedCards.ToHashSet();
        // A day whose performance was cancelled (late without a call-in, a missed customer-dinner return, a suspension) does not count.
        signed.ExceptWith(facts.CancelledDays);
        var to = first.AddMonths(1);

        Guid[] CreditedTo(Guid credited) =>
            byId.TryGetValue(credited, out var p) && p.IsPromoter && p.ManagerId is { } m ? [credited, m] : [credited];

        (decimal Spend, int Rooms, decimal Unsigned, decimal Discounts, decimal Comps) Sum(Guid id, DateOnly monthFirst)
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
            return (spend, rooms, unsigned, discounts, comps);
        }

        (decimal Spend, int Rooms) Target(Guid id, DateOnly monthFirst)
        {
            var key = monthFirst.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var own = facts.Targets.FirstOrDefault(t => t.StaffId == id && t.Month == key);
            return (own?.Spend ?? performance.MonthlySpendTarget, own?.Rooms ?? performance.MonthlyRoomsTarget);
        }

        var satisfaction = facts.Ratings.GroupBy(r => r.OwnerId)
            .ToDictionary(g => g.Key, g => decimal.Round((decimal)g.Average(x => x.Satisfaction), 2));
        var monthOver = today >= to;
        var result = new List<Standing>();
        foreach (var p in byId.Values.Where(p => p.IsActive).OrderBy(p => p.Badge, StringComparer.Ordinal))
        {
            var (spend, rooms, unsigned, discounts, comps) = Sum(p.Id, first);
            var (targetSpend, targetRooms) = Target(p.Id, first);
            var joined = new DateOnly(p.Joined.Year, p.Joined.Month, 1);
            // Complete months only, oldest first, ending with this one if it is over; nobody is judged on months before they joined.
            var judged = Enumerable.Range(0, performance.MissedMonthsForReview + 1)
                .Select(i => first.AddMonths(i - performance.MissedMonthsForReview))
                .Where(m => m < first || monthOver)
                .Where(m => m >= joined)
                .Select(m => { var s = Sum(p.Id, m); var t = Target(p.Id, m); return Targets.Met(s.Spend, s.Rooms, t.Spend, t.Rooms); })
                .ToList();
            var filed = facts.NewCustomers.GetValueOrDefault(p.Id);
            var due = today >= first.AddDays(performance.NewCustomersDueDay - 1) && filed < performance.NewCustomersPerMonth && today < to;
            result.Add(new Standing(p.Badge, p.Name, p.Role, p.ManagerId is { } m && byId.TryGetValue(m, out var manager) ? manager.Badge : null,
                spend, rooms, targetSpend, targetRooms, Targets.Attainment(spend, targetSpend),
                targetRooms <= 0 ? 0 : decimal.Round((decimal)rooms / targetRooms, 4), unsigned, discounts, comps,
                filed, performance.NewCustomersPerMonth, due, p.IsManager && Targets.FlaggedForReview(judged, rules),
                satisfaction.TryGetValue(p.Id, out var s) ? s : null));
        }
        return result.OrderByDescending(r => r.Spend).ThenBy(r => r.Badge, StringComparer.Ordinal).ToList();
    }
}
