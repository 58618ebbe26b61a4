namespace Encore.Web.Accounts;

/// <summary>
/// The demo's charged bills (issue 20): for each contracted account on a monthly statement, up to three of its owner's
/// past visits (completed bookings inside the contract's period) are the account's, charged within its credit limit;
/// one account on each-visit settlement has a visit paid at the bill; and the first charged account has paid half of
/// what it owed three days ago. Runs after the accounts exist and after the reports froze their nights: it marks
/// existing visits and changes no spend, so the frozen figures stay true.
/// </summary>
public sealed class ChargedBillsDemo : IFeatureData
{
    public int Order => 131;

    public async Task AddDemoAsync(DemoVenue demo)
    {
        var db = demo.Db;
        var venue = demo.Venue.Id;
        var at = VenueNow.At(venue, demo.Now, Domain.HouseRules.Defaults);
        var contracts = await (from c in db.Contracts
                               join a in db.Accounts on c.AccountId equals a.Id
                               where c.VenueId == venue && c.Status == ContractStatus.Active && c.From <= at.Today && c.To >= at.Today
                               orderby a.Company
                               select new { Contract = c, a.OwnerId }).ToListAsync();
        Guid? firstCharged = null;
        var onVisitDone = false;
        foreach (var x in contracts)
        {
            var c = x.Contract;
            if (c.Settlement == ContractSettlement.OnVisit && onVisitDone) continue;
            var visits = await (from s in db.RoomSessions
                                join b in db.Bookings on s.BookingId equals b.Id
                                where b.VenueId == venue && b.BookerId == x.OwnerId && b.Status == BookingStatus.Completed && b.AccountId == null
                                      && s.ClosedAt != null && s.BusinessDay >= c.From && s.BusinessDay < at.Today
                                orderby s.BusinessDay descending
                                select new { Session = s, Booking = b }).Take(3).ToListAsync();
            var balance = 0m;
            foreach (var v in visits)
            {
                v.Booking.AccountId = c.AccountId;
                if (c.Settlement == ContractSettlement.OnVisit) { onVisitDone = true; break; }
                var amount = v.Session.Spend - v.Session.Discount;
                if (balance + amount > c.CreditLimit) continue;
                v.Session.ChargedAccountId = c.AccountId;
                balance += amount;
                firstCharged ??= c.AccountId;
            }
        }
        await db.SaveChangesAsync();

        if (firstCharged is { } paying && await Charges.BalanceAsync(db, paying) is > 0 and var owed)
        {
            var cashier = await db.Users.Where(u => u.VenueId == venue && u.UserName == "c01").Select(u => u.Id).SingleAsync();
            db.AccountPayments.Add(new AccountPayment
            {
                VenueId = venue, AccountId = paying, Amount = Math.Round(owed / 2, 2), PaidOn = at.Today.AddDays(-3), Method = PaymentMethod.Transfer,
                Note = "对公转账", RecordedById = cashier, RecordedAt = at.Now.AddDays(-3),
            });
        }
    }
}
