namespace Encore.Web.Attendance;

/// <summary>A person's attendance row of a business day, for the Attendance feature and those that mark it (the discipline sweep).</summary>
public static class AttendanceDays
{
    /// <summary>The attendance row of a person's business day, created when first needed.</summary>
    public static async Task<AttendanceDay> RowAsync(EncoreDb db, Guid venue, Guid staffId, DateOnly day)
    {
        var row = await db.AttendanceDays.SingleOrDefaultAsync(d => d.StaffId == staffId && d.BusinessDay == day);
        if (row is null) db.AttendanceDays.Add(row = new AttendanceDay { VenueId = venue, StaffId = staffId, BusinessDay = day });
        return row;
    }
}
