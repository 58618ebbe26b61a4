using Encore.Web.Reports;

namespace Encore.Web.Accounts;

public sealed record PaymentInput(decimal? Amount, string? PaidOn, PaymentMethod? Method, string? Note);

public sealed record PaymentView(Guid Id, Guid AccountId, decimal Amount, DateOnly PaidOn, PaymentMethod Method, string Note, string? RecordedBy,
    DateTimeOffset RecordedAt, decimal Balance);

/// <summary>One visit of the month: a closed session of a booking made for the account; <c>charged</c> when its bill went on the account.</summary>
public sealed record StatementLine(DateOnly BusinessDay, string RoomNumber, string ConfirmationCode, string Guest, int PartySize,
    decimal Spend, decimal Discount, decimal Charged, bool SettledToAccount);

public sealed record StatementTerms(DateOnly From, DateOnly To, decimal DiscountRate, decimal CreditLimit, ContractSettlement Settlement);

/// <summary>
/// GET /api/accounts/{id}/statement?month=: the month's visits (sessions, spend, discount, what was charged), the payments
/// recorded in it, the balance brought forward and carried, and the account's balance and remaining credit today.
/// </summary>
public sealed record AccountStatement(Guid AccountId, string Company, string Month, StatementTerms? Contract, int Sessions, decimal Spend,
    decimal Discount, decimal Charged, decimal Paid, decimal OpeningBalance, decimal ClosingBalance, decimal Balance, decimal? RemainingCredit,
    IReadOnlyList<StatementLine> Lines, IReadOnlyList<PaymentView> Payments);

/// <summary>
/// API.md "Corporate accounts": the charged bills' side — the monthly statement (printable and exportable as xlsx, PDF,
/// CSV) and the payments the cashier records. The owner and the floor read their accounts' statements; the cashier and
/// the GM read every one and record payments.
/// </summary>
public static class AccountsBillingApi
{
    public static void MapAccountsBillingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization();
        group.MapGet("/{id:guid}/statement", StatementAsync).Requires(Capability.ReadAccountStatements)
            .Answers<AccountStatement>().AnswersReportFiles().WithName("AccountStatement");
        group.MapPost("/{id:guid}/payments", PayAsync).Requires(Capability.RecordAccountPayments)
            .Answers<PaymentView>(StatusCodes.Status201Created).WithName("RecordAccountPayment");
    }

    private static async Task<(Account? Account, IResult? Refusal)> ReadableAsync(EncoreDb db, HttpContext http, VenueNow at, Guid id)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.VenueId == at.VenueId);
        if (account is null) return (null, Problems.Rule(404, "account.notFound"));
        if (AccountPipeline.SeesPhone(http.User, account) || http.User.Can(Capability.RecordAccountPayments)) return (account, null);
        var owner = await db.Users.Where(u => u.Id == account.OwnerId).Select(u => u.UserName + " " + u.Name).SingleAsync();
        return (null, Problems.Rule(403, "account.notYours", owner));
    }

    private static async Task<IResult> StatementAsync(Guid id, string? month, string? format, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator();
        var first = v.Month("month", month, Ranges.FirstOfMonth(at.Today));
        if (!ReportFiles.TryParse(format, out var file, out var badFormat)) return badFormat!;
        if (!v.Ok) return v.ToResult();
        var (account, refusal) = await ReadableAsync(db, http, at, id);
        if (refusal is not null) return refusal;
        var statement = await StatementOfAsync(db, at, account!, first!.Value);
        return file is { } f ? ReportFiles.Answer(StatementDocument.Of(statement), f) : Results.Ok(statement);
    }

    /// <summary>The account's statement of the month starting on <paramref name="first"/>.</summary>
    public static async Task<AccountStatement> StatementOfAsync(EncoreDb db, VenueNow at, Account account, DateOnly first)
    {
        var end = first.AddMonths(1);
        var visits = await (
                from s in db.RoomSessions
                join b in db.Bookings on s.BookingId equals b.Id
                join r in db.Rooms on s.RoomId equals r.Id
                where b.AccountId == account.Id && s.ClosedAt != null && s.BusinessDay >= first && s.BusinessDay < end
                select new { s.BusinessDay, s.OpenedAt, r.Number, b.ConfirmationCode, b.CustomerName, s.PartySize, s.Spend, s.Discount, s.ChargedAccountId })
            .ToListAsync();
        var lines = visits.OrderBy(x => x.BusinessDay).ThenBy(x => x.OpenedAt)
            .Select(x => new StatementLine(x.BusinessDay, x.Number, x.ConfirmationCode, x.CustomerName, x.PartySize, x.Spend, x.Discount,
                x.ChargedAccountId == account.Id ? x.Spend - x.Discount : 0, x.ChargedAccountId == account.Id)).ToList();
        // Brought forward: what was charged before the month less what was paid before it (money summed here: SQLite keeps fen).
        var chargedBefore = (await db.RoomSessions.Where(s => s.ChargedAccountId == account.Id && s.BusinessDay < first)
            .Select(s => new { s.Spend, s.Discount }).ToListAsync()).Sum(s => s.Spend - s.Discount);
        var paidBefore = (await db.AccountPayments.Where(p => p.AccountId == account.Id && p.PaidOn < first).Select(p => p.Amount).ToListAsync()).Sum();
        var payments = await db.AccountPayments.Where(p => p.AccountId == account.Id && p.PaidOn >= first && p.PaidOn < end).ToListAsync();
        var people = await db.BadgesAndNamesAsync(payments.Select(p => p.RecordedById));
        var balance = await Charges.BalanceAsync(db, account.Id);
        var contract = await Contracts.InForceAsync(db, at.VenueId, account.Id, at.Today)
                       ?? await db.Contracts.Where(c => c.AccountId == account.Id && c.Status == ContractStatus.Active && c.From < end && c.To >= first)
                           .OrderByDescending(c => c.From).FirstOrDefaultAsync();
        var opening = chargedBefore - paidBefore;
        var (charged, paid) = (lines.Sum(l => l.Charged), payments.Sum(p => p.Amount));
        return new AccountStatement(account.Id, account.Company, first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            contract is null ? null : new StatementTerms(contract.From, contract.To, contract.DiscountRate, contract.CreditLimit, contract.Settlement),
            lines.Count, lines.Sum(l => l.Spend), lines.Sum(l => l.Discount), charged, paid, opening, opening + charged - paid, balance,
            contract is { Settlement: ContractSettlement.Monthly } && contract.To >= at.Today && contract.From <= at.Today ? Math.Max(0, contract.CreditLimit - balance) : null,
            lines,
            payments.OrderBy(p => p.PaidOn).ThenBy(p => p.RecordedAt)
                .Select(p => new PaymentView(p.Id, p.AccountId, p.Amount, p.PaidOn, p.Method, p.Note, people.GetValueOrDefault(p.RecordedById)?.Badge, at.Local(p.RecordedAt), 0)).ToList());
    }

    private static async Task<IResult> PayAsync(Guid id, PaymentInput input, HttpContext http, EncoreDb db)
    {
        var at = await http.Caller().NowAsync();
        var v = new Validator().Range("amount", input.Amount, 0.01m, Ranges.BillMax).Text("note", input.Note, 200, required: false);
        if (input.Amount is { } amount && decimal.Round(amount, 2) != amount) v.Add("amount", "money");
        var paidOn = v.Day("paidOn", input.PaidOn, at.Today);
        if (paidOn > at.Today) v.Add("paidOn", "notInFuture", Ranges.DayText(at.Today));
        v.Defined("method", input.Method);
        if (!v.Ok) return v.ToResult();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id && a.VenueId == at.VenueId);
        if (account is null) return Problems.Rule(404, "account.notFound");
        AuditScope.Name(http, "account.payment");
        var payment = new AccountPayment
        {
            VenueId = at.VenueId, AccountId = id, Amount = input.Amount!.Value, PaidOn = paidOn!.Value, Method = input.Method ?? PaymentMethod.Transfer,
            Note = input.Note?.Trim() ?? "", RecordedById = http.User.StaffId(), RecordedAt = at.Now,
        };
        decimal balance;
        try
        {
            await using var tx = await db.BeginWriteAsync();
            // A payment settles what was charged: more than the balance is a typing slip, not a deposit (Encore keeps no prepayments).
            var owed = await Charges.BalanceAsync(db, id);
            if (payment.Amount > owed) return Problems.Rule(409, "account.paymentAboveBalance", owed);
            db.AccountPayments.Add(payment);
            account.Version++; // one payment and one charge at a time per account: the balance each read stays true
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            balance = owed - payment.Amount;
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            return Problems.Rule(409, "account.changed");
        }
        return Results.Created($"/api/accounts/{id}/statement?month={payment.PaidOn:yyyy-MM}",
            new PaymentView(payment.Id, id, payment.Amount, payment.PaidOn, payment.Method, payment.Note, http.User.Badge(), at.Local(payment.RecordedAt), balance));
    }
}
