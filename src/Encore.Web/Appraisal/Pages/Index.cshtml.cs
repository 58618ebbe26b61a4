using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Appraisals.Pages;

/// <summary>
/// The appraisal page (/appraisal), made for a phone: the person's own appraisals (self-assessment, the result and its
/// timeline, the appeal within its window with a countdown); what waits on the caller (the supervisor's scores, the
/// review, publication, the appeal decision); starting an appraisal; and the GM's template editor (items, weights with
/// a live sum, scales). appraisal.js reads and writes through the API, which decides everything.
/// </summary>
[Requires(Capability.OpenAppraisals)]
public sealed class AppraisalModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool Appraised => caller.Can(Capability.BeAppraised);
    public bool Appraises => caller.Can(Capability.Appraise);
    public bool EditsTemplates => caller.Can(Capability.EditAppraisalTemplates);

    public async Task OnGetAsync() => Live = await LivePage.LoadAsync(db, caller, "appraisal.", "field.");
}
