namespace Encore.Web.Data;

/// <summary>How an account paid its statement.</summary>
public enum PaymentMethod { Transfer, Cash, Card, WeChat, Alipay, Other }

/// <summary>
/// A payment the cashier recorded against a corporate account's charged bills (挂账回款). What the account owes is
/// the bills charged to it (spend − discount) less its payments; the contract's credit limit caps that balance.
/// </summary>
public sealed class AccountPayment : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid AccountId { get; set; }
    public decimal Amount { get; set; }
    /// <summary>The day the money came in (the statement's month is read by it).</summary>
    public DateOnly PaidOn { get; set; }
    public PaymentMethod Method { get; set; }
    public string Note { get; set; } = "";
    public Guid RecordedById { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class AccountPaymentConfiguration : IEntityTypeConfiguration<AccountPayment>
{
    public void Configure(EntityTypeBuilder<AccountPayment> e)
    {
        e.ToTable("account_payments");
        e.Property(x => x.Method).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(200);
        e.HasIndex(x => new { x.AccountId, x.PaidOn });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}
