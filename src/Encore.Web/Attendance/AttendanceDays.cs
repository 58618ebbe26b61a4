using Encore.Web.Customers;

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

    /// <summary>Sets the day's note the system writes: in Chinese in the column, as a message to read in each reader's language beside it.</summary>
    public static void Note(AttendanceDay day, PhoneText note)
    {
        day.Note = note.Masked;
        day.NoteText = note.Json;
    }

    /// <summary>The day's note in the request's language (a note written before messages were kept: as written).</summary>
    public static string ReadNote(AttendanceDay day) => PhoneText.Read(day.Note, day.NoteText);
}
