using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Rooms.Pages;

public sealed class RoomsIndexModel(EncoreDb db, TimeProvider clock, Texts texts, Caller caller) : PageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public RoomType? Type { get; set; }
    [BindProperty] public int? Capacity { get; set; }
    [BindProperty] public decimal? MinimumSpend { get; set; }
    [BindProperty] public string? Area { get; set; }

    public IReadOnlyList<RoomView> Rooms { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public bool CanCreate => caller.Can(Capability.ManageRooms);

    public async Task OnGetAsync() => Rooms = await RoomsApi.ListAsync(db, caller);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanCreate) return Forbid();
        var result = await RoomsApi.CreateAsync(HttpContext, db, clock, new RoomInput(Number, Type, Capacity, MinimumSpend, Area));
        if (result.Room is not null) return RedirectToPage();
        Errors.AddRange(result.Problems?.Select(Problems.Message) ?? [texts["room.numberTaken", Number]]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Rooms = await RoomsApi.ListAsync(db, caller);
        return Page();
    }
}
