using Encore.Web.Staff;

namespace Encore.Web.Diary;

public sealed record DiaryInput(string? Feedback, string? Events);
public sealed record DiaryCommentInput(string? Text);
public sealed record DiaryCommentView(string By, string Name, string Text, DateTimeOffset At);

/// <summary>API.md "Diary": one manager's diary of one business day, pre-filled from the night's data.</summary>
public sealed record DiaryView(DateOnly BusinessDay, string Badge, string Name, string Department,
    List<BookedCustomer> BookedCustomers, List<GivenComp> Comps, List<NewCustomer> NewCustomers,
    List<DiaryReturnVisit> ReturnVisits, List<DiaryComplaint> Complaints, decimal Spend, int Rooms,
    string Feedback, string Events, bool Submitted, DateTimeOffset? SubmittedAt, DateTimeOffset DueAt,
    bool SubmittedLate, bool Overdue, bool OnDuty, bool Mine, List<DiaryCommentView> Comments);

/// <summary>A line of the diaries list: whose, which night, and where it stands.</summary>
public sealed record DiarySummary(string Badge, string Name, string Department, DateOnly BusinessDay, bool OnDuty,
    bool Submitted, DateTimeOffset? SubmittedAt, bool SubmittedLate, bool Overdue, int Comments);

/// <summary>
/// API.md "Diary (工作日记)". A customer manager reads and writes their own diary of a business day (the night
/// pre-filled from its bookings, bills, comps, new customer files, return visits and complaints), adds customers'
/// feedback and special events and submits it; a submitted diary is frozen with what it was pre-filled with then.
/// Their department head reads and comments on their department's diaries, the floor and the GM on anyone's.
/// A diary may be submitted during the night too (a manager who leaves early with leave writes it before going);
/// one submitted after its due time (<see cref="DiaryPolicy.DueAt"/>) is kept but counts as empty for the
/// <c>emptyDiary</c> rule (DiarySweeper), so a late diary cannot undo a run already owed a fine.
/// </summary>
public static class DiaryApi
{
    public static void MapDiaryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/diary").WithTags("Diary").RequireAuthorization().Requires(Capability.OpenDiaries);
        group.MapGet("/", ListAsync).Answers<List<DiarySummary>>().WithName("ListDiaries");
        group.MapGet("/{businessDay}", GetAsync).Answers<DiaryView>().WithName("GetDiary");
        group.MapPut("/{businessDay}", SaveAsync).Requires(Capability.KeepDiary).Answers<DiaryView>().WithName("SaveDiary");
        group.MapPost("/{businessDay}/submit", SubmitAsync).Requires(Capability.KeepDiary).Answers<DiaryView>().WithName("SubmitDiary");
        group.MapPost("/{businessDay}/comments", CommentAsync).Answers<DiaryView>(StatusCodes.Status201Created).WithName("CommentDiary");
    }

    /// <summary>
    /// The nights of the diaries list: <paramref name="from"/>–<paramref name="to"/> (default the last seven nights
    /// to tonight), at most 31; for the caller, their department (a head) or everyone (the floor, the GM), or one badge.
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? from, string? to, string? badge)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var last = v.Day("to", to, at.Today);
        var first = v.Day("from", from, (last ?? at.Today).AddDays(-6));
        if (first is { } f && last is { } l)
        {
            if (f > l) v.Add("from", "order", "to");
            else if (l.DayNumber - f.DayNumber > 30) v.Add("to", "range", Ranges.DayText(f), Ranges.DayText(f.AddDays(30)));
        }
        if (!v.Ok) return v.ToResult();
        var keepers = await DiaryReaders.KeepersInSightAsync(http, db, at.VenueId, badge);
        if (keepers.Problem is { } refused) return refused;
        var ids = keepers.People.Select(p => p.Id).ToList();
        var entries = await db.DiaryEntries.Where(e => ids.Contains(e.StaffId) && e.BusinessDay >= first && e.BusinessDay <= last)
            .Select(e => new { e.Id, e.StaffId, e.BusinessDay, e.SubmittedAt }).ToListAsync();
        var entryIds = entries.Select(e => e.Id).ToList();
        var comments = (await db.DiaryComments.Where(c => c.DiaryEntryId != null && entryIds.Contains(c.DiaryEntryId.Value)).Select(c => c.DiaryEntryId!.Value).ToListAsync())
            .CountBy(id => id).ToDictionary();
        var onDuty = (await db.AttendanceDays.Where(d => ids.Contains(d.StaffId) && d.BusinessDay >= first && d.BusinessDay <= last && d.SignedInAt != null)
            .Select(d => new { d.StaffId, d.BusinessDay }).ToListAsync()).Select(d => (d.StaffId, d.BusinessDay)).ToHashSet();
        var byKey = entries.ToDictionary(e => (e.StaffId, e.BusinessDay));
        var rows = new List<DiarySummary>();
        for (var day = last!.Value; day >= first!.Value; day = day.AddDays(-1))
        {
            foreach (var p in keepers.People)
            {
                var entry = byKey.GetValueOrDefault((p.Id, day));
                var duty = onDuty.Contains((p.Id, day));
                rows.Add(new DiarySummary(p.Badge, p.Name, p.Department, day, duty, entry?.SubmittedAt is not null, at.Local(entry?.SubmittedAt),
                    DiaryPolicy.SubmittedLate(day, entry?.SubmittedAt, at.Rules), DiaryPolicy.Overdue(day, duty, entry?.SubmittedAt, at.Now, at.Rules), entry is null ? 0 : comments.GetValueOrDefault(entry.Id)));
            }
        }
        return Results.Ok(rows);
    }

    private static async Task<IResult> GetAsync(string businessDay, HttpContext http, EncoreDb db, string? badge)
    {
        var at = await http.Caller().NowAsync();
        if (ParseNight(at, businessDay, out var day) is { } bad) return bad;
        var who = await DiaryReaders.SubjectAsync(http, db, at.VenueId, badge);
        if (who.Problem is { } refused) return refused;
        return Results.Ok(await ViewAsync(db, http, at, who.Person!, day));
    }

    private static async Task<IResult> SaveAsync(string businessDay, DiaryInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        if (ParseNight(at, businessDay, out var day) is { } bad) return bad;
        var v = new Validator().Text("feedback", input.Feedback, DiaryLimits.Text, required: false).Text("events", input.Events, DiaryLimits.Text, required: false);
        // Either may be cleared with "", but a body that names neither says nothing to save (and is refused by name).
        if (input.Feedback is null && input.Events is null) v.Add("feedback", "requiredEither", "events");
        if (!v.Ok) return v.ToResult();
        var me = await DiaryReaders.SubjectAsync(http, db, at.VenueId, null);
        if (me.Problem is { } refused) return refused;
        var entry = await RowAsync(db, at, me.Person!.Id, day);
        if (entry.SubmittedAt is { } submitted) return Problems.Rule(409, "diary.submitted", at.Local(submitted).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "diary.save");
        // A field left out keeps what was written: the phone saves each box on its own.
        if (input.Feedback is not null) entry.Feedback = input.Feedback.Trim();
        if (input.Events is not null) entry.Events = input.Events.Trim();
        entry.UpdatedAt = at.Now;
        entry.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, at, me.Person, day));
    }

    private static async Task<IResult> SubmitAsync(string businessDay, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        if (ParseNight(at, businessDay, out var day) is { } bad) return bad;
        var me = await DiaryReaders.SubjectAsync(http, db, at.VenueId, null);
        if (me.Problem is { } refused) return refused;
        var entry = await RowAsync(db, at, me.Person!.Id, day);
        if (entry.SubmittedAt is { } submitted) return Problems.Rule(409, "diary.submitted", at.Local(submitted).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        AuditScope.Name(http, "diary.submit");
        // Frozen with the night as Encore knows it at this moment: a bill corrected tomorrow does not rewrite it.
        entry.Snapshot = JsonSerializer.Serialize(await DiaryFacts.GatherAsync(db, at, me.Person.Id, day), EncoreJson.Options);
        entry.SubmittedAt = at.Now;
        entry.UpdatedAt = at.Now;
        entry.Version++;
        await db.SaveChangesAsync();
        return Results.Ok(await ViewAsync(db, http, at, me.Person, day));
    }

    private static async Task<IResult> CommentAsync(string businessDay, DiaryCommentInput input, HttpContext http, EncoreDb db, string? badge)
    {
        var at = await http.Caller().NowAsync();
        if (ParseNight(at, businessDay, out var day) is { } bad) return bad;
        var v = new Validator().Text("text", input.Text, DiaryLimits.Comment);
        if (string.IsNullOrWhiteSpace(badge)) v.Add("badge", "required");
        if (!v.Ok) return v.ToResult();
        var who = await DiaryReaders.SubjectAsync(http, db, at.VenueId, badge, commenting: true);
        if (who.Problem is { } refused) return refused;
        AuditScope.Name(http, "diary.comment");
        var entry = await RowAsync(db, at, who.Person!.Id, day);
        db.DiaryComments.Add(new DiaryComment { VenueId = at.VenueId, DiaryEntryId = entry.Id, AuthorId = http.User.StaffId(), Text = input.Text!.Trim(), At = at.Now });
        await db.SaveChangesAsync();
        return Results.Created($"/api/diary/{Ranges.DayText(day)}?badge={Uri.EscapeDataString(who.Person.Badge)}", await ViewAsync(db, http, at, who.Person, day));
    }

    /// <summary>A night up to tonight: a diary of a night not begun yet has nothing to say.</summary>
    private static IResult? ParseNight(VenueNow at, string text, out DateOnly day)
    {
        if (Ranges.ParseDay("businessDay", text, out day) is { } refused) return refused;
        return day > at.Today ? Problems.Validation("businessDay", "notInFuture", Ranges.DayText(at.Today)) : null;
    }

    /// <summary>The diary row of a night, added (not yet saved) when nobody wrote in it before.</summary>
    private static async Task<DiaryEntry> RowAsync(EncoreDb db, VenueNow at, Guid staffId, DateOnly day)
    {
        var entry = await db.DiaryEntries.SingleOrDefaultAsync(e => e.StaffId == staffId && e.BusinessDay == day);
        if (entry is not null) return entry;
        entry = new DiaryEntry { VenueId = at.VenueId, StaffId = staffId, BusinessDay = day, UpdatedAt = at.Now };
        db.DiaryEntries.Add(entry);
        return entry;
    }

    public static async Task<DiaryView> ViewAsync(EncoreDb db, HttpContext http, VenueNow at, DiaryReaders.Person person, DateOnly day)
    {
        var entry = await db.DiaryEntries.AsNoTracking().SingleOrDefaultAsync(e => e.StaffId == person.Id && e.BusinessDay == day);
        var facts = entry?.Snapshot is { } frozen
            ? JsonSerializer.Deserialize<DiaryFacts>(frozen, EncoreJson.Options)!
            : await DiaryFacts.GatherAsync(db, at, person.Id, day);
        facts = await facts.ForReaderAsync(db, http.User);
        var comments = entry is null ? [] : await (from c in db.DiaryComments
                                                   join u in db.Users on c.AuthorId equals u.Id
                                                   where c.DiaryEntryId == entry.Id
                                                   orderby c.At
                                                   select new { u.UserName, u.Name, c.Text, c.At }).ToListAsync();
        var due = DiaryPolicy.DueAt(day, at.Rules);
        var onDuty = await db.AttendanceDays.AnyAsync(d => d.StaffId == person.Id && d.BusinessDay == day && d.SignedInAt != null);
        return new DiaryView(day, person.Badge, person.Name, person.Department, facts.BookedCustomers, facts.Comps, facts.NewCustomers,
            facts.ReturnVisits, facts.Complaints, facts.Spend, facts.Rooms, entry?.Feedback ?? "", entry?.Events ?? "",
            entry?.SubmittedAt is not null, at.Local(entry?.SubmittedAt), at.Local(due), DiaryPolicy.SubmittedLate(day, entry?.SubmittedAt, at.Rules),
            DiaryPolicy.Overdue(day, onDuty, entry?.SubmittedAt, at.Now, at.Rules), onDuty, person.Id == http.User.StaffId(),
            comments.Select(c => new DiaryCommentView(c.UserName!, c.Name, c.Text, at.Local(c.At))).ToList());
    }
}

/// <summary>
/// Whose diaries and work reports a caller may read: their own (a customer manager); their department's (a
/// department head, SPEC.md "commented by the department head"); anyone's (the floor, the GM). Commenting follows
/// reading, but nobody comments on their own.
/// </summary>
public static class DiaryReaders
{
    public sealed record Person(Guid Id, string Badge, string Name, string Department);
    public sealed record Sight(Person? Person, IResult? Problem);
    public sealed record Many(List<Person> People, IResult? Problem);

    private static IQueryable<StaffMember> Keepers(EncoreDb db, Guid venue) =>
        db.Holding(venue, Capability.KeepDiary).Where(u => u.IsActive);

    private static Task<List<Person>> ListAsync(IQueryable<StaffMember> staff) =>
        staff.OrderBy(u => u.UserName).Select(u => new Person(u.Id, u.UserName!, u.Name, u.Department)).ToListAsync();

    /// <summary>The caller (blank or own badge), or the diary keeper the badge names if the caller may read theirs.</summary>
    public static async Task<Sight> SubjectAsync(HttpContext http, EncoreDb db, Guid venue, string? badge, bool commenting = false)
    {
        var user = http.User;
        if (string.IsNullOrWhiteSpace(badge) || StaffDirectory.Normalize(badge) == StaffDirectory.Normalize(user.Badge()))
        {
            if (commenting) return new(null, Problems.Rule(403, "diary.ownComment"));
            if (!user.Can(Capability.KeepDiary)) return new(null, Problems.Rule(403, "diary.notKept"));
            var me = await db.Users.Where(u => u.Id == user.StaffId()).Select(u => new Person(u.Id, u.UserName!, u.Name, u.Department)).SingleAsync();
            return new(me, null);
        }
        var normalized = StaffDirectory.Normalize(badge);
        var person = await db.Users.Where(u => u.VenueId == venue && u.NormalizedUserName == normalized)
            .Select(u => new Person(u.Id, u.UserName!, u.Name, u.Department)).SingleOrDefaultAsync();
        if (person is null) return new(null, Problems.Validation("badge", "unknown"));
        if (!user.Can(Capability.ReadAllDiaries) && !await SameDepartmentAsync(db, user, person.Department))
            return new(null, Problems.Rule(403, "diary.notYours"));
        if (!await Keepers(db, venue).AnyAsync(k => k.Id == person.Id)) return new(null, Problems.Validation("badge", "notAManager", person.Badge));
        return new(person, null);
    }

    /// <summary>The diary keepers a caller follows: one badge (as <see cref="SubjectAsync"/> allows), or all in sight.</summary>
    public static async Task<Many> KeepersInSightAsync(HttpContext http, EncoreDb db, Guid venue, string? badge)
    {
        var user = http.User;
        if (!string.IsNullOrWhiteSpace(badge))
        {
            var one = await SubjectAsync(http, db, venue, badge);
            return new(one.Person is null ? [] : [one.Person], one.Problem);
        }
        if (user.Can(Capability.ReadAllDiaries)) return new(await ListAsync(Keepers(db, venue)), null);
        if (user.Can(Capability.SeeDepartment))
        {
            var mine = await db.Users.Where(u => u.Id == user.StaffId()).Select(u => u.Department).SingleAsync();
            return new(await ListAsync(Keepers(db, venue).Where(k => k.Department == mine && mine != "")), null);
        }
        var self = await SubjectAsync(http, db, venue, null);
        return new(self.Person is null ? [] : [self.Person], self.Problem);
    }

    private static async Task<bool> SameDepartmentAsync(EncoreDb db, ClaimsPrincipal user, string department) =>
        user.Can(Capability.SeeDepartment) && department != "" && await db.Users.AnyAsync(u => u.Id == user.StaffId() && u.Department == department);
}
