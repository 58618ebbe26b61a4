using System.Text.Json.Serialization;

namespace Encore.Domain;

/// <summary>
/// API.md "Violations and fines": proposed (raised by the system, awaiting a floor manager) · confirmed · appealed ·
/// upheld · overturned · dismissed (a proposal the floor manager found unfounded). Stored in camelCase.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<ViolationStatus>))]
public enum ViolationStatus { Proposed, Confirmed, Appealed, Upheld, Overturned, Dismissed }

/// <summary>Uphold and Overturn are the two answers to an appeal (POST /api/violations/{id}/decide); Dismiss drops a proposal.</summary>
public enum ViolationAction { Confirm, Appeal, Uphold, Overturn, Dismiss }

/// <summary>
/// SPEC.md "Violations and fines": a floor manager confirms a proposed fine or dismisses it (the system's suspicion,
/// e.g. a guest not matching a booking, may have an innocent cause); obey first, appeal after (先服从后投诉):
/// a proposed or confirmed fine may be appealed, once; the appeal is upheld or overturned, once.
/// </summary>
public static class ViolationTransitions
{
    public static readonly Transitions<ViolationStatus, ViolationAction> Table = new()
    {
        { ViolationStatus.Proposed, ViolationAction.Confirm, ViolationStatus.Confirmed },
        { ViolationStatus.Proposed, ViolationAction.Dismiss, ViolationStatus.Dismissed },
        { ViolationStatus.Proposed, ViolationAction.Appeal, ViolationStatus.Appealed },
        { ViolationStatus.Confirmed, ViolationAction.Appeal, ViolationStatus.Appealed },
        { ViolationStatus.Appealed, ViolationAction.Uphold, ViolationStatus.Upheld },
        { ViolationStatus.Appealed, ViolationAction.Overturn, ViolationStatus.Overturned },
    };

    public static bool CanMove(ViolationStatus from, ViolationAction action) => Table.CanMove(from, action);
    public static ViolationStatus Apply(ViolationStatus from, ViolationAction action) => Table.Apply(from, action);
    public static IReadOnlyList<ViolationAction> Offered(ViolationStatus from) => Table.Offered(from);

    /// <summary>The fine is due: confirmed, or upheld on appeal.</summary>
    public static bool Stands(ViolationStatus status) => status is ViolationStatus.Confirmed or ViolationStatus.Upheld;
}

/// <summary>
/// The violation types the system raises by itself (the rest of the catalogue is the venue's, by code). Each is a
/// catalogue code: <see cref="Codes.Code{T}"/> gives "late", "absent", "unapprovedLeave", "offPost", "suspension", "cheating", "emptyDiary".
/// </summary>
public enum SystemViolation { Late, Absent, UnapprovedLeave, OffPost, Suspension, Cheating, EmptyDiary }

/// <summary>
/// SPEC.md "every fine … can be appealed (先服从后投诉); an appeal is decided by a higher role and the decision is
/// recorded". Who may appeal (the person charged, while the fine is proposed or confirmed) and who may decide (a
/// role above the one who raised it: the GM for a floor manager's fine, a floor manager or the GM for one the system
/// or a department head raised; never the person who raised it, nor the appellant; nobody stands above the GM, so a
/// GM's fine goes to another GM or a floor manager). Roles are facts the caller establishes.
/// </summary>
public static class Appeals
{
    public enum Refusal
    {
        /// <summary>Only the person charged appeals (to anyone else the charge is as good as not there).</summary>
        NotTheirs,
        /// <summary>Neither proposed nor confirmed: already appealed or decided.</summary>
        NotAppealable,
        /// <summary>There is no appeal to decide.</summary>
        NotAppealed,
        /// <summary>The decider is the appellant, the raiser, or not above the raiser.</summary>
        HigherRoleDecides,
    }

    /// <summary>The charge as the appeal rule sees it.</summary>
    /// <param name="RaisedById">Null when the system raised it.</param>
    /// <param name="RaisedByFloorManagerBelowGm">The raiser is a floor manager and not a GM.</param>
    public sealed record Charge(ViolationStatus Status, Guid ChargedId, Guid? RaisedById, bool RaisedByFloorManagerBelowGm);

    /// <summary>Null when <paramref name="callerId"/> may appeal a charge of <paramref name="chargedId"/> in <paramref name="status"/> now.</summary>
    public static Refusal? MayAppeal(ViolationStatus status, Guid chargedId, Guid callerId) =>
        chargedId != callerId ? Refusal.NotTheirs
        : !ViolationTransitions.CanMove(status, ViolationAction.Appeal) ? Refusal.NotAppealable
        : null;

    /// <summary>Null when <paramref name="deciderId"/> (a GM or not) may decide the charge's appeal now.</summary>
    public static Refusal? MayDecide(Charge charge, Guid deciderId, bool deciderIsGm) =>
        !ViolationTransitions.CanMove(charge.Status, ViolationAction.Uphold) ? Refusal.NotAppealed
        : charge.ChargedId == deciderId || charge.RaisedById == deciderId || (charge.RaisedByFloorManagerBelowGm && !deciderIsGm) ? Refusal.HigherRoleDecides
        : null;
}
