using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Discipline.Pages;

/// <summary>
/// Fines of SPEC.md "Violations and fines": everyone sees their own violations of a month and appeals a proposed or
/// confirmed one (obey first, appeal after); department heads see their department's; floor managers and the GM see
/// all of them, confirm proposed ones within the type's range, decide appeals, and raise a violation from the
/// catalogue with an evidence photo. fines.js does it through /api/violations and /api/violation-types.
/// </summary>
public sealed class FinesModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public bool IsIssuer => caller.Can(Capability.Discipline);
    public bool IsDepartmentHead => !IsIssuer && caller.Can(Capability.SeeDepartment);
    public string Month => Months.Opening;
    public MonthSwitch Months { get; private set; } = null!;
    /// <summary>The shared split in percent (floor manager, department head, the person), as the house rules set it.</summary>
    public (int Floor, int Head, int Offender) Shares { get; private set; }

    public async Task OnGetAsync()
    {
        Live = await LivePage.LoadAsync(db, caller, "fines.");
        Months = MonthSwitch.For(Live.BusinessDay);
        var fines = (await caller.NowAsync()).Rules.Fines;
        Shares = ((int)Math.Round(fines.FloorManagerShare * 100), (int)Math.Round(fines.DepartmentHeadShare * 100), (int)Math.Round(fines.OffenderShare * 100));
    }
}
