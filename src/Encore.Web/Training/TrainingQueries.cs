using Encore.Web.Staff;

namespace Encore.Web.Training;

/// <summary>What courses hold, for the API, the pages and the discount-authority gate: who is in a course's audience, how each stands.</summary>
public static class TrainingQueries
{
    /// <summary>A course has started once the venue's clock reaches its start: attendance and scores from then, edits and cancelling before.</summary>
    public static bool Started(VenueNow at, TrainingCourse course) => at.Now >= course.StartsAt;

    /// <summary>planned · held · cancelled.</summary>
    public static string Status(VenueNow at, TrainingCourse course) =>
        course.CancelledAt is not null ? "cancelled" : Started(at, course) ? "held" : "planned";

    /// <summary>The course's trainer or a planner (the floor and the GM) marks attendance and enters scores.</summary>
    public static bool MayRun(TrainingCourse course, ClaimsPrincipal user) => user.Can(Capability.PlanTraining) || course.TrainerId == user.StaffId();

    public static List<string> Audience(TrainingCourse course) => JsonSerializer.Deserialize<List<string>>(course.AudienceJson) ?? [];

    public sealed record Person(Guid Id, string Badge, string Name, string Department);

    /// <summary>
    /// The audience as people: the badges named and the active holders of the roles named, read when asked (a manager
    /// hired after the plan is in "role:manager"'s audience), plus whoever was marked at the course though no longer in it.
    /// </summary>
    public static async Task<List<Person>> TraineesAsync(EncoreDb db, TrainingCourse course)
    {
        var audience = Audience(course);
        var roles = audience.Where(TrainingPolicy.IsRoleEntry).Select(a => a[TrainingPolicy.RolePrefix.Length..]).ToList();
        var badges = audience.Where(a => !TrainingPolicy.IsRoleEntry(a)).Select(StaffDirectory.Normalize).ToList();
        var marked = db.Set<TrainingAttendance>().Where(a => a.CourseId == course.Id).Select(a => a.StaffId);
        var byRole = roles.Count == 0 ? [] : await db.InRoles(course.VenueId, roles).Where(u => u.IsActive)
            .Select(u => new Person(u.Id, u.UserName!, u.Name, u.Department)).ToListAsync();
        var named = await db.Users.Where(u => u.VenueId == course.VenueId && (badges.Contains(u.NormalizedUserName!) || marked.Contains(u.Id)))
            .Select(u => new Person(u.Id, u.UserName!, u.Name, u.Department)).ToListAsync();
        return byRole.Concat(named).DistinctBy(p => p.Id).OrderBy(p => p.Badge, StringComparer.Ordinal).ToList();
    }

    private sealed record Marks(Dictionary<Guid, bool> Present, ILookup<Guid, TrainingAttempt> Attempts);

    /// <summary>Attendance and attempts: of one course by person (<paramref name="course"/>), or of one person by course (<paramref name="person"/>).</summary>
    private static async Task<Marks> MarksAsync(EncoreDb db, VenueNow at, Guid? course, Guid? person, Func<Guid, Guid, Guid> key)
    {
        var attendance = await db.Set<TrainingAttendance>().Where(a => a.VenueId == at.VenueId && (course == null || a.CourseId == course) && (person == null || a.StaffId == person))
            .Select(a => new { a.CourseId, a.StaffId, a.Present }).ToListAsync();
        var scores = await db.Set<TrainingScore>().Where(s => s.VenueId == at.VenueId && (course == null || s.CourseId == course) && (person == null || s.StaffId == person))
            .OrderBy(s => s.Attempt).ToListAsync();
        return new Marks(attendance.ToDictionary(a => key(a.CourseId, a.StaffId), a => a.Present),
            scores.ToLookup(s => key(s.CourseId, s.StaffId), s => new TrainingAttempt(s.Attempt, s.Score, s.Passed, at.Local(s.At))));
    }

    private static CourseTrainee Trainee(Person p, bool? present, List<TrainingAttempt> attempts, int passMark) =>
        new(p.Badge, p.Name, p.Department, present, attempts, TrainingPolicy.Best(attempts.Select(a => a.Score)), TrainingPolicy.PassedAny(attempts.Select(a => a.Score), passMark));

    public static async Task<CourseView> ViewAsync(EncoreDb db, VenueNow at, TrainingCourse course, ClaimsPrincipal user)
    {
        var people = await TraineesAsync(db, course);
        var marks = await MarksAsync(db, at, course.Id, null, (_, staff) => staff);
        var canRun = MayRun(course, user);
        var me = user.StaffId();
        var trainees = people.Where(p => canRun || p.Id == me)
            .Select(p => Trainee(p, marks.Present.TryGetValue(p.Id, out var present) ? present : null, marks.Attempts[p.Id].ToList(), course.PassMark)).ToList();
        var trainer = await db.Users.Where(u => u.Id == course.TrainerId).Select(u => new { Badge = u.UserName!, u.Name }).SingleAsync();
        return new CourseView(course.Id, course.Title, course.Content, course.Method, at.Local(course.StartsAt), course.DurationMinutes, course.Location,
            trainer.Badge, trainer.Name, Audience(course), course.PassMark, course.DiscountAuthority, Status(at, course), at.Local(course.CancelledAt), trainees,
            canRun && course.CancelledAt is null, user.Can(Capability.PlanTraining) && course.CancelledAt is null && !Started(at, course));
    }

    /// <summary>The year's plan (by the venue's calendar year of the start), earliest first, with the counts of each course.</summary>
    public static async Task<List<CourseSummary>> PlanAsync(EncoreDb db, VenueNow at, int year)
    {
        var from = new DateTimeOffset(new DateTime(year, 1, 1), at.Zone.GetUtcOffset(new DateTime(year, 1, 1)));
        var to = new DateTimeOffset(new DateTime(year + 1, 1, 1), at.Zone.GetUtcOffset(new DateTime(year + 1, 1, 1)));
        var courses = await db.Set<TrainingCourse>().Where(c => c.VenueId == at.VenueId && c.StartsAt >= from && c.StartsAt < to).ToListAsync();
        courses = courses.OrderBy(c => c.StartsAt).ToList();
        var ids = courses.Select(c => c.Id).ToList();
        var present = await db.Set<TrainingAttendance>().Where(a => ids.Contains(a.CourseId) && a.Present).GroupBy(a => a.CourseId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var passed = await db.Set<TrainingScore>().Where(s => ids.Contains(s.CourseId) && s.Passed).GroupBy(s => s.CourseId)
            .Select(g => new { g.Key, Count = g.Select(s => s.StaffId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var trainers = await db.Users.Where(u => courses.Select(c => c.TrainerId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { Badge = u.UserName!, u.Name });
        var list = new List<CourseSummary>();
        foreach (var c in courses)
        {
            var expected = (await TraineesAsync(db, c)).Count;
            list.Add(new CourseSummary(c.Id, c.Title, c.Method, at.Local(c.StartsAt), c.DurationMinutes, c.Location, trainers[c.TrainerId].Badge, trainers[c.TrainerId].Name,
                Audience(c), c.PassMark, c.DiscountAuthority, Status(at, c), expected, present.GetValueOrDefault(c.Id), passed.GetValueOrDefault(c.Id)));
        }
        return list;
    }

    /// <summary>Who reads a person's training record: the person, their department head, the floor and the GM.</summary>
    public static async Task<bool> MayReadRecordAsync(EncoreDb db, ClaimsPrincipal user, StaffMember person) =>
        person.Id == user.StaffId() || user.Can(Capability.PlanTraining)
        || (user.Can(Capability.SeeDepartment) && person.Department != ""
            && await db.Users.AnyAsync(u => u.Id == user.StaffId() && u.Department == person.Department));

    public static async Task<TrainingRecord> RecordAsync(EncoreDb db, VenueNow at, StaffMember person)
    {
        var roles = await db.RolesOfAsync(person.Id);
        var courses = await db.Set<TrainingCourse>().Where(c => c.VenueId == at.VenueId).ToListAsync();
        var marks = await MarksAsync(db, at, null, person.Id, (course, _) => course);
        var list = new List<RecordCourse>();
        foreach (var c in courses.OrderBy(c => c.StartsAt))
        {
            var inAudience = TrainingPolicy.InAudience(Audience(c), person.UserName!, roles);
            bool? present = marks.Present.TryGetValue(c.Id, out var p) ? p : null;
            if (!inAudience && present is null) continue;
            var attempts = marks.Attempts[c.Id].ToList();
            list.Add(new RecordCourse(c.Id, c.Title, at.Local(c.StartsAt), Status(at, c), inAudience, present, attempts,
                TrainingPolicy.Best(attempts.Select(a => a.Score)), c.PassMark, TrainingPolicy.PassedAny(attempts.Select(a => a.Score), c.PassMark), c.DiscountAuthority));
        }
        var passedAuthority = await TrainingGate.PassedAuthorityCourseAsync(db, at.VenueId, person.Id);
        return new TrainingRecord(person.UserName!, person.Name, person.Department, list, list.Count(c => c.Present == true), list.Count(c => c.Passed),
            passedAuthority, TrainingPolicy.Gated(at.Rules.Training.AuthorityNeedsCourse, roles, passedAuthority));
    }
}
