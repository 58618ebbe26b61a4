using Encore.Domain;
using static Encore.Domain.CustomerDuplicates;

namespace Encore.Domain.Tests;

/// <summary>Possible duplicates are flagged for a floor manager, never merged: same name and a phone one digit away, or same name and company.</summary>
public sealed class CustomerDuplicatesTests
{
    [Theory]
    [InlineData("王伟", "13800000001", "", "王伟", "13800000002", "", SimilarPhone)]          // one digit away
    [InlineData("王伟", "13800000001", "", "王伟", "13900000002", "", null)]                  // two digits away
    [InlineData("王伟", "13800000001", "", "王伟", "1380000000", "", null)]                   // a digit short is not "one digit away"
    [InlineData("王伟", "13800000001", "", "王芳", "13800000002", "", null)]                  // another name
    [InlineData("王伟", "13800000001", "华为", "王伟", "13911112222", "华为", SameCompany)]
    [InlineData("王伟", "13800000001", "华为", "王伟", "13911112222", "腾讯", null)]
    [InlineData("王伟", "13800000001", "", "王伟", "13911112222", "", null)]                  // no company is not the same company
    [InlineData("王伟", "13800000001", "华为", "王伟", "13800000002", "华为", SimilarPhone)]   // the phone is said first
    [InlineData("Wang Wei", "13800000001", "", "wang wei", "13800000002", "", null)]          // names compare exactly
    public void Same_name_and_a_phone_one_digit_away_or_the_same_company(string name, string phone, string company,
        string otherName, string otherPhone, string otherCompany, string? reason)
    {
        Assert.Equal(reason, Reason(new CustomerFile(name, phone, company), new CustomerFile(otherName, otherPhone, otherCompany)));
    }

    [Fact]
    public void The_new_files_company_counts_not_only_the_others()
    {
        Assert.Null(Reason(new CustomerFile("王伟", "13800000001", ""), new CustomerFile("王伟", "13911112222", "华为")));
    }
}
