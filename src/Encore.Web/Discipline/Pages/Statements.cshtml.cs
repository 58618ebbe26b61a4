using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Discipline.Pages;

/// <summary>
/// A person's monthly statement (SPEC.md "Violations and fines"), ready to print: attendance nights, leave, violations
/// with their appeals and decisions, and the totals. It is the very statement GET /api/statements/{badge} answers
/// (<see cref="StatementsApi.BuildAsync"/>), so the page, the JSON and the CSV download cannot disagree. Everyone sees
/// their own; floor managers and the GM pick anyone, department heads their department.
/// </summary>
public sealed class StatementsModel(EncoreDb db, Caller caller) : PageModel
{
    public sealed record Person(string Badge, string Name, string Department);

    [BindProperty(SupportsGet = true)] public string? Badge { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public Statement? Statement { get; private set; }
    public string? Error { get; private set; }
    public string VenueName { get; private set; } = "";
    public IReadOnlyList<Person> People { get; private set; } = [];
    public MonthSwitch Months { get; private set; } = null!;
    public bool CanPick => caller.Can(Capability.SeeAllStatements) || caller.Can(Capability.SeeDepartment);
    public string CsvHref => Statement is { } s ? $"/api/statements/{Uri.EscapeDataString(s.Badge)}/csv?month={s.Month}" : "";

    public async Task OnGetAsync()
    {
        var venue = User.VenueId();
        VenueName = await db.Venues.Where(v => v.Id == venue).Select(v => v.Name).SingleAsync();
        if (CanPick)
        {
            var everyone = caller.Can(Capability.SeeAllStatements);
            var me = User.StaffId();
            var department = await db.Users.Where(u => u.Id == me).Select(u => u.Department).SingleAsync();
            People = await db.Users.Where(u => u.VenueId == venue && (everyone || u.Department == department || u.Id == me))
                .OrderBy(u => u.UserName).Select(u => new Person(u.UserName!, u.Name, u.Department)).ToListAsync();
        }
        // Without a month asked for, the page opens where MonthSwitch says (the month just ended on the 1st).
        Months = MonthSwitch.For((await caller.NowAsync()).Today);
        if (string.IsNullOrWhiteSpace(Month)) Month = Months.Opening;
        var built = await StatementsApi.BuildAsync(HttpContext, db, string.IsNullOrWhiteSpace(Badge) ? User.Badge() : Badge.Trim(), Month);
        Statement = built.Statement;
        if (built.Problem is ProblemHttpResult problem)
        {
            Error = problem.ProblemDetails.Detail;
            Response.StatusCode = problem.StatusCode;
        }
        Badge = Statement?.Badge ?? Badge ?? User.Badge();
        Month = Statement?.Month ?? Month;
    }

    /// <summary>"personal" of <see cref="LeaveKind.Personal"/>: the API's (and the texts') name of an enum value.</summary>
    public static string ApiName(Enum value) => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Time(DateTimeOffset? instant) => instant?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string Money(decimal amount) => "¥" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);
}
