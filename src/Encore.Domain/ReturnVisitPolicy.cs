namespace Encore.Domain;

/// <summary>
/// SPEC.md "Return visits" (回访): one the day after a visit (house rule: days after), one when a customer has not
/// been seen for the house-rule number of days, and one a few days before a birthday. Days are business days.
/// </summary>
public static class ReturnVisitPolicy
{
    public static DateOnly AfterVisit(DateOnly visitDay, CustomerRules rules) => visitDay.AddDays(rules.ReturnVisitAfterVisitDays);

    /// <summary>Unseen: the last visit (or, never seen, the filing) lies this many days back or more.</summary>
    public static bool Unseen(DateOnly lastSeen, DateOnly today, CustomerRules rules) =>
        today.DayNumber - lastSeen.DayNumber >= rules.ReturnVisitUnseenDays;

    /// <summary>The next birthday on or after <paramref name="today"/> (29 February falls on the 28th in other years).</summary>
    public static DateOnly NextBirthday(DateOnly birthday, DateOnly today)
    {
        DateOnly In(int year) => new(year, birthday.Month, Math.Min(birthday.Day, DateTime.DaysInMonth(year, birthday.Month)));
        var next = In(today.Year);
        return next >= today ? next : In(today.Year + 1);
    }

    /// <summary>The day the birthday visit falls due if the next birthday is within the reminder window, else null.</summary>
    public static DateOnly? BirthdayVisitDue(DateOnly? birthday, DateOnly today, CustomerRules rules)
    {
        if (birthday is not { } b) return null;
        var next = NextBirthday(b, today);
        return next.DayNumber - today.DayNumber <= rules.BirthdayReminderDays ? next.AddDays(-rules.BirthdayReminderDays) < today ? today : next.AddDays(-rules.BirthdayReminderDays) : null;
    }

    /// <summary>
    /// SPEC.md "Stored drinks": the owning manager is reminded the house-rule days before a bottle expires. The day the
    /// reminder falls due if it is due by <paramref name="today"/> and the bottle has not expired, else null; one
    /// whose day has passed unseen (a bottle stored already inside the window) is due today.
    /// </summary>
    public static DateOnly? StoredDrinksReminderDue(DateOnly expiresOn, DateOnly today, GuestServiceRules rules)
    {
        if (today > expiresOn) return null;
        var due = expiresOn.AddDays(-rules.StoredDrinkReminderDays);
        return due > today ? null : due < today ? today : due;
    }
}
