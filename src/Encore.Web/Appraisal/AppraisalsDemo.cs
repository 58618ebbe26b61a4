namespace Encore.Web.Appraisals;

/// <summary>
/// The KPI templates (the defaults, seeded for every venue at start) and the demo venue's appraisals of the last three
/// months, measured from the demo's own data, in every state of the flow: waiting for the self-assessment (m04), for
/// the department head (m05), for the review (m07), for publication (m08); published within the appeal window (m01);
/// appealed (m02); final after the window (m06, passed); and m09 failed two months in a row (flagged failedTwice).
/// Runs after every other step (it measures their data).
/// </summary>
public sealed class AppraisalsDemo(TimeProvider clock) : IFeatureData
{
    public int Order => 95;

    public Task EnsureDefaultsAsync(EncoreDb db, Guid venueId) => AppraisalTemplates.EnsureDefaultsAsync(db, venueId, clock.GetUtcNow());

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        await AppraisalTemplates.EnsureDefaultsAsync(db, venue, demo.Now);
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var template = (await AppraisalTemplates.LatestAsync(db, venue, Roles.Manager))!;
        var items = AppraisalTemplates.ItemsOf(template);
        var users = await db.Users.Where(u => u.VenueId == venue).ToDictionaryAsync(u => u.UserName!, u => u.Id);
        var thisMonth = new DateOnly(at.Today.Year, at.Today.Month, 1);
        string Month(int back) => thisMonth.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        async Task Add(string badge, string period, AppraisalStatus status, decimal hand, int publishedDaysAgo = 2, string? appeal = null)
        {
            var p = AppraisalPeriod.Parse(period);
            var staff = users[badge];
            var head = users[int.Parse(badge[1..], CultureInfo.InvariantCulture) <= 6 ? "dh01" : "dh02"];
            var measures = await AppraisalMeasures.MeasureAsync(db, at, staff, p);
            var lines = items.Select(i => new AppraisalLine(i.Key, i.Name, i.Weight, i.Source, i.Scale, i.Measured ? measures.Of(i.Source) : null,
                i.Measured ? i.Scale!.Score(measures.Of(i.Source)) : null)).ToList();
            var created = p.Next <= at.Today ? BusinessDay.Start(p.Next, at.Zone, at.Cutoff).AddHours(12) : demo.Now.AddDays(-5);
            if (created > demo.Now.AddDays(-(publishedDaysAgo + 3))) created = demo.Now.AddDays(-(publishedDaysAgo + 3));
            var a = new Appraisal
            {
                VenueId = venue, StaffId = staff, Role = Roles.Manager, Period = p.Key, PeriodKind = p.Kind.Code(), TemplateVersion = template.Version,
                Items = AppraisalLines.Json(lines), CreatedById = users["fm01"], CreatedAt = created, Status = status.Code(),
            };
            var byHand = lines.Where(l => l.ByHand).ToDictionary(l => l.Key, _ => hand);
            if (status >= AppraisalStatus.Self)
                (a.SelfScores, a.SelfComment, a.SelfAt) = (AppraisalLines.ScoresJson(byHand.ToDictionary(s => s.Key, s => Math.Min(100, s.Value + 10))), "本月积极开发新客户。", created.AddHours(20));
            if (status >= AppraisalStatus.Supervisor)
            {
                (a.SupervisorScores, a.SupervisorComment, a.SupervisorAt, a.SupervisorId) = (AppraisalLines.ScoresJson(byHand), "态度认真，还需提高回访质量。", created.AddDays(1), head);
                a.Total = AppraisalLines.Total(a);
            }
            if (status >= AppraisalStatus.Reviewed) (a.ReviewedById, a.ReviewedAt) = (users["fm01"], created.AddDays(2));
            if (status >= AppraisalStatus.Published) (a.PublishedById, a.PublishedAt) = (users["fm01"], demo.Now.AddDays(-publishedDaysAgo));
            if (appeal is not null) (a.AppealReason, a.AppealedAt) = (appeal, demo.Now.AddDays(-publishedDaysAgo + 1));
            // A published one past its window is final by the clock (AppraisalFlow.Effective): it stays stored as published.
            if (status == AppraisalStatus.Final) a.Status = AppraisalStatus.Published.Code();
            db.Set<Appraisal>().Add(a);
        }

        await Add("m06", Month(2), AppraisalStatus.Final, 85, publishedDaysAgo: 40);
        await Add("m09", Month(3), AppraisalStatus.Final, 0, publishedDaysAgo: 70);
        await Add("m09", Month(2), AppraisalStatus.Final, 0, publishedDaysAgo: 40);
        await Add("m01", Month(1), AppraisalStatus.Published, 80, publishedDaysAgo: 2);
        await Add("m02", Month(1), AppraisalStatus.Appealed, 55, publishedDaysAgo: 3, appeal: "新客户数以系统为准，但有两位客人的档案登记在别人名下。");
        await Add("m04", Month(1), AppraisalStatus.Draft, 0);
        await Add("m05", Month(1), AppraisalStatus.Self, 0);
        await Add("m07", Month(1), AppraisalStatus.Supervisor, 75);
        await Add("m08", Month(1), AppraisalStatus.Reviewed, 70);
    }
}
