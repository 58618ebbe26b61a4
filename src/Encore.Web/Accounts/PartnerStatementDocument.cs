using Encore.Web.Reports;

namespace Encore.Web.Accounts;

/// <summary>A partner's monthly commission statement as a <see cref="ReportDocument"/>: xlsx, PDF (signed by the partner) or CSV.</summary>
public static class PartnerStatementDocument
{
    private static string T(string key, params object[] args) => ReportDocuments.T(key, args);

    private static ReportColumn Col(string key, ReportCell cell = ReportCell.Text) => new(T("partnerStatement." + key), cell);

    private static readonly ReportCell[] SummaryCells = [ReportCell.Count, ReportCell.Count, ReportCell.Money, ReportCell.Money, ReportCell.Money, ReportCell.Money];

    public static ReportDocument Of(PartnerStatement s) => new(
        T("partnerStatement.title", s.Name), T("partnerStatement.subtitle", s.Month, T("partners.kind." + s.Kind.Code())),
        [
            new("Summary", T("partnerStatement.summary"), [Col("figure"), Col("value", ReportCell.Number)],
            [
                [T("partnerStatement.visits"), s.Visits],
                [T("partnerStatement.guests"), s.Guests],
                [T("partnerStatement.spend"), s.Spend],
                [T("partnerStatement.discount"), s.Discount],
                [T("partnerStatement.referred"), s.ReferredSpend],
                [T("partnerStatement.commission"), s.Commission],
            ], Note: T("partnerStatement.basis"), RowCells: SummaryCells),
            new("Visits", T("partnerStatement.lines"), [Col("businessDay", ReportCell.Date), Col("room"), Col("code"), Col("guest"), Col("partySize", ReportCell.Count),
                Col("booker"), Col("spend", ReportCell.Money), Col("discount", ReportCell.Money), Col("referred", ReportCell.Money), Col("rate", ReportCell.Percent),
                Col("commission", ReportCell.Money)],
                [.. s.Lines.Select(l => (IReadOnlyList<object?>)[l.BusinessDay, l.RoomNumber, l.ConfirmationCode, l.Guest, l.PartySize, l.BookerBadge, l.Spend,
                    l.Discount, l.Referred, l.Rate, l.Commission])]),
        ], T("partnerStatement.signature"), $"partner-{s.Month}");
}
