namespace Encore.Domain;

public enum LeaveKind { Personal, Sick, CustomerDinner }

/// <summary>SPEC.md "Attendance and leave": pending until the floor manager approves or rejects it. Stored by name.</summary>
public enum LeaveStatus { Pending, Approved, Rejected }

/// <summary>Back: the person says they are back on the floor from an approved customer dinner (陪客户吃饭).</summary>
public enum LeaveAction { Approve, Reject, Back }

/// <summary>A request is decided once; only an approved customer dinner records the return.</summary>
public static class LeaveTransitions
{
    public static readonly Transitions<LeaveStatus, LeaveAction> Table = new()
    {
        { LeaveStatus.Pending, LeaveAction.Approve, LeaveStatus.Approved },
        { LeaveStatus.Pending, LeaveAction.Reject, LeaveStatus.Rejected },
        { LeaveStatus.Approved, LeaveAction.Back, LeaveStatus.Approved },
    };

    public static bool CanMove(LeaveStatus from, LeaveKind kind, LeaveAction action) =>
        Table.CanMove(from, action) && (action != LeaveAction.Back || kind == LeaveKind.CustomerDinner);

    public static LeaveStatus Apply(LeaveStatus from, LeaveAction action) => Table.Apply(from, action);

    public static IReadOnlyList<LeaveAction> Offered(LeaveStatus from, LeaveKind kind) =>
        Table.Offered(from).Where(a => CanMove(from, kind, a)).ToList();
}
