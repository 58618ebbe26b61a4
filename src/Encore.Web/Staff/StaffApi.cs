namespace Encore.Web.Staff;

public static class StaffApi
{
    public sealed record PasswordInput(string? Password);

    public static void AddStaff(this IServiceCollection services) => services.AddScoped<StaffCommands>();

    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization();
        var gm = group.MapGroup("").Requires(Capability.ManageStaff);

        group.MapGet("/", async (HttpContext http, StaffCommands staff) => Results.Ok(await staff.ListAsync(http.User.VenueId())))
            .Answers<IReadOnlyList<StaffView>>().WithName("ListStaff");

        group.MapGet("/{badge}", async (string badge, HttpContext http, StaffCommands staff) =>
                await staff.ViewAsync(http.User.VenueId(), badge) is { } view
                    ? Results.Ok(view)
                    : Problems.Rule(404, "staff.notFound", badge))
            .Answers<StaffView>().WithName("GetStaff");

        gm.MapPost("/", async (StaffInput body, HttpContext http, StaffCommands staff) =>
            {
                var result = await staff.CreateAsync(http, body);
                return result.Ok ? Results.Created($"/api/staff/{result.Staff!.Badge}", result.Staff) : result.ToProblem();
            })
            .Answers<StaffView>(StatusCodes.Status201Created).WithName("CreateStaff");

        gm.MapPut("/{badge}", async (string badge, StaffInput body, HttpContext http, StaffCommands staff) =>
                Answer(await staff.UpdateAsync(http, badge, body)))
            .Answers<StaffView>().WithName("UpdateStaff");

        gm.MapPost("/{badge}/password", async (string badge, PasswordInput body, HttpContext http, StaffCommands staff) =>
                Answer(await staff.ResetPasswordAsync(http, badge, body.Password)))
            .Answers<StaffView>().WithName("ResetStaffPassword");

        gm.MapPost("/{badge}/disable", async (string badge, HttpContext http, StaffCommands staff) =>
                Answer(await staff.SetActiveAsync(http, badge, active: false)))
            .Answers<StaffView>().WithName("DisableStaff");

        gm.MapPost("/{badge}/enable", async (string badge, HttpContext http, StaffCommands staff) =>
                Answer(await staff.SetActiveAsync(http, badge, active: true)))
            .Answers<StaffView>().WithName("EnableStaff");

        group.MapPost("/{badge}/unlock", async (string badge, HttpContext http, StaffCommands staff) =>
                Answer(await staff.UnlockAsync(http, badge)))
            .Requires(Capability.UnlockLogins)
            .Answers<StaffView>().WithName("UnlockStaffLogin")
            .WithSummary("Lifts the account's login delay (after failed tries) at once; audited as staff.unlock.");
    }

    private static IResult Answer(StaffResult result) => result.Ok ? Results.Ok(result.Staff) : result.ToProblem();
}
