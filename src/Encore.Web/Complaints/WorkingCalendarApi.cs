namespace Encore.Web.Complaints;

public sealed record CalendarDayInput(bool? Working, string? Note);

public sealed record CalendarDayView(DateOnly Day, bool Working, string Note);

/// <summary>The venue's working calendar over a span: the weekly days off (ISO numbers) and the GM's exceptions in it.</summary>
public sealed record WorkingCalendarView(IReadOnlyList<int> WeeklyDaysOff, DateOnly From, DateOnly To, IReadOnlyList<CalendarDayView> Days);

/// <summary>
/// The working-day calendar complaint deadlines count on (SPEC.md "Complaints": a final answer within N working
/// days). The weekly days off are a house rule; the GM adds the exceptions: public holidays on weekdays, and the
/// make-up working days (调休) on weekends that Chinese holiday arrangements bring.
/// </summary>
public static class WorkingCalendarApi
{
    /// <summary>How far ahead a deadline's count can reach: 60 working days (the rule's bound) and every holiday between them.</summary>
    private const int SpanDays = 400;

    public static async Task<WorkingCalendar> LoadAsync(EncoreDb db, Guid venueId, Domain.HouseRules rules, DateOnly from, CancellationToken ct = default)
    {
        var to = from.AddDays(SpanDays);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.VenueId == venueId && d.Day >= from && d.Day <= to)
            .ToDictionaryAsync(d => d.Day, d => d.Working, ct);
        return new WorkingCalendar(rules.Complaints.WeeklyDaysOff.ToHashSet(), days);
    }

    public static void MapWorkingCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/working-calendar").WithTags("Complaints").RequireAuthorization();
        group.MapGet("/", ListAsync).Answers<WorkingCalendarView>().WithName("GetWorkingCalendar");
        group.MapPut("/{day}", SaveAsync).Requires(Capability.EditCalendar).Answers<CalendarDayView>().WithName("SaveCalendarDay");
        group.MapDelete("/{day}", DeleteAsync).Requires(Capability.EditCalendar).Answers<CalendarDayView>().WithName("DeleteCalendarDay");
    }

    private static async Task<IResult> ListAsync(HttpContext http, EncoreDb db, string? from, string? to)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var first = v.Day("from", from, new DateOnly(at.Today.Year, 1, 1));
        var last = v.Day("to", to, new DateOnly(at.Today.Year, 12, 31));
        if (v.Ok && last < first) v.Add("to", "order", "from");
        if (v.Ok && last!.Value.DayNumber - first!.Value.DayNumber > 731) v.Add("to", "range", Ranges.DayText(first.Value), Ranges.DayText(first.Value.AddDays(731)));
        if (!v.Ok) return v.ToResult();
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.VenueId == at.VenueId && d.Day >= first!.Value && d.Day <= last!.Value)
            .OrderBy(d => d.Day).Select(d => new CalendarDayView(d.Day, d.Working, d.Name)).ToListAsync();
        return Results.Ok(new WorkingCalendarView(at.Rules.Complaints.WeeklyDaysOff, first!.Value, last!.Value, days));
    }

    private static async Task<IResult> SaveAsync(string day, CalendarDayInput input, HttpContext http, EncoreDb db)
    {
        var v = new Validator().Text("note", input.Note, 50, required: false);
        var date = v.Day("day", day);
        if (input.Working is null) v.Add("working", "required");
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        AuditScope.Name(http, "calendar.save");
        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.VenueId == at.VenueId && d.Day == date!.Value);
        if (row is null) db.CalendarDays.Add(row = new CalendarDay { VenueId = at.VenueId, Day = date!.Value });
        row.Working = input.Working!.Value;
        row.Name = input.Note?.Trim() ?? "";
        await db.SaveChangesAsync();
        return Results.Ok(new CalendarDayView(row.Day, row.Working, row.Name));
    }

    private static async Task<IResult> DeleteAsync(string day, HttpContext http, EncoreDb db)
    {
        var v = new Validator();
        var date = v.Day("day", day);
        if (!v.Ok) return v.ToResult();
        var at = await http.Caller().NowAsync();
        var row = await db.CalendarDays.SingleOrDefaultAsync(d => d.VenueId == at.VenueId && d.Day == date!.Value);
        if (row is null) return Problems.Rule(404, "calendar.notFound");
        AuditScope.Name(http, "calendar.delete");
        db.CalendarDays.Remove(row);
        await db.SaveChangesAsync();
        return Results.Ok(new CalendarDayView(row.Day, row.Working, row.Name));
    }
}
