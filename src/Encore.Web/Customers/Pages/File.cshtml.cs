using Encore.Web.Board.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Encore.Web.Customers.Pages;

/// <summary>
/// One customer's file: the file as GET /api/customers/{id} shows it to the caller (the phone masked for anyone but
/// the owner, the floor and the GM), editing and the history for those three, logging a contact for whoever may book
/// the customer, consent to another manager, and for the floor and the GM handover and the exclusive manager.
/// The page only decides which forms to offer; customers.js reads and writes through the API, which decides.
/// </summary>
[Requires(Capability.SeeCustomers)]
public sealed class CustomerFileModel(EncoreDb db, Caller caller) : PageModel
{
    public LivePage Live { get; private set; } = null!;
    public Guid Id { get; private set; }
    public bool SeesFile { get; private set; }
    public bool MayContact { get; private set; }
    public bool MayConsent { get; private set; }
    public bool IsFloor => caller.Can(Capability.ManageAllCustomers);
    /// <summary>The GM may erase a live file at the guest's request (GuestService/CustomerErasure.cs).</summary>
    public bool MayErase { get; private set; }
    public IReadOnlyList<CustomerPages.StaffOption> Managers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.VenueId == User.VenueId());
        if (customer is null) return NotFound();
        Id = id;
        Live = await LivePage.LoadAsync(db, caller, "customers.", "complaint.");
        SeesFile = CustomerRules.SeesPhone(User, customer);
        MayContact = await CustomerRules.MayBookAsync(db, customer, User.StaffId());
        MayConsent = customer.OwnerId == User.StaffId() || IsFloor;
        MayErase = customer.ErasedAt is null && caller.Can(Capability.EraseCustomers);
        if (MayConsent) Managers = await CustomerPages.ManagersAsync(db, User.VenueId(), activeOnly: true);
        return Page();
    }
}
