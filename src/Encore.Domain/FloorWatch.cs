namespace Encore.Domain;

/// <summary>
/// SPEC.md "Customer files and return visits" as the floor manager follows it each night: a customer manager
/// contacts at least <see cref="CustomerRules.ContactsPerDayMin"/> customers a business day, and files
/// <see cref="PerformanceRules.NewCustomersPerMonth"/> new customers by day <see cref="PerformanceRules.NewCustomersDueDay"/>
/// of the month (the mid-month quota, SPEC.md "Performance": "at least 7 submitted by mid-month"). The quota is
/// watched from day <see cref="PerformanceRules.NewCustomersCheckDay"/> on, so the floor can still chase it before
/// it falls due, and stays watched to the month's end for whoever has not reached it.
/// </summary>
public static class FloorWatch
{
    /// <summary>Fewer contacts than the daily minimum.</summary>
    public static bool UnderContacts(int contacts, HouseRules rules) => contacts < rules.Customers.ContactsPerDayMin;

    /// <summary>Whether the new-customer quota is watched on <paramref name="day"/> (a business day).</summary>
    public static bool NewCustomersWatched(DateOnly day, HouseRules rules) => day.Day >= rules.Performance.NewCustomersCheckDay;

    /// <summary>The first business day of <paramref name="day"/>'s month the quota is watched on.</summary>
    public static DateOnly WatchedFrom(DateOnly day, HouseRules rules) => new(day.Year, day.Month, rules.Performance.NewCustomersCheckDay);

    /// <summary>The day of <paramref name="day"/>'s month the quota falls due (it is met when reached by the end of that business day).</summary>
    public static DateOnly DueBy(DateOnly day, HouseRules rules) => new(day.Year, day.Month, rules.Performance.NewCustomersDueDay);

    /// <summary>Fewer new customers filed this month than the quota.</summary>
    public static bool BelowQuota(int filed, HouseRules rules) => filed < rules.Performance.NewCustomersPerMonth;
}
