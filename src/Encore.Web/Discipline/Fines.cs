using Encore.Web.Staff;
namespace Encore.Web.Discipline;

/// <summary>
/// Raises a violation as the charges it brings (SPEC.md "Violations and fines"): the offender's, the shared
/// 40/30/30 split with the floor manager responsible for the offender's department (the GM's assignment, not
/// whoever raised it) and that department's head when the floor manager did not catch it, and a promoter's
/// violation also charged to their manager. The caller saves, inside its own transaction.
/// </summary>
public static class Fines
{
    public sealed record Incident(Guid VenueId, Guid OffenderId, string Type, decimal Fine, DateOnly BusinessDay, DateTimeOffset At,
        string Evidence, Guid? RaisedById, ViolationStatus Status = ViolationStatus.Proposed, bool Shared = false, bool FoundByFloorManager = false,
        Guid? BookingId = null, decimal? Tip = null, bool Dismissal = false, string Reason = "", string? EvidencePhones = null)
    {
        /// <summary>
        /// An incident the system raises: its evidence is kept as a message to be read in each reader's language (and
        /// with the phones each may see), stored in Chinese with phones masked for whatever reads the column itself.
        /// </summary>
        public static Incident BySystem(Guid venueId, Guid offenderId, string type, decimal fine, DateOnly businessDay, DateTimeOffset at,
            Customers.PhoneText evidence, Guid? raisedById = null, Guid? bookingId = null) =>
            new(venueId, offenderId, type, fine, businessDay, at, evidence.Masked, raisedById, BookingId: bookingId, EvidencePhones: evidence.Json);
    }

    public static async Task<List<Violation>> RaiseAsync(EncoreDb db, Incident incident, Domain.HouseRules rules)
    {
        var incidentId = Ids.New();
        var charges = new List<Violation>();
        var offender = await db.Users.Where(u => u.Id == incident.OffenderId).Select(u => new { u.Id, u.Department, u.ManagerId }).SingleAsync();

        Violation Charge(Guid staffId, decimal amount, string chargedAs) => new()
        {
            Id = charges.Count == 0 ? incidentId : Ids.New(),
            VenueId = incident.VenueId, StaffId = staffId, Kind = incident.Type, Amount = amount, IncidentFine = incident.Fine,
            BusinessDay = incident.BusinessDay, At = incident.At, RaisedById = incident.RaisedById, BookingId = incident.BookingId,
            Evidence = incident.Evidence, EvidencePhones = incident.EvidencePhones, Status = incident.Status, IncidentId = incidentId, ChargedAs = chargedAs, Tip = incident.Tip,
            // Raised confirmed (by hand): it stands from its own business day (a suspension starts then).
            ConfirmedDay = ViolationTransitions.Stands(incident.Status) ? incident.BusinessDay : null,
            Dismissal = incident.Dismissal, Reason = incident.Reason,
        };

        var shares = FineSchedule.Split(incident.Fine, incident.Shared, incident.FoundByFloorManager, rules.Fines);
        foreach (var share in shares)
        {
            Guid? payer = share.Party switch
            {
                FineSchedule.Party.Offender => offender.Id,
                FineSchedule.Party.FloorManager => await Departments.FloorManagerOfAsync(db, incident.VenueId, offender.Department),
                _ => await DepartmentHeadAsync(db, incident.VenueId, offender.Department),
            };
            // Nobody in that post: the offender carries that part too (the fine is never lost).
            var target = payer ?? offender.Id;
            var existing = charges.FirstOrDefault(c => c.StaffId == target);
            if (existing is not null) existing.Amount += share.Amount;
            else charges.Add(Charge(target, share.Amount, payer is null ? "offender" : Platform.EncoreJson.Camel(share.Party)));
        }
        // A promoter's violation is also charged to their manager (SPEC.md: the manager answers for the promoter).
        if (offender.ManagerId is { } manager && await db.HasRoleAsync(offender.Id, Roles.Promoter))
            charges.Add(Charge(manager, incident.Fine, "promoterManager"));

        db.Violations.AddRange(charges);
        return charges;
    }

    /// <summary>
    /// The fine an incident of <paramref name="type"/> brings, or the problem refusing the input: for a tip-based type
    /// (索要小费) the house-rule multiple of the tip by the person's standing offences of that type, all time (5× → 10× →
    /// dismissal); for any other the given amount (its minimum when none), within the type's range as the house rules set it.
    /// </summary>
    public static async Task<(decimal Fine, bool Dismissal, IResult? Refused)> AmountAsync(EncoreDb db, ViolationType type, Guid offender,
        decimal? fine, decimal? tip, string fineField, Domain.HouseRules rules)
    {
        if (type.TipBased)
        {
            var v = new Validator().Range("tip", tip, 0.01m, Ranges.TipMax);
            if (!v.Ok) return (0, false, v.ToResult());
            // The nth offence of this kind counts the ones that stood (not overturned), all time.
            var before = await db.Violations.CountAsync(x => x.StaffId == offender && x.Kind == type.Code && x.ChargedAs == "offender"
                                                              && x.Status != ViolationStatus.Overturned && x.Status != ViolationStatus.Dismissed);
            var tipFine = FineSchedule.TipFine(tip!.Value, before + 1, rules.Fines);
            return (tipFine ?? 0, tipFine is null, null);
        }
        var (min, max) = ViolationCatalogue.EffectiveRange(type, rules);
        var amount = fine ?? min;
        // A type without a maximum still has the bound of one item (Ranges.ItemMax).
        return FineSchedule.WithinRange(amount, min, max ?? Ranges.ItemMax)
            ? (amount, false, null)
            : (0, false, Problems.Validation(fineField, "range", min, max ?? Ranges.ItemMax));
    }

    private static async Task<Guid?> DepartmentHeadAsync(EncoreDb db, Guid venue, string department) =>
        await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
               where u.VenueId == venue && u.IsActive && r.Name == Roles.DepartmentHead && u.Department == department
               orderby u.UserName select (Guid?)u.Id).FirstOrDefaultAsync();
}
