using Encore.Domain;

namespace Encore.Domain.Tests;

public sealed class ReturnVisitPolicyTests
{
    private static readonly CustomerRules Rules = HouseRules.Defaults.Customers;
    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Fact]
    public void The_visit_is_followed_up_the_next_day()
    {
        Assert.Equal(D("2026-11-21"), ReturnVisitPolicy.AfterVisit(D("2026-11-20"), Rules));
    }

    [Theory]
    [InlineData("2026-10-21", "2026-11-20", true)]   // 30 days
    [InlineData("2026-10-22", "2026-11-20", false)]  // 29 days
    public void A_customer_unseen_for_thirty_days_is_due(string last, string today, bool due)
    {
        Assert.Equal(due, ReturnVisitPolicy.Unseen(D(last), D(today), Rules));
    }

    [Theory]
    [InlineData("1980-11-23", "2026-11-20", "2026-11-20")] // in 3 days: due today
    [InlineData("1980-11-24", "2026-11-20", null)]         // in 4 days: not yet
    [InlineData("1980-11-20", "2026-11-20", "2026-11-20")] // today
    [InlineData("1980-11-19", "2026-11-20", null)]         // yesterday: next year's
    [InlineData("1980-01-01", "2026-12-30", "2026-12-30")] // across the new year
    [InlineData("1984-02-29", "2027-02-26", "2027-02-26")] // 29 February on the 28th in 2027
    public void A_birthday_visit_falls_due_three_days_ahead(string birthday, string today, string? due)
    {
        Assert.Equal(due is null ? null : D(due), ReturnVisitPolicy.BirthdayVisitDue(D(birthday), D(today), Rules));
    }
}
