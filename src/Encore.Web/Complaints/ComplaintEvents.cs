using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Complaints;

/// <summary>
/// "complaintChanged" { id, businessDay, escalation }: a complaint was made, acknowledged, acted on, resolved, fined or
/// escalated. It carries no guest data: the pages fetch it again through GET /api/complaints/{id}, which shows each
/// reader what they may see.
/// </summary>
public sealed record ComplaintChanged(Guid Id, DateOnly BusinessDay, EscalationLevel Escalation);

/// <summary>
/// To those whose complaints page lists it (<see cref="ComplaintsApi.VisibleAsync"/>): who sees every complaint (the
/// floor, the GM, the desk), the department heads of the manager and of the staff it names, the manager, the staff named.
/// </summary>
public static class ComplaintEvents
{
    public static void ComplaintChanged(this BoardNotifier board, Guid venue, Guid complaintId) =>
        board.Post(venue, async live =>
        {
            var complaint = await live.Db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == complaintId, live.Ct);
            if (complaint is null) return;
            var named = await live.Db.ComplaintStaff.Where(s => s.ComplaintId == complaintId).Select(s => s.StaffId).ToListAsync(live.Ct);
            var concerned = named.Concat(complaint.ManagerId is { } m ? [m] : []).ToList();
            var departments = await live.Db.Users.Where(u => concerned.Contains(u.Id) && u.Department != "").Select(u => u.Department).Distinct().ToListAsync(live.Ct);
            var heads = departments.Count == 0 ? [] : await live.Db.Holding(venue, Capability.SeeDepartment)
                .Where(s => s.IsActive && departments.Contains(s.Department)).Select(s => s.Id).ToListAsync(live.Ct);
            var all = await live.Db.Holding(venue, Capability.SeeAllComplaints).Where(s => s.IsActive).Select(s => s.Id).ToListAsync(live.Ct);
            var to = concerned.Concat(heads).Concat(all).Distinct().Select(id => id.ToString()).ToList();
            await live.Clients.Users(to).SendAsync("complaintChanged",
                new ComplaintChanged(complaint.Id, complaint.BusinessDay, complaint.Deadlines.EscalationAt(complaint.Status, live.At.Now)), live.Ct);
        });
}
