using Encore.Web.Staff;
using Encore.Web.Approvals;
using Encore.Web.Performance;
using Encore.Web.Bookings;

namespace Encore.Web.Rooms;

public sealed record CompInput(string? Item, decimal? Value);

public sealed record CloseInput(decimal? Spend, decimal? Discount, IReadOnlyList<CompInput>? Comps, Guid? ApprovalId, decimal? RoomCharge, bool? SettleToAccount = null);

/// <summary>The closed bill: its discount (the agreed one when a corporate account's booking was closed without one) and what was charged to the account.</summary>
public sealed record CloseResult(Guid SessionId, string? CreditedBadge, decimal Spend, decimal Discount = 0, decimal? ChargedToAccount = null, Guid? AccountId = null);

/// <summary>
/// POST /api/rooms/{number}/close (host desk or cashier): the bill (room charge within the spend, discount,
/// comps from the venue's catalogue) ends the session and the room goes to cleaning. A discount or comps beyond
/// the credited manager's authority (SPEC.md: the credited manager's counts; the closer's for a walk-in nobody
/// was credited with) is refused with 403 naming the approval needed, unless a granted approval for this
/// session that covers the bill is given as <c>approvalId</c>; it is then used up. A booking made for a corporate
/// account (issue 20) closes with its contract's agreed discount when none is given, within authority up to the agreed
/// rate, and with <c>settleToAccount</c> is charged to the account within the contract's credit (<see cref="Accounts.Charges"/>).
/// </summary>
public static class CloseRoom
{
    public static async Task<IResult> HandleAsync(string number, CloseInput input, HttpContext http, EncoreDb db, Board.BoardNotifier board)
    {
        var v = new Validator()
            .Range("spend", input.Spend, 0, Ranges.BillMax)
            .Range("roomCharge", input.RoomCharge ?? 0, 0, input.Spend ?? 0)
            .Range("discount", input.Discount ?? 0, 0, input.Spend ?? 0);
        foreach (var (field, value) in new[] { ("spend", input.Spend), ("discount", input.Discount), ("roomCharge", input.RoomCharge) })
            if (value is { } d && decimal.Round(d, 2) != d) v.Add(field, "money");
        var comps = input.Comps ?? [];
        ValidateComps(v, comps);
        if (!v.Ok) return v.ToResult();

        var at = await http.Caller().NowAsync();
        var spend = input.Spend!.Value;
        var compsValue = comps.Sum(c => c.Value!.Value);
        AuditScope.Name(http, "room.close");
        RoomSession? session;
        Room? room;
        string? creditedBadge;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            room = await Desk.FindRoomAsync(db, at.VenueId, number);
            if (room is null) return Problems.Rule(404, "room.notFound", number);
            var claim = await Desk.ActiveClaimAsync(db, room.Id);
            session = claim?.SessionId is { } sid ? await db.RoomSessions.SingleAsync(x => x.Id == sid) : null;
            if (claim is null || session is null) return Problems.Rule(409, "room.notOpen", room.Number);
            if (UnknownItem(comps, await CatalogueAsync(db, at.VenueId)) is { } unknown) return Problems.Validation(unknown, "notInCatalogue");

            var terms = await Accounts.Charges.TermsAsync(db, at.VenueId, session);
            var discount = input.Discount ?? (terms.Contract is { } agreed ? Accounts.Charges.AgreedDiscount(spend, agreed.DiscountRate) : 0);
            var authorityHolder = session.CreditedToId ?? http.User.StaffId();
            var roles = await db.RolesOfAsync(authorityHolder);
            // The training prerequisite (house rule training.authorityNeedsCourse) is asked here, in Training/TrainingGate.cs.
            var authority = Accounts.Charges.WithAgreedRate(await Training.TrainingGate.AuthorityOfAsync(db, at, authorityHolder, roles), terms.Contract);
            var excess = Authority.Exceeds(authority, spend, discount, compsValue);
            if (input.ApprovalId is { } approvalId)
            {
                var approval = await db.Approvals.SingleOrDefaultAsync(a => a.Id == approvalId && a.VenueId == at.VenueId);
                if (approval is null || approval.SessionId != session.Id) return Problems.Validation("approvalId", "unknown");
                if (!ApprovalTransitions.CanMove(approval.Status, ApprovalAction.Use)) return Problems.Rule(409, "approval.notGranted");
                var granterRoles = approval.DecidedById is { } granter ? await db.RolesOfAsync(granter) : [];
                if (!Authority.WithinApproval(at.Rules.Authority, granterRoles, approval.ExpectedSpend, approval.Discount, approval.CompsValue, spend, discount, compsValue))
                    return Problems.Rule(403, "approval.billBeyondApproval", approval.Discount, approval.CompsValue);
                approval.Status = ApprovalTransitions.Apply(approval.Status, ApprovalAction.Use);
                approval.Version++;
                session.ApprovalId = approval.Id;
            }
            else if (excess.Discount)
                return Problems.Rule(403, "authority.discountNeedsApproval", $"{Authority.DiscountRate(spend, discount):P0}", $"{authority.MaxDiscountRate:P0}");
            else if (excess.Comps)
                return Problems.Rule(403, "authority.compsNeedApproval", compsValue, authority.MaxCompValue);

            session.ClosedAt = at.Now;
            session.ClosedById = http.User.StaffId();
            session.Spend = spend;
            session.RoomCharge = input.RoomCharge ?? 0;
            session.Discount = discount;
            session.CompsValue = compsValue;
            session.Comps = CompsJson(comps);
            if (input.SettleToAccount == true && await Accounts.Charges.ChargeAsync(db, terms, session, room.Number, spend - discount) is { } refusedCharge)
                return refusedCharge;
            await Desk.ReleaseAsync(db, claim, RoomState.Cleaning, at.Now);
            if (session.BookingId is { } bookingId)
            {
                var booking = await db.Bookings.SingleAsync(b => b.Id == bookingId);
                booking.Status = BookingTransitions.Apply(booking.Status, BookingAction.Complete);
                db.Record(booking, "completed", http.User, at.Now, Customers.PhoneText.Say("bookingHistory.spend", spend), room.Number);
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            creditedBadge = session.CreditedToId is { } c ? await db.Users.Where(u => u.Id == c).Select(u => u.UserName).SingleAsync() : null;
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "room.changed", number);
        }

        board.RoomChanged(at.VenueId, room.Id);
        board.StandingsChanged(at.VenueId);
        if (session.BookingId is { } changed) board.BookingChanged(at.VenueId, changed);
        if (session.ApprovalId is { } used) board.ApprovalChanged(at.VenueId, used);
        return Results.Ok(new CloseResult(session.Id, creditedBadge, spend, session.Discount,
            session.ChargedAccountId is null ? null : Accounts.Charges.Charged(session), session.ChargedAccountId));
    }

    public static void ValidateComps(Validator v, IReadOnlyList<CompInput?> comps)
    {
        if (comps.Count > 50) { v.Add("comps", "maxItems", 50); return; }
        for (var i = 0; i < comps.Count; i++)
        {
            v.Text($"comps[{i}].item", comps[i]?.Item, 50);
            v.Range($"comps[{i}].value", comps[i]?.Value, 0, Ranges.ItemMax);
            if (comps[i]?.Value is { } value && decimal.Round(value, 2) != value) v.Add($"comps[{i}].value", "money");
        }
    }

    /// <summary>The venue's comps catalogue (active names); empty means any item name is accepted.</summary>
    public static Task<List<string>> CatalogueAsync(EncoreDb db, Guid venue) =>
        db.CatalogueItems.Where(c => c.VenueId == venue && c.Active).Select(c => c.Name).ToListAsync();

    /// <summary>The field of the first comp not in a non-empty catalogue, or null.</summary>
    public static string? UnknownItem(IReadOnlyList<CompInput> comps, IReadOnlyCollection<string> catalogue)
    {
        if (catalogue.Count == 0) return null;
        for (var i = 0; i < comps.Count; i++)
            if (!catalogue.Contains(comps[i].Item!.Trim())) return $"comps[{i}].item";
        return null;
    }

    public static string CompsJson(IEnumerable<CompInput> comps) =>
        JsonSerializer.Serialize(comps.Select(c => new { item = c.Item!.Trim(), value = c.Value }));
}
