namespace Encore.Web.Complaints;

/// <summary>
/// Opens a complaint: its room's session, the manager who answers for it, and its three time limits on the venue's
/// clock and working calendar. One way in for the staff's form (POST /api/complaints) and the guest's own link,
/// so a complaint is the same thing whoever raised it. The caller saves, inside its own transaction.
/// </summary>
public static class ComplaintIntake
{
    /// <param name="Room">The room the complaint is about, when known.</param>
    /// <param name="SessionId">The session it is about: given by the guest's link, else the room's open session.</param>
    public sealed record Draft(ComplaintCategory Category, ComplaintSeverity Severity, ComplaintSource Source, string Description,
        Room? Room, Guid? SessionId, Customer? Customer, string GuestName, string GuestPhone, IReadOnlyCollection<Guid> StaffIds, Guid? CreatedById);

    public static async Task<Complaint> OpenAsync(EncoreDb db, VenueNow at, Draft draft, CancellationToken ct = default)
    {
        var sessionId = draft.SessionId;
        if (sessionId is null && draft.Room is { } room)
            sessionId = await db.RoomSessions.Where(s => s.RoomId == room.Id && s.ClosedAt == null).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        var credited = sessionId is { } sid ? await db.RoomSessions.Where(s => s.Id == sid).Select(s => s.CreditedToId).SingleOrDefaultAsync(ct) : null;
        var calendar = await WorkingCalendarApi.LoadAsync(db, at.VenueId, at.Rules, DateOnly.FromDateTime(at.Local(at.Now).DateTime), ct);
        var deadlines = ComplaintDeadlines.For(at.Now, at.Zone, at.Rules.Complaints, calendar);
        var complaint = new Complaint
        {
            VenueId = at.VenueId, Category = draft.Category, Severity = draft.Severity, Source = draft.Source, Description = draft.Description,
            RoomId = draft.Room?.Id, SessionId = sessionId, CustomerId = draft.Customer?.Id,
            GuestName = draft.GuestName, GuestPhone = draft.GuestPhone,
            // Who answers for the guests of the room: the session's credited manager, else the customer's own.
            ManagerId = credited ?? draft.Customer?.OwnerId,
            CreatedById = draft.CreatedById, CreatedAt = at.Now, BusinessDay = at.Today,
            AcknowledgeBy = deadlines.AcknowledgeBy, SolutionBy = deadlines.SolutionBy, FinalBy = deadlines.FinalBy,
        };
        db.Complaints.Add(complaint);
        foreach (var staffId in draft.StaffIds.Distinct())
            db.ComplaintStaff.Add(new ComplaintStaff { ComplaintId = complaint.Id, StaffId = staffId });
        return complaint;
    }
}
