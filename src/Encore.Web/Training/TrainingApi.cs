using Encore.Web.Staff;

namespace Encore.Web.Training;

public sealed record CourseInput(string? Title, string? Content, string? Method, string? StartsAt, int? DurationMinutes, string? Location,
    string? TrainerBadge, List<string?>? Audience, int? PassMark, bool? DiscountAuthority);

public sealed record AttendanceInput(string? Badge, bool? Present);

public sealed record ScoreInput(string? Badge, int? Score);

/// <summary>One attempt at a course's test.</summary>
public sealed record TrainingAttempt(int Attempt, int Score, bool Passed, DateTimeOffset At);

/// <summary>One person of a course's audience (or marked at it): present (null: not marked yet), the attempts, the best, passed.</summary>
public sealed record CourseTrainee(string Badge, string Name, string Department, bool? Present, List<TrainingAttempt> Attempts, int? Best, bool Passed);

/// <summary>planned (not started) · held (started) · cancelled.</summary>
public sealed record CourseSummary(Guid Id, string Title, string Method, DateTimeOffset StartsAt, int DurationMinutes, string Location,
    string TrainerBadge, string TrainerName, List<string> Audience, int PassMark, bool DiscountAuthority, string Status, int Expected, int Present, int PassedCount);

/// <summary>
/// A course; <c>trainees</c> lists the whole audience to the planners and the trainer (<c>canRun</c>), to anyone else
/// only their own row.
/// </summary>
public sealed record CourseView(Guid Id, string Title, string Content, string Method, DateTimeOffset StartsAt, int DurationMinutes, string Location,
    string TrainerBadge, string TrainerName, List<string> Audience, int PassMark, bool DiscountAuthority, string Status,
    DateTimeOffset? CancelledAt, List<CourseTrainee> Trainees, bool CanRun, bool CanEdit);

/// <summary>One course on a person's record.</summary>
public sealed record RecordCourse(Guid CourseId, string Title, DateTimeOffset StartsAt, string Status, bool InAudience, bool? Present,
    List<TrainingAttempt> Attempts, int? Best, int PassMark, bool Passed, bool DiscountAuthority);

/// <summary>
/// GET /api/training/records/{badge}: each course of the person's, and whether the discount-authority prerequisite
/// (house rule training.authorityNeedsCourse) takes their authority away now.
/// </summary>
public sealed record TrainingRecord(string Badge, string Name, string Department, List<RecordCourse> Courses, int Attended, int PassedCount,
    bool PassedAuthorityCourse, bool AuthorityGated);

/// <summary>
/// API.md "Appraisal (考核), rankings, training (培训)": the annual plan of courses (the floor and the GM plan), attendance
/// and test scores (the course's trainer or a planner enters them, after the course has started, for its audience only),
/// each person's record, and a course's effect on the trained group's figures (<see cref="TrainingEffect"/>).
/// </summary>
public static class TrainingApi
{
    public const int TitleMax = 200;
    public const int ContentMax = 4000;
    public const int MethodMax = 100;
    public const int LocationMax = 100;
    public const int AudienceMax = 50;
    public const int DefaultDurationMinutes = 60;

    public static void MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/training").WithTags("Training").RequireAuthorization();
        group.MapPost("/courses", CreateAsync).Requires(Capability.PlanTraining).Answers<CourseView>(StatusCodes.Status201Created).WithName("CreateTrainingCourse");
        group.MapGet("/courses", ListAsync).Answers<List<CourseSummary>>().WithName("ListTrainingCourses");
        group.MapGet("/courses/{id:guid}", GetAsync).Answers<CourseView>().WithName("GetTrainingCourse");
        group.MapPut("/courses/{id:guid}", EditAsync).Requires(Capability.PlanTraining).Answers<CourseView>().WithName("EditTrainingCourse");
        group.MapPost("/courses/{id:guid}/cancel", CancelAsync).Requires(Capability.PlanTraining).Answers<CourseView>().WithName("CancelTrainingCourse");
        group.MapPost("/courses/{id:guid}/attendance", AttendanceAsync).Answers<CourseView>().WithName("MarkTrainingAttendance");
        group.MapPost("/courses/{id:guid}/scores", ScoreAsync).Answers<CourseView>().WithName("EnterTrainingScore");
        group.MapGet("/courses/{id:guid}/effect", EffectAsync).Requires(Capability.PlanTraining).Answers<CourseEffect>().WithName("GetTrainingEffect");
        group.MapGet("/records/{badge}", RecordAsync).Answers<TrainingRecord>().WithName("GetTrainingRecord");
    }

    private sealed record Checked(string Title, string Content, string Method, DateTimeOffset StartsAt, int Duration, string Location, Guid Trainer,
        List<string> Audience, int PassMark, bool DiscountAuthority);

    /// <summary>Every field of a course, every problem at once, naming each field.</summary>
    private static async Task<(Checked? Course, IResult? Refused)> CheckAsync(CourseInput input, EncoreDb db, VenueNow at)
    {
        var v = new Validator().Text("title", input.Title, TitleMax).Text("content", input.Content, ContentMax, required: false)
            .Text("method", input.Method, MethodMax, required: false).Text("location", input.Location, LocationMax, required: false)
            .Range("durationMinutes", input.DurationMinutes, 1, 24 * 60, required: false)
            .Range("passMark", input.PassMark, TrainingPolicy.MinPassMark, TrainingPolicy.MaxPassMark)
            .Text("trainerBadge", input.TrainerBadge, 32);
        var startsAt = at.ParseInstant(v, "startsAt", input.StartsAt);
        // A plan is for what is to come: a course that already started is recorded by marking it, not by planning it.
        if (startsAt is { } s && s < at.Now) v.Add("startsAt", "notInPast");
        Guid trainer = default;
        if (v.Problems.All(p => p.Field != "trainerBadge"))
        {
            if (await db.StaffIdAsync(at.VenueId, input.TrainerBadge, activeOnly: true) is { } id) trainer = id;
            else v.Add("trainerBadge", "unknown");
        }
        var audience = new List<string>();
        if (input.Audience is null || input.Audience.Count == 0) v.Add("audience", "required");
        else if (input.Audience.Count > AudienceMax) v.Add("audience", "maxItems", AudienceMax);
        else
        {
            for (var i = 0; i < input.Audience.Count; i++)
            {
                var entry = input.Audience[i]?.Trim();
                var field = $"audience[{i}]";
                if (string.IsNullOrEmpty(entry)) { v.Add(field, "required"); continue; }
                if (entry.Length > 40) { v.Add(field, "maxLength", 40); continue; }
                if (TrainingPolicy.IsRoleEntry(entry))
                {
                    if (!TrainingPolicy.KnownRoleEntry(entry)) { v.Add(field, "oneOf", string.Join("|", Roles.All.Select(r => TrainingPolicy.RolePrefix + r))); continue; }
                }
                else if (await db.StaffIdAsync(at.VenueId, entry, activeOnly: true) is null) { v.Add(field, "unknown"); continue; }
                else entry = await db.Users.Where(u => u.VenueId == at.VenueId && u.NormalizedUserName == StaffDirectory.Normalize(entry)).Select(u => u.UserName!).SingleAsync();
                if (!audience.Contains(entry, StringComparer.OrdinalIgnoreCase)) audience.Add(entry);
            }
        }
        if (!v.Ok) return (null, v.ToResult());
        return (new Checked(input.Title!.Trim(), input.Content?.Trim() ?? "", input.Method?.Trim() ?? "", startsAt!.Value, input.DurationMinutes ?? DefaultDurationMinutes,
            input.Location?.Trim() ?? "", trainer, audience, input.PassMark!.Value, input.DiscountAuthority ?? false), null);
    }

    private static void Apply(TrainingCourse course, Checked c)
    {
        course.Title = c.Title;
        course.Content = c.Content;
        course.Method = c.Method;
        course.StartsAt = c.StartsAt;
        course.DurationMinutes = c.Duration;
        course.Location = c.Location;
        course.TrainerId = c.Trainer;
        course.AudienceJson = JsonSerializer.Serialize(c.Audience);
        course.PassMark = c.PassMark;
        course.DiscountAuthority = c.DiscountAuthority;
    }

    private static async Task<IResult> CreateAsync(CourseInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var (c, refused) = await CheckAsync(input, db, at);
        if (refused is not null) return refused;
        AuditScope.Name(http, "training.course.create");
        var course = new TrainingCourse { VenueId = at.VenueId, Title = c!.Title, CreatedById = http.User.StaffId(), CreatedAt = at.Now };
        Apply(course, c);
        db.Set<TrainingCourse>().Add(course);
        await db.SaveChangesAsync();
        return Results.Created($"/api/training/courses/{course.Id}", await TrainingQueries.ViewAsync(db, at, course, http.User));
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? year)
    {
        var at = await http.Caller().NowAsync();
        var y = at.Local(at.Now).Year;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y)) return Problems.Validation("year", "format", "2026");
            if (y < Ranges.FirstDay.Year || y > Ranges.LastDay.Year) return Problems.Validation("year", "range", Ranges.FirstDay.Year, Ranges.LastDay.Year);
        }
        return Results.Ok(await TrainingQueries.PlanAsync(db, at, y));
    }

    private static Task<TrainingCourse?> FindAsync(EncoreDb db, Guid venue, Guid id) =>
        db.Set<TrainingCourse>().SingleOrDefaultAsync(c => c.Id == id && c.VenueId == venue);

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var course = await FindAsync(db, at.VenueId, id);
        if (course is null) return Problems.Rule(404, "training.notFound");
        return Results.Ok(await TrainingQueries.ViewAsync(db, at, course, http.User));
    }

    /// <summary>The whole course again, before it starts (a started course is a record: 409); not once cancelled.</summary>
    private static async Task<IResult> EditAsync(Guid id, CourseInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var (c, refused) = await CheckAsync(input, db, at);
        if (refused is not null) return refused;
        var course = await FindAsync(db, at.VenueId, id);
        if (course is null) return Problems.Rule(404, "training.notFound");
        if (course.CancelledAt is not null) return Problems.Rule(409, "training.cancelled");
        if (TrainingQueries.Started(at, course)) return Problems.Rule(409, "training.started", at.Local(course.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "training.course.edit");
        Apply(course, c!);
        course.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await TrainingQueries.ViewAsync(db, at, course, http.User));
    }

    private static async Task<IResult> CancelAsync(Guid id, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var course = await FindAsync(db, at.VenueId, id);
        if (course is null) return Problems.Rule(404, "training.notFound");
        if (course.CancelledAt is not null) return Problems.Rule(409, "training.cancelled");
        if (TrainingQueries.Started(at, course)) return Problems.Rule(409, "training.started", at.Local(course.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "training.course.cancel");
        course.CancelledAt = at.Now;
        course.CancelledById = http.User.StaffId();
        course.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await TrainingQueries.ViewAsync(db, at, course, http.User));
    }

    /// <summary>
    /// The course to mark, or why not: 404, 403 (neither its trainer nor a planner), 409 (cancelled, not started yet on the
    /// venue's clock), and the person: 400 naming <c>badge</c> when unknown or not of the audience. Outsiders are not added:
    /// the audience is the plan, fixed once the course starts (PUT is refused then); someone who should have been in it
    /// takes a later session of the course.
    /// </summary>
    private static async Task<(TrainingCourse? Course, Guid Person, IResult? Refused)> MarkableAsync(Guid id, string? badge, Validator v, HttpContext http, EncoreDb db, VenueNow at)
    {
        v.Text("badge", badge, 32);
        Guid person = default;
        if (v.Problems.All(p => p.Field != "badge"))
        {
            if (await db.StaffIdAsync(at.VenueId, badge) is { } found) person = found;
            else v.Add("badge", "unknown");
        }
        if (!v.Ok) return (null, default, v.ToResult());
        var course = await FindAsync(db, at.VenueId, id);
        if (course is null) return (null, default, Problems.Rule(404, "training.notFound"));
        if (!TrainingQueries.MayRun(course, http.User)) return (null, default, Problems.Rule(403, "training.notTrainer"));
        if (course.CancelledAt is not null) return (null, default, Problems.Rule(409, "training.cancelled"));
        if (!TrainingQueries.Started(at, course))
            return (null, default, Problems.Rule(409, "training.notStarted", at.Local(course.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        var roles = await db.RolesOfAsync(person);
        var personBadge = await db.Users.Where(u => u.Id == person).Select(u => u.UserName!).SingleAsync();
        if (!TrainingPolicy.InAudience(TrainingQueries.Audience(course), personBadge, roles)) return (null, default, Problems.Validation("badge", "notInAudience"));
        return (course, person, null);
    }

    private static async Task<IResult> AttendanceAsync(Guid id, AttendanceInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        if (input.Present is null) v.Add("present", "required");
        var (course, person, refused) = await MarkableAsync(id, input.Badge, v, http, db, at);
        if (refused is not null) return refused;
        var row = await db.Set<TrainingAttendance>().SingleOrDefaultAsync(a => a.CourseId == id && a.StaffId == person);
        // Absent after a score was entered would leave a score without attendance.
        if (input.Present == false && await db.Set<TrainingScore>().AnyAsync(s => s.CourseId == id && s.StaffId == person))
            return Problems.Rule(409, "training.hasScores");
        AuditScope.Name(http, "training.attendance");
        if (row is null)
            db.Set<TrainingAttendance>().Add(row = new TrainingAttendance { VenueId = at.VenueId, CourseId = id, StaffId = person });
        row.Present = input.Present!.Value;
        row.MarkedById = http.User.StaffId();
        row.MarkedAt = at.Now;
        await db.SaveChangesAsync();
        return Results.Ok(await TrainingQueries.ViewAsync(db, at, course!, http.User));
    }

    /// <summary>A test score, 0–100, for someone marked present: each entry is a new attempt (a retake); the best counts.</summary>
    private static async Task<IResult> ScoreAsync(Guid id, ScoreInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Range("score", input.Score, 0, 100);
        var (course, person, refused) = await MarkableAsync(id, input.Badge, v, http, db, at);
        if (refused is not null) return refused;
        if (!await db.Set<TrainingAttendance>().AnyAsync(a => a.CourseId == id && a.StaffId == person && a.Present))
            return Problems.Rule(409, "training.notPresent");
        var attempts = await db.Set<TrainingScore>().CountAsync(s => s.CourseId == id && s.StaffId == person);
        AuditScope.Name(http, "training.score");
        db.Set<TrainingScore>().Add(new TrainingScore
        {
            VenueId = at.VenueId, CourseId = id, StaffId = person, Attempt = attempts + 1, Score = input.Score!.Value,
            Passed = TrainingPolicy.Passed(input.Score.Value, course!.PassMark), ById = http.User.StaffId(), At = at.Now,
        });
        await db.SaveChangesAsync();
        return Results.Ok(await TrainingQueries.ViewAsync(db, at, course!, http.User));
    }

    private static async Task<IResult> EffectAsync(Guid id, HttpContext http, EncoreDb db, TrainingEffect effect)
    {
        var at = await http.Caller().NowAsync();
        var course = await FindAsync(db, at.VenueId, id);
        if (course is null) return Problems.Rule(404, "training.notFound");
        if (course.CancelledAt is not null) return Problems.Rule(409, "training.cancelled");
        if (!TrainingQueries.Started(at, course))
            return Problems.Rule(409, "training.notStarted", at.Local(course.StartsAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return Results.Ok(await effect.OfAsync(db, at, course));
    }

    /// <summary>The person's record: theirs, their department head's, the floor's and the GM's to read (403 otherwise).</summary>
    private static async Task<IResult> RecordAsync(string badge, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        if (badge.Length > 32) return Problems.Validation("badge", "maxLength", 32);
        var normalized = StaffDirectory.Normalize(badge);
        var person = await db.Users.Where(u => u.VenueId == at.VenueId && u.NormalizedUserName == normalized).SingleOrDefaultAsync();
        if (person is null) return Problems.Rule(404, "staff.notFound", badge);
        if (!await TrainingQueries.MayReadRecordAsync(db, http.User, person)) return Problems.Rule(403, "training.recordNotYours");
        return Results.Ok(await TrainingQueries.RecordAsync(db, at, person));
    }
}
