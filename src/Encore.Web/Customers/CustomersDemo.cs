using Encore.Web.Staff;

namespace Encore.Web.Customers;

/// <summary>The demo venue's 300 customers, spread over the 12 managers.</summary>
public sealed class CustomersDemo : IFeatureData
{
    public int Order => 40;

    /// <summary>The customers in the order they were added, for the steps after this one.</summary>
    public sealed record Added(IReadOnlyList<Customer> List);

    public Task AddDemoAsync(DemoVenue demo)
    {
        var customers = Customers(demo.Venue.Id, [.. demo.Shared<StaffDemo.Managers>().List], demo.Now, demo.Random).ToList();
        customers.ForEach(CustomerRules.Index);
        demo.Db.Customers.AddRange(customers);
        demo.Share(new Added(customers));
        return Task.CompletedTask;
    }

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建国", "志强", "海燕", "晓东", "文博", "子轩", "浩然", "雨桐"];
    private static readonly string[] Companies = ["", "", "华润置地", "腾飞科技", "金鼎贸易", "远航物流", "恒信地产", "瑞丰投资", "新世纪传媒", "宏达建材", "东方医药", "盛世酒业"];
    private static readonly string[] Titles = ["", "总经理", "副总", "总监", "经理", "董事长", "主任"];

    private static IEnumerable<Customer> Customers(Guid venueId, List<StaffMember> managers, DateTimeOffset now, Random random)
    {
        var phones = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            string phone;
            do phone = $"1{random.Next(3, 10)}{random.Next(0, 10)}{random.Next(10_000_000, 100_000_000)}";
            while (!phones.Add(phone));
            var company = Companies[random.Next(Companies.Length)];
            yield return new Customer
            {
                VenueId = venueId,
                Name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)],
                Phone = phone,
                Company = company,
                Title = company.Length > 0 ? Titles[random.Next(Titles.Length)] : "",
                Birthday = random.Next(3) == 0 ? null : new DateOnly(random.Next(1965, 2001), random.Next(1, 13), random.Next(1, 29)),
                OwnerId = managers[i % managers.Count].Id,
                CreatedAt = now.AddDays(-random.Next(1, 720)),
            };
        }
    }
}
