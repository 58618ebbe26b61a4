using Encore.Web.Data;

namespace Encore.Web.Tests;

/// <summary>
/// The demo is a chain of two venues seeded alike (<see cref="DemoSeed"/>): "main", where a test's clients sign in
/// unless it names another, and "hangzhou", with the same badges, the same room numbers and the same kinds of rows. A
/// test that reads the database to check what main's staff do or see reads main's rows: a badge names one person per
/// venue, and a count or a sum over the whole database is the chain's, not the venue's.
/// </summary>
public static class MainVenue
{
    public const string Code = Startup.FirstVenueCode;

    /// <summary>Main's id as a scalar subquery, the same text on SQLite and PostgreSQL: <c>s."VenueId" = {Sql}</c> in hand SQL.</summary>
    public const string Sql = $"(SELECT \"Id\" FROM venues WHERE \"Code\" = '{Code}')";

    /// <summary>Main's id.</summary>
    public static Guid MainVenueId(this EncoreDb db) => db.Venues.Where(v => v.Code == Code).Select(v => v.Id).Single();

    /// <summary>Main's rows of a venue-owned table.</summary>
    public static IQueryable<T> OfMain<T>(this IQueryable<T> rows, EncoreDb db) where T : class, IVenueOwned
    {
        var venue = db.MainVenueId();
        return rows.Where(r => r.VenueId == venue);
    }

    /// <summary>Main's staff.</summary>
    public static IQueryable<StaffMember> MainStaff(this EncoreDb db) => db.Users.OfMain(db);

    /// <summary>Main's member of staff with this badge.</summary>
    public static StaffMember MainStaff(this EncoreDb db, string badge) => db.MainStaff().Single(u => u.UserName == badge);

    /// <summary>Main's audit entries (a chain admin's are the venue's they acted on; the system's have none).</summary>
    public static IQueryable<AuditEntry> MainAudit(this EncoreDb db)
    {
        var venue = db.MainVenueId();
        return db.AuditEntries.Where(a => a.VenueId == venue);
    }
}
