namespace Encore.Web.Staff;

/// <summary>
/// What other features ask about the venue's people: who someone is by badge, what roles they have, who holds
/// a capability. The one place these queries are written (the caller's own roles come from <see cref="Platform.Caller"/>).
/// </summary>
public static class StaffDirectory
{
    /// <summary>The venue's staff holding a capability (e.g. everyone who may keep customers).</summary>
    public static IQueryable<StaffMember> Holding(this EncoreDb db, Guid venue, Capability capability) =>
        db.InRoles(venue, Capabilities.RolesFor(capability));

    public static IQueryable<StaffMember> InRoles(this EncoreDb db, Guid venue, IEnumerable<string> roles)
    {
        var names = roles.ToList();
        return db.Users.Where(u => u.VenueId == venue
                                   && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && names.Contains(r.Name!))));
    }

    public static Task<List<string>> RolesOfAsync(this EncoreDb db, Guid staffId) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == staffId select r.Name!).ToListAsync();

    public static Task<bool> HasRoleAsync(this EncoreDb db, Guid staffId, string role) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == staffId && r.Name == role select r).AnyAsync();

    /// <summary>The staff id behind a badge in a venue (badges are case-insensitive), or null.</summary>
    public static Task<Guid?> StaffIdAsync(this EncoreDb db, Guid venue, string? badge, bool activeOnly = false)
    {
        var normalized = Normalize(badge);
        return db.Users.Where(u => u.VenueId == venue && u.NormalizedUserName == normalized && (!activeOnly || u.IsActive))
            .Select(u => (Guid?)u.Id).SingleOrDefaultAsync();
    }

    /// <summary>
    /// The member of staff (tracked, for a change) behind a badge in a venue, or null. <paramref name="normalizedBadge"/> is
    /// Identity's normalization (UserManager.NormalizeName): badges are unique within a venue only (issue 21).
    /// </summary>
    public static Task<StaffMember?> MemberAsync(this EncoreDb db, Guid venue, string normalizedBadge) =>
        db.Users.SingleOrDefaultAsync(u => u.VenueId == venue && u.NormalizedUserName == normalizedBadge);

    public static Task<Dictionary<Guid, string>> BadgesAsync(this EncoreDb db, IEnumerable<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        return db.Users.Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!);
    }

    public static string Normalize(string? badge) => (badge ?? "").Trim().ToUpperInvariant();
}
