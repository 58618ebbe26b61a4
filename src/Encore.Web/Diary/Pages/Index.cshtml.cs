using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Diary.Pages;

/// <summary>
/// The work diary (/diary), made for a phone: a customer manager's night pre-filled from what Encore knows, their
/// feedback and events, submit; the nights of the last week with where each stands. A department head, the floor
/// and the GM see their people's diaries of a night, open one and comment. diary.js reads and writes through the API.
/// </summary>
[Requires(Capability.OpenDiaries)]
public sealed class DiaryModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool Keeps => caller.Can(Capability.KeepDiary);
    public bool Reads => caller.Can(Capability.ReadAllDiaries) || caller.Can(Capability.SeeDepartment);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "diary.", "field.", "complaint.category.", "complaint.status.");
}
