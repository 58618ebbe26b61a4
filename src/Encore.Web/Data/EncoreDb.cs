using Encore.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Encore.Web.Data;

public sealed class EncoreDb(DbContextOptions<EncoreDb> options)
    : IdentityDbContext<StaffMember, StaffRole, Guid>(options)
{
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<HouseRuleVersion> HouseRuleVersions => Set<HouseRuleVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<BookingEvent> BookingEvents => Set<BookingEvent>();
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
        base.OnModelCreating(b);

        b.Entity<Venue>(e =>
        {
            e.ToTable("venues");
            e.Property(x => x.Name).HasMaxLength(100);
        });
        b.Entity<StaffMember>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Department).HasMaxLength(50);
            e.Ignore(x => x.Badge);
            e.HasIndex(x => x.VenueId);
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Room>(e =>
        {
            e.ToTable("rooms");
            e.Property(x => x.Number).HasMaxLength(16);
            e.Property(x => x.Area).HasMaxLength(50);
            e.Property(x => x.StateNote).HasMaxLength(200);
            e.HasIndex(x => new { x.VenueId, x.Number }).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Customer>(e =>
        {
            e.ToTable("customers");
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Company).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(50);
            e.Property(x => x.Notes).HasMaxLength(2000);
            e.Property(x => x.Tags).HasMaxLength(200);
            e.Property(x => x.Preferences).HasMaxLength(500);
            e.Property(x => x.Source).HasMaxLength(50);
            e.Property(x => x.CreditFlags).HasMaxLength(100);
            e.Property(x => x.Pinyin).HasMaxLength(200);
            e.Property(x => x.Initials).HasMaxLength(50);
            e.Property(x => x.VipLevel).HasMaxLength(16);
            e.HasIndex(x => new { x.VenueId, x.Initials });
            e.HasIndex(x => new { x.VenueId, x.Phone }).IsUnique();
            e.HasIndex(x => x.OwnerId);
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<HouseRuleVersion>(e =>
        {
            e.ToTable("house_rule_versions");
            e.Property(x => x.Note).HasMaxLength(200);
            e.HasIndex(x => new { x.VenueId, x.EffectiveFrom });
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(x => x.ActorBadge).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.EntityType).HasMaxLength(64);
            e.Property(x => x.EntityId).HasMaxLength(200);
            e.HasIndex(x => new { x.VenueId, x.At });
        });
        b.Entity<Booking>(e =>
        {
            e.ToTable("bookings");
            e.Property(x => x.CustomerName).HasMaxLength(50);
            e.Property(x => x.CustomerPhone).HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.BookerDepartment).HasMaxLength(50);
            e.Property(x => x.ConfirmationCode).HasMaxLength(12);
            e.Property(x => x.CancelReason).HasMaxLength(200);
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasIndex(x => new { x.VenueId, x.ConfirmationCode }).IsUnique();
            e.HasIndex(x => new { x.Status, x.HoldUntil });
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.BookerId);
            e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.BookerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<BookingEvent>(e =>
        {
            e.ToTable("booking_events");
            e.Property(x => x.ActorBadge).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.RoomNumber).HasMaxLength(16);
            e.Property(x => x.Detail).HasMaxLength(1000);
            e.HasIndex(x => new { x.BookingId, x.At });
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RoomClaim>(e =>
        {
            e.ToTable("room_claims");
            // The database, not the code, decides that a room is held once: see the migrations for the
            // PostgreSQL exclusion constraint that also forbids overlapping periods.
            e.HasIndex(x => x.RoomId).IsUnique().HasFilter("\"ReleasedAt\" IS NULL").HasDatabaseName("UX_room_claims_active_room");
            e.HasIndex(x => x.BookingId).IsUnique().HasFilter("\"ReleasedAt\" IS NULL").HasDatabaseName("UX_room_claims_active_booking");
            e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RoomSession>(e =>
        {
            e.ToTable("room_sessions");
            e.Property(x => x.Comps).HasMaxLength(4000);
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasIndex(x => x.RoomId);
            e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Booking>().WithMany().HasForeignKey(x => x.BookingId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Violation>(e =>
        {
            e.ToTable("violations");
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Evidence).HasMaxLength(2000);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.ChargedAs).HasMaxLength(32);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.PhotoPath).HasMaxLength(200);
            e.Property(x => x.AppealReason).HasMaxLength(1000);
            e.Property(x => x.Decision).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.IncidentId);
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasIndex(x => x.StaffId);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<IdempotentRequest>(e =>
        {
            e.ToTable("idempotent_requests");
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.Fingerprint).HasMaxLength(100);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Location).HasMaxLength(200);
            e.HasIndex(x => new { x.ActorId, x.Key }).IsUnique();
            e.HasIndex(x => x.CreatedAt);
        });
        b.Entity<AttendanceDay>(e =>
        {
            e.ToTable("attendance_days");
            e.Property(x => x.CallInReason).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.StaffId, x.BusinessDay }).IsUnique();
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RotationEntry>(e =>
        {
            e.ToTable("rotation_entries");
            e.HasIndex(x => new { x.VenueId, x.BusinessDay, x.StaffId }).IsUnique();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RotationEvent>(e =>
        {
            e.ToTable("rotation_events");
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.RoomNumber).HasMaxLength(16);
            e.Property(x => x.Queue).HasMaxLength(2000);
            e.HasIndex(x => new { x.VenueId, x.BusinessDay, x.At });
        });
        b.Entity<CatalogueItem>(e =>
        {
            e.ToTable("catalogue_items");
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Category).HasMaxLength(50);
            e.HasIndex(x => new { x.VenueId, x.Name }).IsUnique();
        });
        b.Entity<Approval>(e =>
        {
            e.ToTable("approvals");
            e.Property(x => x.Comps).HasMaxLength(4000);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.VenueId, x.Status });
            e.HasIndex(x => x.SessionId);
            e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<PerformanceCard>(e =>
        {
            e.ToTable("performance_cards");
            e.HasIndex(x => new { x.StaffId, x.BusinessDay }).IsUnique();
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CardDispute>(e =>
        {
            e.ToTable("card_disputes");
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Decision).HasMaxLength(500);
            e.HasIndex(x => new { x.VenueId, x.Status });
            e.HasOne<RoomSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<MonthlyTarget>(e =>
        {
            e.ToTable("monthly_targets");
            e.Property(x => x.Month).HasMaxLength(7);
            e.HasIndex(x => new { x.StaffId, x.Month }).IsUnique();
        });
        b.Entity<LeaveRequest>(e =>
        {
            e.ToTable("leave_requests");
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasIndex(x => x.StaffId);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Ping>(e =>
        {
            e.ToTable("pings");
            e.Property(x => x.Message).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.VenueId, x.BusinessDay });
            e.HasIndex(x => new { x.StaffId, x.AnsweredAt });
            e.HasIndex(x => new { x.OffPost, x.DueAt });
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ViolationType>(e =>
        {
            e.ToTable("violation_types");
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => new { x.VenueId, x.Code }).IsUnique();
        });
        b.Entity<CustomerConsent>(e =>
        {
            e.ToTable("customer_consents");
            e.Property(x => x.Reason).HasMaxLength(200);
            e.HasIndex(x => new { x.CustomerId, x.GranteeId }).IsUnique();
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CustomerHandover>(e =>
        {
            e.ToTable("customer_handovers");
            e.Property(x => x.Reason).HasMaxLength(200);
            e.HasIndex(x => x.CustomerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CustomerFlag>(e =>
        {
            e.ToTable("customer_flags");
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(16);
            e.HasIndex(x => new { x.VenueId, x.Status });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ReturnVisit>(e =>
        {
            e.ToTable("return_visits");
            e.Property(x => x.Reason).HasMaxLength(16);
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.Outcome).HasMaxLength(500);
            e.HasIndex(x => new { x.CustomerId, x.Reason, x.DueDay }).IsUnique();
            e.HasIndex(x => new { x.OwnerId, x.DueDay });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CustomerContact>(e =>
        {
            e.ToTable("customer_contacts");
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.Outcome).HasMaxLength(500);
            e.HasIndex(x => new { x.StaffId, x.BusinessDay });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
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
