using Encore.Web.Auth;
using Encore.Web.Approvals;
using Encore.Web.Attendance;
using Encore.Web.Bills;
using Encore.Web.Board;
using Encore.Web.Bookings;
using Encore.Web.Customers;
using Encore.Web.Discipline;
using Encore.Web.GuestService;
using Encore.Web.Performance;
using Encore.Web.Rotation;
using Encore.Web.Rooms;
using Encore.Web.Staff;

// Composition only: the platform, then one line a feature.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = LaunchEnvironment.Resolve(args), ContentRootPath = LaunchEnvironment.ContentRoot(args) });
var settings = EncoreSettings.From(builder.Configuration, builder.Environment);

if (args.Contains("--schema-script"))
{
    // Developer aid for writing the next hand-written migration (see Data/SchemaMigrator.cs).
    Console.WriteLine(SchemaScript.For(args.SkipWhile(a => a != "--schema-script").Skip(1).FirstOrDefault() ?? "sqlite"));
    return;
}

if (args.Contains("--backup") || args.Contains("--restore"))
{
    // Operator commands: see Data/Backup.cs. They act on ENCORE_DB and exit.
    if (settings.IsPostgres) { Console.Error.WriteLine("ENCORE_DB is PostgreSQL: use pg_dump / pg_restore."); return; }
    var restore = args.Contains("--restore");
    var file = args.SkipWhile(a => a != (restore ? "--restore" : "--backup")).Skip(1).FirstOrDefault()
               ?? throw new ArgumentException("Name the backup file: --backup <file> or --restore <file>.");
    var check = restore ? Backup.RestoreFrom(file, settings.Db) : Backup.BackupTo(settings.Db, file);
    Console.WriteLine($"{(restore ? "Restored" : "Backed up")} {settings.Db} {(restore ? "from" : "to")} {file}: integrity {check}");
    return;
}

builder.AddEncorePlatform(settings);
builder.AddEncoreDatabase(settings);
builder.AddEncoreSecurity();
// One line a feature: each registers its own services, menu entries, demo data and routes (Platform/Features.cs).
builder.AddFeature<AuthFeature>();
builder.AddFeature<AuditFeature>();
builder.AddFeature<HouseRulesFeature>();
builder.AddFeature<StaffFeature>();
builder.AddFeature<BoardFeature>();
builder.AddFeature<RoomsFeature>();
builder.AddFeature<BookingsFeature>();
builder.AddFeature<AttendanceFeature>();
builder.AddFeature<RotationFeature>();
builder.AddFeature<ApprovalsFeature>();
builder.AddFeature<BillsFeature>();
builder.AddFeature<PerformanceFeature>();
builder.AddFeature<DisciplineFeature>();
builder.AddFeature<CustomersFeature>();
builder.AddFeature<Encore.Web.Complaints.ComplaintsFeature>();
builder.AddFeature<GuestServiceFeature>();
builder.AddFeature<Encore.Web.Diary.DiaryFeature>();
builder.AddFeature<Encore.Web.Checklists.ChecklistsFeature>();
builder.AddFeature<Encore.Web.Meetings.MeetingsFeature>();
builder.AddFeature<Encore.Web.Handover.HandoverFeature>();
builder.AddFeature<Encore.Web.Rankings.RankingsFeature>();
builder.AddFeature<Encore.Web.Training.TrainingFeature>();
builder.AddFeature<Encore.Web.Watch.WatchFeature>();
builder.AddFeature<Encore.Web.Push.PushFeature>();
builder.AddFeature<Encore.Web.Appraisals.AppraisalsFeature>();
builder.AddFeature<Encore.Web.Reports.ReportsFeature>();
builder.AddFeature<Encore.Web.Reports.IntegrityFeature>();
builder.AddFeature<Encore.Web.Reports.ReplayFeature>();
builder.AddFeature<Encore.Web.Accounts.AccountsFeature>();
builder.AddFeature<Encore.Web.Chain.ChainFeature>();

var app = builder.Build();
await app.InitializeDatabaseAsync(settings);

app.UseEncorePlatform();
app.UseRequestBodyLimits();
app.UseQueryValueGuard();
app.UseCrossSiteRefusal();
app.UseAuthentication();
app.UseAccountStatus();
app.UseAuthorization();
app.UseAntiforgery();
app.UseIdempotencyKeys();

app.MapEncorePlatform();
app.MapClockApi();
app.MapFeatures();
app.MapRazorPages();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
