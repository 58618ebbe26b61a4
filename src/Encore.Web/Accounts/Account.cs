namespace Encore.Web.Data;

/// <summary>Where a corporate account stands in the market-development pipeline (SPEC.md "Market development"), in order.</summary>
public enum AccountStage { Lead, Contacted, Visited, Negotiating, Contracted, Lost }

/// <summary>What kind of work an account activity was.</summary>
public enum AccountActivityKind { Call, Visit, Proposal, Meeting }

/// <summary>How a contracted account pays: a monthly statement (挂账) or on each visit.</summary>
public enum ContractSettlement { Monthly, OnVisit }

/// <summary>A contract is in force only when active; above the author's discount authority it waits for the GM.</summary>
public enum ContractStatus { Active, PendingApproval, Declined }

/// <summary>
/// A corporate account (协议单位): a company the market-development team works from lead to contract, with an owner
/// in the team. Its contacts' phones are the owner's and the floor's, as a customer file's are.
/// </summary>
public sealed class Account : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Company { get; set; }
    /// <summary>The company's name without spaces, punctuation and the usual legal suffixes, lower case: duplicates are found by it.</summary>
    public string NormalizedCompany { get; set; } = "";
    public string Industry { get; set; } = "";
    public string Source { get; set; } = "";
    public Guid OwnerId { get; set; }
    public AccountStage Stage { get; set; } = AccountStage.Lead;
    /// <summary>Why the account was lost, or why a stage was skipped (the last such reason given).</summary>
    public string StageReason { get; set; } = "";
    public DateTimeOffset StageChangedAt { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Bumped on every change: two stage moves at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.ToTable("accounts");
        e.Property(x => x.Company).HasMaxLength(100);
        e.Property(x => x.NormalizedCompany).HasMaxLength(100);
        e.Property(x => x.Industry).HasMaxLength(50);
        e.Property(x => x.Source).HasMaxLength(50);
        e.Property(x => x.StageReason).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.NormalizedCompany });
        e.HasIndex(x => new { x.VenueId, x.Stage });
        e.HasIndex(x => x.OwnerId);
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A person at an account's company the team deals with; the first comes with the account.</summary>
public sealed class AccountContact : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid AccountId { get; set; }
    public required string Name { get; set; }
    public required string Phone { get; set; }
    public string Title { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AccountContactConfiguration : IEntityTypeConfiguration<AccountContact>
{
    public void Configure(EntityTypeBuilder<AccountContact> e)
    {
        e.ToTable("account_contacts");
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.Phone).HasMaxLength(40);
        e.Property(x => x.Title).HasMaxLength(50);
        e.HasIndex(x => x.AccountId);
        // A new account is compared with the venue's contacts of the same phone (duplicate flags).
        e.HasIndex(x => new { x.VenueId, x.Phone });
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A call, visit, proposal or meeting with an account: when, what was said, and the next step.</summary>
public sealed class AccountActivity : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid AccountId { get; set; }
    /// <summary>Who did it (and whose KPI it counts for).</summary>
    public Guid StaffId { get; set; }
    public AccountActivityKind Kind { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Note { get; set; }
    public string NextStep { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AccountActivityConfiguration : IEntityTypeConfiguration<AccountActivity>
{
    public void Configure(EntityTypeBuilder<AccountActivity> e)
    {
        e.ToTable("account_activities");
        e.Property(x => x.Note).HasMaxLength(1000);
        e.Property(x => x.NextStep).HasMaxLength(500);
        e.HasIndex(x => new { x.AccountId, x.At });
        e.HasIndex(x => new { x.VenueId, x.At });
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// An account's contract: its period (both days included), the agreed discount rate (a fraction, 0.15 = 15% off),
/// the credit limit for charged bills and how it settles. In force on a day when active and the day is inside the
/// period (<see cref="Accounts.Contracts.InForceAsync"/>).
/// </summary>
public sealed class Contract : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid AccountId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public decimal DiscountRate { get; set; }
    public decimal CreditLimit { get; set; }
    public ContractSettlement Settlement { get; set; }
    public ContractStatus Status { get; set; }
    public Guid CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> e)
    {
        e.ToTable("contracts");
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.AccountId, x.From });
        e.HasIndex(x => new { x.VenueId, x.To });
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A market-research note (市场调研): dated, tagged, by whom.</summary>
public sealed class ResearchNote : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly Day { get; set; }
    public required string Title { get; set; }
    public string Note { get; set; } = "";
    /// <summary>Comma-separated tags (竞品, 商圈 …).</summary>
    public string Tags { get; set; } = "";
    public Guid StaffId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ResearchNoteConfiguration : IEntityTypeConfiguration<ResearchNote>
{
    public void Configure(EntityTypeBuilder<ResearchNote> e)
    {
        e.ToTable("research_notes");
        e.Property(x => x.Title).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(4000);
        e.Property(x => x.Tags).HasMaxLength(200);
        e.HasIndex(x => new { x.VenueId, x.Day });
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
