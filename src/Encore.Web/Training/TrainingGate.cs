namespace Encore.Web.Training;

/// <summary>
/// The one place the training prerequisite meets discount authority (house rule <c>training.authorityNeedsCourse</c>):
/// every check of a giver's authority (closing a bill, a comp on a complaint) asks <see cref="AuthorityOfAsync"/> instead
/// of <see cref="Authority.Of"/>. A manager who has not passed a course marked <c>discountAuthority</c> then has none:
/// any discount or comp above 0 needs an approval exactly as one beyond their authority does.
/// </summary>
public static class TrainingGate
{
    public static async Task<RoleAuthority> AuthorityOfAsync(EncoreDb db, VenueNow at, Guid staffId, IReadOnlyCollection<string> roles)
    {
        var on = at.Rules.Training.AuthorityNeedsCourse;
        // Asked only when it could matter: the rule off, or a role the rule does not gate, reads nothing.
        var passed = TrainingPolicy.Gated(on, roles, passedAuthorityCourse: false) && await PassedAuthorityCourseAsync(db, at.VenueId, staffId);
        return TrainingPolicy.AuthorityOf(at.Rules.Authority, roles, on, passed);
    }

    /// <summary>Whether the person passed (any attempt at or above the pass mark) a course marked discountAuthority that was not cancelled.</summary>
    public static Task<bool> PassedAuthorityCourseAsync(EncoreDb db, Guid venue, Guid staffId) =>
        (from s in db.Set<TrainingScore>()
         join c in db.Set<TrainingCourse>() on s.CourseId equals c.Id
         where s.StaffId == staffId && s.Passed && c.VenueId == venue && c.DiscountAuthority && c.CancelledAt == null
         select s.Id).AnyAsync();
}
