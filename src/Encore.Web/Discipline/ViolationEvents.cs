using Encore.Web.Board;
using Encore.Web.Staff;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Discipline;

/// <summary>
/// "violationsChanged" { businessDay }: a violation was raised, confirmed, appealed or decided. It names no one and
/// carries no evidence (system evidence may hold a phone, masked per reader): the fines page fetches its month again
/// through GET /api/violations, which shows each reader what they may see.
/// </summary>
public sealed record ViolationsChanged(DateOnly BusinessDay);

/// <summary>
/// To those whose fines page lists the violations (<see cref="ViolationsApi.VisibleAsync"/>): each person charged,
/// the department heads of their departments, and who holds <see cref="Capability.Discipline"/> (the floor, the GM).
/// </summary>
public static class ViolationEvents
{
    public static void ViolationsChanged(this BoardNotifier board, Guid venue, IReadOnlyCollection<Guid> violationIds) =>
        board.Post(venue, async live =>
        {
            var charged = await live.Db.Violations.Where(v => violationIds.Contains(v.Id))
                .Join(live.Db.Users, v => v.StaffId, u => u.Id, (v, u) => new { v.StaffId, v.BusinessDay, u.Department }).ToListAsync(live.Ct);
            if (charged.Count == 0) return;
            var departments = charged.Select(c => c.Department).Where(d => d != "").Distinct().ToList();
            var heads = departments.Count == 0 ? [] : await live.Db.Holding(venue, Capability.SeeDepartment)
                .Where(s => s.IsActive && departments.Contains(s.Department)).Select(s => s.Id).ToListAsync(live.Ct);
            var floor = await live.Db.Holding(venue, Capability.Discipline).Where(s => s.IsActive).Select(s => s.Id).ToListAsync(live.Ct);
            // Ids formatted here, as the hub knows its users, not by the database (SQLite keeps them upper case).
            var to = charged.Select(c => c.StaffId).Concat(heads).Concat(floor).Distinct().Select(id => id.ToString()).ToList();
            foreach (var day in charged.Select(c => c.BusinessDay).Distinct())
                await live.Clients.Users(to).SendAsync("violationsChanged", new ViolationsChanged(day), live.Ct);
        });
}
