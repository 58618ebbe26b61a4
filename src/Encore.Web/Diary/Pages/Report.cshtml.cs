using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Diary.Pages;

/// <summary>
/// A manager's weekly or monthly work report (/diary/report): the period's figures and diary notes, the manager's
/// summary and plan, the head's comments; printable (a signature line for the head on paper). diary-report.js.
/// </summary>
[Requires(Capability.OpenDiaries)]
public sealed class ReportModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool Keeps => caller.Can(Capability.KeepDiary);
    public bool Reads => caller.Can(Capability.ReadAllDiaries) || caller.Can(Capability.SeeDepartment);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "diary.", "field.");
}
