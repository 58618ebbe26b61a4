using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Domain;
using Encore.Web.Data;
using Encore.Web.Tests.Bookings;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Training;

/// <summary>Helpers of the training tests (API.md "Appraisal (考核), rankings, training (培训)").</summary>
public static class TrainingTest
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static object Course(DateTimeOffset startsAt, string[]? audience = null, int passMark = 60, string trainer = "fm01", string title = "服务礼仪",
        bool discountAuthority = false) => new
    {
        title, content = "迎宾与送客", method = "课堂讲授", startsAt = startsAt.ToString("O"), trainerBadge = trainer,
        audience = audience ?? ["m01", "m02"], passMark, discountAuthority, location = "培训室",
    };

    public static async Task<string> ProblemField(HttpResponseMessage response) =>
        string.Join(",", (await Problem.Expect(response, HttpStatusCode.BadRequest)).ErrorFields());

    public static JsonElement Trainee(JsonElement course, string badge) =>
        course.GetProperty("trainees").EnumerateArray().Single(t => t.Str("badge") == badge);
}

/// <summary>The plan: who plans, what is refused naming which field, edits and cancelling only before the start.</summary>
public sealed class TrainingPlanTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_floor_plans_a_course_bad_input_names_its_field_and_edits_stop_at_the_start()
    {
        var floor = await app.ClientFor("fm01");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var startsAt = now.AddDays(2);
        var created = await TrainingTest.Ok(await floor.PostAsJsonAsync("/api/training/courses", TrainingTest.Course(startsAt, ["m01", "role:promoter"])), HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Equal("服务礼仪", created.Str("title"));
        Assert.Equal("planned", created.Str("status"));
        Assert.Equal(60, created.GetProperty("passMark").GetInt32());
        Assert.Equal(60, created.GetProperty("durationMinutes").GetInt32());
        Assert.Equal("fm01", created.Str("trainerBadge"));
        Assert.Equal(["m01", "role:promoter"], created.GetProperty("audience").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "training.course.create" && a.EntityId == id && a.ActorBadge == "fm01")));

        // Only the planners plan.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("m01")).PostAsJsonAsync("/api/training/courses", TrainingTest.Course(startsAt))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("dh01")).PostAsJsonAsync("/api/training/courses", TrainingTest.Course(startsAt))).StatusCode);

        var before = app.With(db => db.Set<TrainingCourse>().Count());
        async Task<string> Bad(object body) => await TrainingTest.ProblemField(await floor.PostAsJsonAsync("/api/training/courses", body));
        var ok = (string when) => new { title = "T", startsAt = when, trainerBadge = "fm01", audience = new[] { "m01" }, passMark = 60 };
        Assert.Equal("title", await Bad(new { startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "m01" }, passMark = 60 }));
        Assert.Equal("startsAt", await Bad(new { title = "T", trainerBadge = "fm01", audience = new[] { "m01" }, passMark = 60 }));
        Assert.Equal("startsAt", await Bad(ok(now.AddMinutes(-1).ToString("O"))));
        Assert.Equal("trainerBadge", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "zz99", audience = new[] { "m01" }, passMark = 60 }));
        Assert.Equal("audience[1]", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "m01", "role:chef" }, passMark = 60 }));
        Assert.Equal("audience[0]", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "nobody" }, passMark = 60 }));
        Assert.Equal("audience", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = Array.Empty<string>(), passMark = 60 }));
        Assert.Equal("passMark", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "m01" }, passMark = 101 }));
        Assert.Equal("passMark", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "m01" }, passMark = -1 }));
        Assert.Equal("passMark", await Bad(new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "m01" } }));
        // Chinese by default, naming the field by its label.
        var zh = await Problem.Expect(await floor.PostAsJsonAsync("/api/training/courses", new { title = "T", startsAt = startsAt.ToString("O"), trainerBadge = "fm01", audience = new[] { "m01" }, passMark = 101 }), HttpStatusCode.BadRequest);
        Assert.Contains("及格分", zh.Detail());
        Assert.Equal(before, app.With(db => db.Set<TrainingCourse>().Count()));

        // The plan of the year, and one course.
        var plan = await floor.GetFromJsonAsync<JsonElement>($"/api/training/courses?year={startsAt.Year}");
        Assert.Contains(plan.EnumerateArray(), c => c.Str("id") == id);
        Assert.Equal("year", await TrainingTest.ProblemField(await floor.GetAsync("/api/training/courses?year=soon")));
        Assert.Equal(HttpStatusCode.NotFound, (await floor.GetAsync($"/api/training/courses/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(id, (await TrainingTest.Ok(await (await app.ClientFor("h02")).GetAsync($"/api/training/courses/{id}"))).Str("id"));

        // Edited before it starts; the manager may not.
        var edited = await TrainingTest.Ok(await floor.PutAsJsonAsync($"/api/training/courses/{id}", TrainingTest.Course(startsAt, ["role:manager"], passMark: 70, title: "服务礼仪（修订）")));
        Assert.Equal("服务礼仪（修订）", edited.Str("title"));
        Assert.Equal(70, edited.GetProperty("passMark").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("m01")).PutAsJsonAsync($"/api/training/courses/{id}", TrainingTest.Course(startsAt))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await floor.PutAsJsonAsync($"/api/training/courses/{Guid.NewGuid()}", TrainingTest.Course(startsAt))).StatusCode);

        // Cancelled once; then neither cancelled nor edited again.
        var other = (await TrainingTest.Ok(await floor.PostAsJsonAsync("/api/training/courses", TrainingTest.Course(startsAt.AddDays(1))), HttpStatusCode.Created)).Str("id");
        Assert.Equal("cancelled", (await TrainingTest.Ok(await floor.PostAsync($"/api/training/courses/{other}/cancel", null))).Str("status"));
        var again = await Problem.Expect(await floor.PostAsync($"/api/training/courses/{other}/cancel", null), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/training.cancelled", again.Str("type"));
        await Problem.Expect(await floor.PutAsJsonAsync($"/api/training/courses/{other}", TrainingTest.Course(startsAt)), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.NotFound, (await floor.PostAsync($"/api/training/courses/{Guid.NewGuid()}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Attendance_and_scores_after_the_start_for_the_audience_by_the_trainer_and_the_best_attempt_counts()
    {
        var gm = await app.ClientFor("gm01");
        var floor = await app.ClientFor("fm01");
        var now = await gm.NowAsync();
        var startsAt = now.AddHours(1);
        // dh01 trains; the audience is two managers and every host supervisor (h01).
        var course = await TrainingTest.Ok(await floor.PostAsJsonAsync("/api/training/courses",
            TrainingTest.Course(startsAt, ["m01", "m02", "role:hostSupervisor"], passMark: 60, trainer: "dh01")), HttpStatusCode.Created);
        var id = course.Str("id");
        var trainer = await app.ClientFor("dh01");
        var early = await Problem.Expect(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m01", present = true }), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/training.notStarted", early.Str("type"));

        // At the start minute it has started.
        await gm.SetClockAsync(startsAt);
        var m01 = await app.ClientFor("m01");
        var notTrainer = await Problem.Expect(await m01.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m01", present = true }), HttpStatusCode.Forbidden);
        Assert.Equal("https://encore.example/problems/training.notTrainer", notTrainer.Str("type"));
        var marked = await TrainingTest.Ok(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m01", present = true }));
        Assert.True(TrainingTest.Trainee(marked, "m01").GetProperty("present").GetBoolean());
        await TrainingTest.Ok(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "h01", present = true }));
        // Outsiders are not added: 400 naming badge; so are unknown badges and a missing mark.
        Assert.Equal("badge", await TrainingTest.ProblemField(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m03", present = true })));
        Assert.Equal("badge", await TrainingTest.ProblemField(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "zz99", present = true })));
        Assert.Equal("present", await TrainingTest.ProblemField(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m02" })));
        Assert.Equal(HttpStatusCode.NotFound, (await trainer.PostAsJsonAsync($"/api/training/courses/{Guid.NewGuid()}/attendance", new { badge = "m01", present = true })).StatusCode);

        // A score needs attendance: m02 not marked, then marked absent.
        var notPresent = await Problem.Expect(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m02", score = 90 }), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/training.notPresent", notPresent.Str("type"));
        await TrainingTest.Ok(await floor.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m02", present = false }));
        await Problem.Expect(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m02", score = 90 }), HttpStatusCode.Conflict);
        Assert.Equal("score", await TrainingTest.ProblemField(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m01", score = 101 })));
        Assert.Equal("score", await TrainingTest.ProblemField(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m01" })));

        // 59 fails, the retake's 60 passes (pass mark 60); a later worse retake keeps the pass: the best counts.
        var failed = TrainingTest.Trainee(await TrainingTest.Ok(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m01", score = 59 })), "m01");
        Assert.False(failed.GetProperty("passed").GetBoolean());
        var passed = TrainingTest.Trainee(await TrainingTest.Ok(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m01", score = 60 })), "m01");
        Assert.True(passed.GetProperty("passed").GetBoolean());
        var worse = TrainingTest.Trainee(await TrainingTest.Ok(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m01", score = 30 })), "m01");
        Assert.Equal([59, 60, 30], worse.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("score").GetInt32()).ToArray());
        Assert.Equal([1, 2, 3], worse.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("attempt").GetInt32()).ToArray());
        Assert.Equal(60, worse.GetProperty("best").GetInt32());
        Assert.True(worse.GetProperty("passed").GetBoolean());
        var hasScores = await Problem.Expect(await trainer.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m01", present = false }), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/training.hasScores", hasScores.Str("type"));
        Assert.Equal(3, app.With(db => db.AuditEntries.Count(a => a.Action == "training.score")));

        // Started: no more edits or cancelling.
        var started = await Problem.Expect(await floor.PutAsJsonAsync($"/api/training/courses/{id}", TrainingTest.Course(startsAt.AddDays(1))), HttpStatusCode.Conflict);
        Assert.Equal("https://encore.example/problems/training.started", started.Str("type"));
        await Problem.Expect(await floor.PostAsync($"/api/training/courses/{id}/cancel", null), HttpStatusCode.Conflict);

        // The trainer and the planners see the whole audience; anyone else their own row.
        var full = await floor.GetFromJsonAsync<JsonElement>($"/api/training/courses/{id}");
        Assert.Equal(["h01", "m01", "m02"], full.GetProperty("trainees").EnumerateArray().Select(t => t.Str("badge")).ToArray());
        Assert.Equal("held", full.Str("status"));
        var own = await m01.GetFromJsonAsync<JsonElement>($"/api/training/courses/{id}");
        Assert.Equal(["m01"], own.GetProperty("trainees").EnumerateArray().Select(t => t.Str("badge")).ToArray());
        Assert.False(own.GetProperty("canRun").GetBoolean());
        Assert.Empty((await (await app.ClientFor("m05")).GetFromJsonAsync<JsonElement>($"/api/training/courses/{id}")).GetProperty("trainees").EnumerateArray());

        // m01's record shows it.
        var record = await m01.GetFromJsonAsync<JsonElement>("/api/training/records/m01");
        var row = record.GetProperty("courses").EnumerateArray().Single(c => c.Str("courseId") == id);
        Assert.True(row.GetProperty("passed").GetBoolean());
        Assert.Equal(60, row.GetProperty("best").GetInt32());
        Assert.True(row.GetProperty("present").GetBoolean());
    }

    [Theory]
    [InlineData("m01", HttpStatusCode.OK)]
    [InlineData("dh01", HttpStatusCode.OK)]
    [InlineData("fm01", HttpStatusCode.OK)]
    [InlineData("gm01", HttpStatusCode.OK)]
    [InlineData("dh02", HttpStatusCode.Forbidden)]
    [InlineData("m02", HttpStatusCode.Forbidden)]
    [InlineData("h02", HttpStatusCode.Forbidden)]
    [InlineData("c01", HttpStatusCode.Forbidden)]
    public async Task A_record_is_read_by_the_person_their_department_head_the_floor_and_the_GM(string reader, HttpStatusCode expected)
    {
        var response = await (await app.ClientFor(reader)).GetAsync("/api/training/records/m01");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
            Assert.Equal("https://encore.example/problems/training.recordNotYours", (await Problem.Expect(response, expected)).Str("type"));
    }

    [Fact]
    public async Task The_demo_record_shows_the_failed_authority_course_and_an_unknown_badge_is_404()
    {
        var floor = await app.ClientFor("fm01");
        Assert.Equal(HttpStatusCode.NotFound, (await floor.GetAsync("/api/training/records/zz99")).StatusCode);
        var m03 = await floor.GetFromJsonAsync<JsonElement>("/api/training/records/m03");
        var authority = m03.GetProperty("courses").EnumerateArray().First(c => c.GetProperty("discountAuthority").GetBoolean() && c.Str("status") == "held");
        Assert.Equal(72, authority.GetProperty("best").GetInt32());
        Assert.False(authority.GetProperty("passed").GetBoolean());
        Assert.False(m03.GetProperty("passedAuthorityCourse").GetBoolean());
        // The house rule is off by default: nobody is gated.
        Assert.False(m03.GetProperty("authorityGated").GetBoolean());
        var plan = await floor.GetFromJsonAsync<JsonElement>($"/api/training/courses?year={(await floor.NowAsync()).Year}");
        Assert.True(plan.GetArrayLength() >= 10);
        Assert.Contains(plan.EnumerateArray(), c => c.Str("status") == "planned");
        Assert.Contains(plan.EnumerateArray(), c => c.Str("status") == "held" && c.GetProperty("passedCount").GetInt32() < c.GetProperty("present").GetInt32());
    }
}

/// <summary>
/// The house rule training.authorityNeedsCourse at its boundary: a manager who has not passed the discount-authority
/// course needs an approval for any discount; one point under the pass mark still does, the pass mark gives it back.
/// </summary>
public sealed class TrainingAuthorityTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task A_manager_without_the_authority_course_needs_an_approval_for_any_discount_until_the_pass_mark()
    {
        var gm = await app.ClientFor("gm01");
        var floor = await app.ClientFor("fm01");
        var cashier = await app.ClientFor("c01");
        // Off (the default): m12, who missed the demo's authority course, closes a 2.5% discount within the 10% authority.
        var first = await app.OpenRoomForAsync("m12");
        await TrainingTest.Ok(await cashier.PostAsJsonAsync($"/api/rooms/{first}/close", new { spend = 2000, discount = 50 }));

        await TrainingTest.Ok(await gm.PutAsJsonAsync("/api/house-rules", new { training = new { authorityNeedsCourse = true } }));
        var room = await app.OpenRoomForAsync("m12");
        var gated = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 50 }), HttpStatusCode.Forbidden);
        Assert.Equal("https://encore.example/problems/authority.discountNeedsApproval", gated.Str("type"));
        var comps = await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, comps = new[] { new { item = "果盘", value = 10 } } }), HttpStatusCode.Forbidden);
        Assert.Equal("https://encore.example/problems/authority.compsNeedApproval", comps.Str("type"));
        Assert.True((await floor.GetFromJsonAsync<JsonElement>("/api/training/records/m12")).GetProperty("authorityGated").GetBoolean());
        // Those above the managers' row keep theirs: a department head is not gated.
        Assert.False((await gm.GetFromJsonAsync<JsonElement>("/api/training/records/dh01")).GetProperty("authorityGated").GetBoolean());

        var now = await gm.NowAsync();
        var course = await TrainingTest.Ok(await floor.PostAsJsonAsync("/api/training/courses",
            TrainingTest.Course(now.AddMinutes(30), ["m12"], passMark: 70, title: "折扣与赠送权限（补考）", discountAuthority: true)), HttpStatusCode.Created);
        var id = course.Str("id");
        await gm.SetClockAsync(now.AddMinutes(31));
        await TrainingTest.Ok(await floor.PostAsJsonAsync($"/api/training/courses/{id}/attendance", new { badge = "m12", present = true }));

        // passMark − 1: still gated.
        await TrainingTest.Ok(await floor.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m12", score = 69 }));
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 50 }), HttpStatusCode.Forbidden);
        Assert.True((await floor.GetFromJsonAsync<JsonElement>("/api/training/records/m12")).GetProperty("authorityGated").GetBoolean());

        // passMark: the authority is back (still only the managers' 10%: 15% needs an approval as ever).
        await TrainingTest.Ok(await floor.PostAsJsonAsync($"/api/training/courses/{id}/scores", new { badge = "m12", score = 70 }));
        var record = await floor.GetFromJsonAsync<JsonElement>("/api/training/records/m12");
        Assert.False(record.GetProperty("authorityGated").GetBoolean());
        Assert.True(record.GetProperty("passedAuthorityCourse").GetBoolean());
        await Problem.Expect(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 300 }), HttpStatusCode.Forbidden);
        await TrainingTest.Ok(await cashier.PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 2000, discount = 50 }));
    }
}

/// <summary>
/// A course's effect: the trained group's figures in the month before the course's month and the month after, equal to
/// the sums of the rows this test makes for three people who have no others (two present, one absent).
/// </summary>
public sealed class TrainingEffectTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    [Fact]
    public async Task The_effect_is_the_present_groups_standings_before_and_after_by_hand()
    {
        var gm = await app.ClientFor("gm01");
        foreach (var badge in new[] { "t01", "t02", "t03" })
            await TrainingTest.Ok(await gm.PostAsJsonAsync("/api/staff", new { badge, name = "培训" + badge, password = "trainee123", roles = new[] { "manager" }, department = "营销一部" }),
                HttpStatusCode.Created);
        var now = await gm.NowAsync(); // 2026-11-20
        Assert.Equal(11, now.Month);
        Guid courseId = default;
        await app.WithAsync(async db =>
        {
            var venue = db.MainVenueId();
            var ids = await db.MainStaff().Where(u => u.UserName!.StartsWith("t0") || u.UserName == "fm01").ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var roomId = await db.Rooms.Where(r => r.VenueId == venue).Select(r => r.Id).FirstAsync();
            DateTimeOffset At(int month, int day, int hour = 21) => new(2026, month, day, hour, 0, 0, TrainingTest.Shanghai);
            var course = new TrainingCourse
            {
                VenueId = venue, Title = "客户开发", StartsAt = At(10, 15, 15), DurationMinutes = 60, TrainerId = ids["fm01"], AudienceJson = """["t01","t02","t03"]""",
                PassMark = 60, CreatedById = ids["fm01"], CreatedAt = At(10, 1),
            };
            db.Add(course);
            courseId = course.Id;
            void Session(string badge, int month, int day, decimal spend, bool signed = true)
            {
                db.Add(new RoomSession
                {
                    VenueId = venue, RoomId = roomId, CreditedToId = ids[badge], BusinessDay = new DateOnly(2026, month, day), OpenedAt = At(month, day), OpenedById = ids["fm01"],
                    ClosedAt = At(month, day, 23), ClosedById = ids["fm01"], Spend = spend, PartySize = 4,
                });
                if (signed && !db.ChangeTracker.Entries<PerformanceCard>().Any(e => e.Entity.StaffId == ids[badge] && e.Entity.BusinessDay == new DateOnly(2026, month, day)))
                    db.Add(new PerformanceCard { VenueId = venue, StaffId = ids[badge], BusinessDay = new DateOnly(2026, month, day), SignedAt = At(month, day, 23).AddMinutes(30) });
            }
            void Complaint(string badge, int month, int day) => db.Add(new Complaint
            {
                VenueId = venue, Description = "等位太久", ManagerId = ids[badge], BusinessDay = new DateOnly(2026, month, day), CreatedAt = At(month, day),
                AcknowledgeBy = At(month, day), SolutionBy = At(month, day), FinalBy = At(month, day), Status = ComplaintStatus.Resolved, ResolvedAt = At(month, day, 22),
                AcknowledgedAt = At(month, day, 21), ResolvedById = ids["fm01"], AcknowledgedById = ids["fm01"], Resolution = "道歉",
            });
            void Fine(string badge, int month, int day, decimal amount, ViolationStatus status) => db.Add(new Violation
            {
                VenueId = venue, StaffId = ids[badge], Kind = "other", Amount = amount, IncidentFine = amount, BusinessDay = new DateOnly(2026, month, day), At = At(month, day),
                Status = status, ConfirmedDay = ViolationTransitions.Stands(status) ? new DateOnly(2026, month, day) : null, IncidentId = Guid.NewGuid(), Reason = "测试",
            });
            var phone = 0;
            void Customer(string badge, int month, int day) => db.Add(new Customer
            {
                VenueId = venue, Name = "新客户" + (++phone), Phone = $"1390000{phone:0000}", OwnerId = ids[badge], CreatedAt = At(month, day, 14),
            });
            // September (before): t01 1,000 + 2,500 signed and 3,000 unsigned; t02 4,000; t03 (absent) 9,999.
            Session("t01", 9, 10, 1000); Session("t01", 9, 10, 2500); Session("t01", 9, 13, 3000, signed: false);
            Session("t02", 9, 12, 4000); Session("t03", 9, 12, 9999);
            Complaint("t01", 9, 10); Complaint("t03", 9, 11);
            Fine("t02", 9, 12, 200, ViolationStatus.Confirmed); Fine("t01", 9, 14, 100, ViolationStatus.Proposed); Fine("t01", 9, 15, 150, ViolationStatus.Dismissed);
            Customer("t01", 9, 5);
            // October, the course's own month: neither before nor after.
            Session("t01", 10, 20, 7777); Complaint("t02", 10, 20); Fine("t02", 10, 20, 500, ViolationStatus.Confirmed); Customer("t02", 10, 3);
            // November (after, to date): t01 6,000; t02 1,500 + 500.
            Session("t01", 11, 5, 6000); Session("t02", 11, 6, 1500); Session("t02", 11, 6, 500);
            Complaint("t02", 11, 6); Complaint("t02", 11, 7);
            Fine("t01", 11, 8, 300, ViolationStatus.Upheld);
            Customer("t02", 11, 3); Customer("t02", 11, 4); Customer("t03", 11, 4);
            await db.SaveChangesAsync();
        });
        var floor = await app.ClientFor("fm01");
        foreach (var (badge, present) in new[] { ("t01", true), ("t02", true), ("t03", false) })
            await TrainingTest.Ok(await floor.PostAsJsonAsync($"/api/training/courses/{courseId}/attendance", new { badge, present }));

        var effect = await TrainingTest.Ok(await floor.GetAsync($"/api/training/courses/{courseId}/effect"));
        Assert.Equal(["t01", "t02"], effect.GetProperty("group").EnumerateArray().Select(g => g.GetString()!).ToArray());
        var target = 2 * Encore.Domain.HouseRules.Defaults.Performance.MonthlySpendTarget;
        void Expect(JsonElement f, string month, bool complete, decimal spend, int rooms, int newCustomers, int complaints, decimal fines)
        {
            Assert.Equal(month, f.Str("month"));
            Assert.Equal(complete, f.GetProperty("complete").GetBoolean());
            Assert.True(f.GetProperty("begun").GetBoolean());
            Assert.Equal(spend, f.GetProperty("spend").GetDecimal());
            Assert.Equal(target, f.GetProperty("targetSpend").GetDecimal());
            Assert.Equal(decimal.Round(spend / target, 4), f.GetProperty("attainment").GetDecimal());
            Assert.Equal(rooms, f.GetProperty("rooms").GetInt32());
            Assert.Equal(newCustomers, f.GetProperty("newCustomers").GetInt32());
            Assert.Equal(complaints, f.GetProperty("complaints").GetInt32());
            Assert.Equal(fines, f.GetProperty("fines").GetDecimal());
        }
        Expect(effect.GetProperty("before"), "2026-09", true, 1000 + 2500 + 4000, 3, 1, 1, 200);
        Expect(effect.GetProperty("after"), "2026-11", false, 6000 + 1500 + 500, 3, 2, 2, 300);

        // The floor and the GM read it; a manager does not; a course not started yet has none.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("m01")).GetAsync($"/api/training/courses/{courseId}/effect")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await floor.GetAsync($"/api/training/courses/{Guid.NewGuid()}/effect")).StatusCode);
        var planned = (await TrainingTest.Ok(await floor.PostAsJsonAsync("/api/training/courses", TrainingTest.Course(now.AddDays(3), ["t01"])), HttpStatusCode.Created)).Str("id");
        await Problem.Expect(await floor.GetAsync($"/api/training/courses/{planned}/effect"), HttpStatusCode.Conflict);
    }
}
