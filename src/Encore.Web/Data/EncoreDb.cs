// One DbContext, one model namespace. Every entity lives in the folder of the feature that owns it (Rooms/Room.cs,
// Bookings/Booking.cs, Customers/Customer.cs …) next to its IEntityTypeConfiguration, but keeps the namespace
// Encore.Web.Data: the model is one model (foreign keys cross features), and one namespace spares every handler,
// page and test a new using whenever an entity changes hands. Only Venue, StaffMember and StaffRole, which every
// feature shares, stay in Data/Entities.cs. New features follow the same rule.
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Encore.Web.Data;

public sealed class EncoreDb(DbContextOptions<EncoreDb> options)
    : IdentityDbContext<StaffMember, StaffRole, Guid>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The Data Protection keys on PostgreSQL, shared by every instance (issue 21, Platform/PlatformSetup.cs).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<HouseRuleVersion> HouseRuleVersions => Set<HouseRuleVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<BookingEvent> BookingEvents => Set<BookingEvent>();
    public DbSet<RoomQuotaGrant> RoomQuotaGrants => Set<RoomQuotaGrant>();
    public DbSet<RoomClaim> RoomClaims => Set<RoomClaim>();
    public DbSet<RoomSession> RoomSessions => Set<RoomSession>();
    public DbSet<Violation> Violations => Set<Violation>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<AttendanceDay> AttendanceDays => Set<AttendanceDay>();
    public DbSet<RotationEntry> RotationEntries => Set<RotationEntry>();
    public DbSet<RotationEvent> RotationEvents => Set<RotationEvent>();
    public DbSet<CatalogueItem> CatalogueItems => Set<CatalogueItem>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<PerformanceCard> PerformanceCards => Set<PerformanceCard>();
    public DbSet<CardDispute> CardDisputes => Set<CardDispute>();
    public DbSet<MonthlyTarget> MonthlyTargets => Set<MonthlyTarget>();
    public DbSet<LeaveRequest> LeaveRequests => Set<LeaveRequest>();
    public DbSet<Ping> Pings => Set<Ping>();
    public DbSet<ViolationType> ViolationTypes => Set<ViolationType>();
    public DbSet<CustomerConsent> CustomerConsents => Set<CustomerConsent>();
    public DbSet<CustomerHandover> CustomerHandovers => Set<CustomerHandover>();
    public DbSet<CustomerFlag> CustomerFlags => Set<CustomerFlag>();
    public DbSet<ReturnVisit> ReturnVisits => Set<ReturnVisit>();
    public DbSet<CustomerContact> CustomerContacts => Set<CustomerContact>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ComplaintStaff> ComplaintStaff => Set<ComplaintStaff>();
    public DbSet<ComplaintAction> ComplaintActions => Set<ComplaintAction>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<LostItem> LostItems => Set<LostItem>();
    public DbSet<Valuable> Valuables => Set<Valuable>();
    public DbSet<StoredDrink> StoredDrinks => Set<StoredDrink>();
    public DbSet<StoredDrinkWithdrawal> StoredDrinkWithdrawals => Set<StoredDrinkWithdrawal>();
    public DbSet<DiaryEntry> DiaryEntries => Set<DiaryEntry>();
    public DbSet<WorkReport> WorkReports => Set<WorkReport>();
    public DbSet<DiaryComment> DiaryComments => Set<DiaryComment>();
    public DbSet<DiaryRuleStart> DiaryRuleStarts => Set<DiaryRuleStart>();
    public DbSet<ShiftHandover> ShiftHandovers => Set<ShiftHandover>();
    public DbSet<ReportBudget> ReportBudgets => Set<ReportBudget>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<ReportAmendment> ReportAmendments => Set<ReportAmendment>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountContact> AccountContacts => Set<AccountContact>();
    public DbSet<AccountActivity> AccountActivities => Set<AccountActivity>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<ResearchNote> ResearchNotes => Set<ResearchNote>();
    public DbSet<AccountPayment> AccountPayments => Set<AccountPayment>();
    public DbSet<Partner> Partners => Set<Partner>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // These statuses were strings before they were types: they stay stored as they always were, in camelCase.
        builder.Properties<ViolationStatus>().HaveConversion<CodeConverter<ViolationStatus>>();
        builder.Properties<DisputeStatus>().HaveConversion<CodeConverter<DisputeStatus>>();
        builder.Properties<CustomerFlagStatus>().HaveConversion<CodeConverter<CustomerFlagStatus>>();
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no instant or decimal type that sorts and sums correctly:
            // instants are stored as Unix milliseconds and money as integer fen (1/100 yuan).
            builder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
            builder.Properties<decimal>().HaveConversion<FenConverter>();
        }
        else
        {
            builder.Properties<decimal>().HavePrecision(14, 2);
            // timestamptz holds instants only: Npgsql refuses a non-zero offset, so every instant is written as UTC.
            builder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        // Identity's tables (AspNetUsers, AspNetRoles …) keep Identity's own names and shape.
        base.OnModelCreating(b);
        // Every entity's table, columns, indexes and keys: one IEntityTypeConfiguration beside the entity, in its feature's folder.
        b.ApplyConfigurationsFromAssembly(typeof(EncoreDb).Assembly);
    }
}

public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));

public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);

/// <summary>Stores an enum as its camelCase code ("proposed"), the same text as the API's JSON.</summary>
public sealed class CodeConverter<T>() : ValueConverter<T, string>(v => v.Code(), v => Codes.Parse<T>(v))
    where T : struct, Enum;

public sealed class FenConverter() : ValueConverter<decimal, long>(
    v => (long)decimal.Round(v * 100m, MidpointRounding.AwayFromZero),
    v => v / 100m);
