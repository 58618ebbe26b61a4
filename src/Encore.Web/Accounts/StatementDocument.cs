using Encore.Web.Reports;

namespace Encore.Web.Accounts;

/// <summary>An account's monthly statement (对账单) as a <see cref="ReportDocument"/>: xlsx, PDF (signed by the account's contact) or CSV.</summary>
public static class StatementDocument
{
    private static string T(string key, params object[] args) => ReportDocuments.T(key, args);

    private static ReportColumn Col(string key, ReportCell cell = ReportCell.Text) => new(T("accountStatement." + key), cell);

    private static readonly ReportCell[] SummaryCells =
        [ReportCell.Count, ReportCell.Money, ReportCell.Money, ReportCell.Money, ReportCell.Money, ReportCell.Money, ReportCell.Money];

    public static ReportDocument Of(AccountStatement s)
    {
        var terms = s.Contract is { } c
            ? T("accountStatement.terms", Ranges.DayText(c.From), Ranges.DayText(c.To), (c.DiscountRate * 100).ToString("0.#", CultureInfo.InvariantCulture),
                c.CreditLimit.ToString("N2", CultureInfo.InvariantCulture), T("accounts.settlement." + c.Settlement.Code()))
            : T("accountStatement.noContract");
        var sections = new List<ReportSection>
        {
            new("Summary", T("accountStatement.summary"), [Col("figure"), Col("value", ReportCell.Number)],
            [
                [T("accountStatement.sessions"), s.Sessions],
                [T("accountStatement.spend"), s.Spend],
                [T("accountStatement.discount"), s.Discount],
                [T("accountStatement.charged"), s.Charged],
                [T("accountStatement.paid"), s.Paid],
                [T("accountStatement.opening"), s.OpeningBalance],
                [T("accountStatement.closing"), s.ClosingBalance],
            ], Note: terms, RowCells: SummaryCells),
            new("Visits", T("accountStatement.visits"), [Col("businessDay", ReportCell.Date), Col("room"), Col("code"), Col("guest"), Col("partySize", ReportCell.Count),
                Col("spend", ReportCell.Money), Col("discount", ReportCell.Money), Col("charged", ReportCell.Money)],
                [.. s.Lines.Select(l => (IReadOnlyList<object?>)[l.BusinessDay, l.RoomNumber, l.ConfirmationCode, l.Guest, l.PartySize, l.Spend, l.Discount, l.Charged])]),
            new("Payments", T("accountStatement.payments"), [Col("paidOn", ReportCell.Date), Col("amount", ReportCell.Money), Col("method"), Col("note")],
                [.. s.Payments.Select(p => (IReadOnlyList<object?>)[p.PaidOn, p.Amount, T("paymentMethod." + p.Method.Code()), p.Note])]),
        };
        return new ReportDocument(T("accountStatement.title", s.Company), T("accountStatement.subtitle", s.Month), sections, T("accountStatement.signature"),
            $"statement-{s.Month}");
    }
}
