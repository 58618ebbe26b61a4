namespace Encore.Web.Accounts;

/// <summary>
/// The demo venue's market development: 40 corporate accounts across the stages, owned by six customer managers and
/// the two department heads, with the calls, visits, proposals and meetings that brought them there; 8 contracts (7
/// in force, one of them ending inside the renewal window, and one above its author's authority waiting for the
/// GM); a pair of accounts flagged as the same company; and a handful of research notes. Its own seeded random: the
/// steps before it keep their sequence whatever is added here.
/// </summary>
public sealed class AccountsDemo : IFeatureData
{
    public int Order => 130;

    private static readonly (string Company, string Industry)[] Companies =
    [
        ("杭州云图科技有限公司", "互联网"), ("浙江恒信律师事务所", "法律"), ("杭州东方汽车销售服务有限公司", "汽车"), ("西湖医药集团", "医药"),
        ("钱江证券营业部", "金融"), ("杭州绿城物业服务有限公司", "地产"), ("之江教育科技", "教育"), ("浙江远航国际贸易有限公司", "贸易"),
        ("杭州华数传媒", "传媒"), ("滨江智造有限公司", "制造"), ("杭州银泰百货", "零售"), ("浙江大华供应链", "物流"),
        ("杭州星辰广告有限公司", "广告"), ("萧山建工集团", "建筑"), ("杭州湾会展中心", "会展"), ("浙江天目山茶业", "食品"),
        ("杭州未来科技城孵化器", "互联网"), ("钱塘保险代理有限公司", "金融"), ("杭州锦江之星酒店管理", "酒店"), ("浙江新安化工", "化工"),
        ("杭州蓝海网络有限公司", "互联网"), ("余杭电子商务协会", "协会"), ("杭州九阳家电", "制造"), ("浙江海港物流有限公司", "物流"),
        ("杭州同济医院", "医疗"), ("浙江卫视广告部", "传媒"), ("杭州中策橡胶", "制造"), ("杭州新东方学校", "教育"),
        ("浙江民泰商业银行支行", "金融"), ("杭州万科地产", "地产"), ("杭州老板电器", "制造"), ("浙江金华火腿贸易", "食品"),
        ("杭州网易游戏工作室", "互联网"), ("杭州凯悦旅行社", "旅游"), ("浙江正泰电气分公司", "制造"), ("杭州娃哈哈销售公司", "食品"),
        ("杭州国际会计师事务所", "财务"), ("浙江吉利汽车4S店", "汽车"),
        // The same company as the first, filed again by someone else: the list flags the pair.
        ("杭州云图科技", "互联网"), ("杭州海康安防工程部", "安防"),
    ];

    private static readonly string[] Sources = ["陌生拜访", "老客户介绍", "展会", "网络", "合作伙伴推荐", "电话开发"];
    private static readonly string[] Contacts = ["王总", "李经理", "张主任", "刘秘书", "陈总监", "杨部长", "赵经理", "周总"];
    private static readonly string[] LostReasons = ["选择了附近的竞品门店", "预算削减，今年不安排团建", "负责人离职，新负责人不感兴趣", "公司搬迁到外地"];

    private static readonly (AccountActivityKind Kind, string Note, string Next)[] Steps =
    [
        (AccountActivityKind.Call, "电话联系行政负责人，介绍门店和企业协议价", "约时间上门拜访"),
        (AccountActivityKind.Call, "发送门店介绍和包房图片，对方有兴趣", "安排拜访"),
        (AccountActivityKind.Visit, "上门拜访，了解年会和团建需求，约 30–50 人", "准备报价方案"),
        (AccountActivityKind.Proposal, "提交协议方案：包房折扣、月结挂账、专属客服经理", "等待对方内部审批"),
        (AccountActivityKind.Meeting, "与行政总监面谈，就折扣和额度达成一致", "签订协议"),
    ];

    private static readonly (string Title, string Note, string Tags)[] Research =
    [
        ("滨江区写字楼企业调研", "新开三栋写字楼，入驻企业以互联网和电商为主，团建预算充足，偏好周五晚。", "商圈,写字楼"),
        ("竞品门店协议价对比", "附近两家 KTV 的企业协议价为 8.5 折和 8.8 折，均提供月结；我们的优势是包房档次和服务。", "竞品,价格"),
        ("年底年会季需求", "12 月至 1 月企业年会集中，大包房需提前两周锁定；建议协议单位优先保留。", "季节,年会"),
        ("酒店和旅行社合作可能", "周边四家商务酒店有外地客人夜间娱乐需求，可谈推荐合作。", "合作伙伴,酒店"),
        ("汽车 4S 店客户答谢", "4S 店每季度有客户答谢活动，适合包场，决策人是市场部。", "行业,汽车"),
        ("医药行业合规要求", "医药企业对招待有合规限制，需开具正规发票并控制人均消费。", "行业,医药"),
    ];

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var random = new Random(20261203);
        var at = VenueNow.At(demo.Venue.Id, demo.Now, Domain.HouseRules.Defaults);
        var staff = await db.Users.Where(u => u.VenueId == demo.Venue.Id).Select(u => new { u.Id, Badge = u.UserName! }).ToDictionaryAsync(u => u.Badge, u => u.Id);
        string[] team = ["m01", "m02", "m03", "m04", "m05", "m06", "dh01", "dh02"];
        // 8 leads, 7 contacted, 6 visited, 8 negotiating (one with a contract waiting for the GM), 7 contracted, 4 lost.
        var stages = Enumerable.Repeat(AccountStage.Lead, 8).Concat(Enumerable.Repeat(AccountStage.Contacted, 7))
            .Concat(Enumerable.Repeat(AccountStage.Visited, 6)).Concat(Enumerable.Repeat(AccountStage.Negotiating, 8))
            .Concat(Enumerable.Repeat(AccountStage.Contracted, 7)).Concat(Enumerable.Repeat(AccountStage.Lost, 4)).ToList();
        var contracted = 0;
        for (var i = 0; i < Companies.Length; i++)
        {
            var (company, industry) = Companies[i];
            var stage = stages[i];
            var owner = staff[team[i % team.Length]];
            var created = at.Now.AddDays(-random.Next(20, 120)).AddHours(-random.Next(0, 5));
            var account = new Account
            {
                VenueId = demo.Venue.Id, Company = company, NormalizedCompany = AccountPipeline.NormalizeCompany(company), Industry = industry,
                Source = Sources[random.Next(Sources.Length)], OwnerId = owner, Stage = stage, CreatedById = owner, CreatedAt = created,
                StageReason = stage == AccountStage.Lost ? LostReasons[i % LostReasons.Length] : "",
            };
            db.Accounts.Add(account);
            // The last one shares its contact's phone with the fourth (西湖医药集团): flagged as "samePhone".
            var phone = i == Companies.Length - 1 ? "13705710003" : "137057100" + i.ToString("00", CultureInfo.InvariantCulture);
            db.AccountContacts.Add(new AccountContact
            {
                VenueId = demo.Venue.Id, AccountId = account.Id, Name = Contacts[i % Contacts.Length], Phone = phone, Title = "行政负责人", CreatedAt = created,
            });

            // The work that brought it to its stage: one step per stage reached (a lost one got as far as a visit).
            var reached = stage == AccountStage.Lost ? 3 : Math.Min((int)stage + 1, Steps.Length);
            if (stage == AccountStage.Lead && i % 2 == 1) reached = 0;
            var span = (at.Now - created).TotalDays;
            var last = created;
            for (var s = 0; s < reached; s++)
            {
                var when = created.AddDays(span * (s + 1) / (reached + 1)).AddMinutes(random.Next(0, 240));
                db.AccountActivities.Add(new AccountActivity
                {
                    VenueId = demo.Venue.Id, AccountId = account.Id, StaffId = owner, Kind = Steps[s].Kind, At = when,
                    Note = Steps[s].Note, NextStep = Steps[s].Next, CreatedAt = when,
                });
                last = when;
            }
            account.StageChangedAt = last;

            if (stage == AccountStage.Contracted)
            {
                // The first contract ends 12 days from now: inside the 30-day renewal window.
                var from = contracted == 0 ? at.Today.AddDays(12).AddYears(-1).AddDays(1) : at.Today.AddDays(-random.Next(5, 200));
                var to = from.AddYears(1).AddDays(-1);
                var managerRate = team[i % team.Length].StartsWith('m') ? 0.10m : 0.15m;
                db.Contracts.Add(new Contract
                {
                    VenueId = demo.Venue.Id, AccountId = account.Id, From = from, To = to, DiscountRate = managerRate - 0.01m * random.Next(0, 5),
                    CreditLimit = 10_000m * random.Next(1, 6), Settlement = contracted % 3 == 2 ? ContractSettlement.OnVisit : ContractSettlement.Monthly,
                    Status = ContractStatus.Active, CreatedById = owner, CreatedAt = last,
                });
                contracted++;
            }
            else if (stage == AccountStage.Negotiating && i == stages.IndexOf(AccountStage.Negotiating))
            {
                // Above a manager's 10%: waits for the GM on the account's page.
                db.Contracts.Add(new Contract
                {
                    VenueId = demo.Venue.Id, AccountId = account.Id, From = at.Today.AddDays(1), To = at.Today.AddDays(1).AddYears(1).AddDays(-1),
                    DiscountRate = 0.20m, CreditLimit = 30_000m, Settlement = ContractSettlement.Monthly, Status = ContractStatus.PendingApproval,
                    CreatedById = owner, CreatedAt = last,
                });
            }
        }

        for (var i = 0; i < Research.Length; i++)
        {
            var (title, note, tags) = Research[i];
            db.ResearchNotes.Add(new ResearchNote
            {
                VenueId = demo.Venue.Id, Day = at.Today.AddDays(-7 * i - random.Next(0, 5)), Title = title, Note = note, Tags = tags,
                StaffId = staff[team[(i * 3) % team.Length]], CreatedAt = at.Now.AddDays(-7 * i - 5),
            });
        }
    }
}
