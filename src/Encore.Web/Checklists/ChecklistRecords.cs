using Encore.Web.Checklists;

namespace Encore.Web.Data;

/// <summary>
/// One version of a venue's checklist template (room inspection, closing round): the GM's edit adds a version, never
/// changes one, so what a template said on any night stays readable; a run copies the items of the version it started with.
/// </summary>
public sealed class ChecklistTemplate : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    /// <summary>roomInspection · closing (<see cref="Checklist.Templates"/>).</summary>
    public required string Template { get; set; }
    public int Version { get; set; }
    /// <summary>The items' texts in order, as JSON ["…", "…"].</summary>
    public string Items { get; set; } = "[]";
    /// <summary>Who saved this version; null for the defaults Encore seeded.</summary>
    public Guid? SavedById { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

internal sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> e)
    {
        e.ToTable("checklist_templates");
        e.Property(x => x.Template).HasMaxLength(32);
        e.Property(x => x.Items).HasMaxLength(8000);
        // Two GMs saving at once cannot both make version n+1: the index decides, the loser's request runs again.
        e.HasIndex(x => new { x.VenueId, x.Template, x.Version }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A checklist done on the phone: a room inspection of one room, or the closing round (收档) of a business day (one
/// per day, the database says so). Complete once every item is ticked ok or failed.
/// </summary>
public sealed class ChecklistRun : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public required string Template { get; set; }
    public int TemplateVersion { get; set; }
    public Guid? RoomId { get; set; }
    /// <summary>The room's number when inspected (a room renumbered later keeps its history readable).</summary>
    public string? RoomNumber { get; set; }
    public DateOnly BusinessDay { get; set; }
    public Guid StartedById { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Bumped on every change of an item: two phones ticking one run at once cannot both win.</summary>
    public int Version { get; set; }
}

internal sealed class ChecklistRunConfiguration : IEntityTypeConfiguration<ChecklistRun>
{
    public void Configure(EntityTypeBuilder<ChecklistRun> e)
    {
        e.ToTable("checklist_runs");
        e.Property(x => x.Template).HasMaxLength(32);
        e.Property(x => x.RoomNumber).HasMaxLength(16);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.VenueId, x.BusinessDay, x.Template });
        // One closing round per venue and business day, whoever starts it first.
        e.HasIndex(x => new { x.VenueId, x.BusinessDay }).IsUnique().HasFilter("\"Template\" = 'closing'").HasDatabaseName("UX_checklist_runs_closing_day");
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// One item of a run, its text copied from the template version the run started with: ok or failed (a failed one with
/// a note, maybe a photo), and for a failed room-inspection item, whether it put the room out of service and when that
/// was marked fixed.
/// </summary>
public sealed class ChecklistRunItem : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public Guid RunId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    /// <summary>Null until ticked.</summary>
    public bool? Ok { get; set; }
    public string Note { get; set; } = "";
    /// <summary>The photo's file name in the data directory's "checklists" folder.</summary>
    public string? PhotoPath { get; set; }
    public Guid? CheckedById { get; set; }
    public DateTimeOffset? CheckedAt { get; set; }
    public DateTimeOffset? OutOfServiceAt { get; set; }
    public Guid? FixedById { get; set; }
    public DateTimeOffset? FixedAt { get; set; }
}

internal sealed class ChecklistRunItemConfiguration : IEntityTypeConfiguration<ChecklistRunItem>
{
    public void Configure(EntityTypeBuilder<ChecklistRunItem> e)
    {
        e.ToTable("checklist_run_items");
        e.Property(x => x.Text).HasMaxLength(100);
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.PhotoPath).HasMaxLength(100);
        e.HasIndex(x => new { x.RunId, x.Position }).IsUnique();
        e.HasOne<ChecklistRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The floor manager was reminded of an incomplete closing round of this business day (once: the database says so).</summary>
public sealed class ChecklistReminder : IVenueOwned
{
    public Guid Id { get; set; } = Ids.New();
    public Guid VenueId { get; set; }
    public DateOnly BusinessDay { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal sealed class ChecklistReminderConfiguration : IEntityTypeConfiguration<ChecklistReminder>
{
    public void Configure(EntityTypeBuilder<ChecklistReminder> e)
    {
        e.ToTable("checklist_reminders");
        e.HasIndex(x => new { x.VenueId, x.BusinessDay }).IsUnique();
        e.HasOne<Venue>().WithMany().HasForeignKey(x => x.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The checklist tables, without a line in EncoreDb (the feature keeps its sets in its own folder).</summary>
public static class ChecklistSets
{
    extension(EncoreDb db)
    {
        public DbSet<ChecklistTemplate> ChecklistTemplates => db.Set<ChecklistTemplate>();
        public DbSet<ChecklistRun> ChecklistRuns => db.Set<ChecklistRun>();
        public DbSet<ChecklistRunItem> ChecklistRunItems => db.Set<ChecklistRunItem>();
        public DbSet<ChecklistReminder> ChecklistReminders => db.Set<ChecklistReminder>();
    }
}
