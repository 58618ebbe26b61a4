namespace Encore.Domain;

/// <summary>API.md "Approvals": pending, granted, denied, and used (by the one bill it was granted for). Stored by name.</summary>
public enum ApprovalStatus { Pending, Granted, Denied, Used }

/// <summary>Grant and Deny are a floor manager's or the GM's answer; Use follows from closing the room with it.</summary>
public enum ApprovalAction { Grant, Deny, Use }

/// <summary>SPEC.md "Room sessions": a request is answered once; a granted one is used once, by its session's bill.</summary>
public static class ApprovalTransitions
{
    public static readonly Transitions<ApprovalStatus, ApprovalAction> Table = new(ApprovalAction.Use)
    {
        { ApprovalStatus.Pending, ApprovalAction.Grant, ApprovalStatus.Granted },
        { ApprovalStatus.Pending, ApprovalAction.Deny, ApprovalStatus.Denied },
        { ApprovalStatus.Granted, ApprovalAction.Use, ApprovalStatus.Used },
    };

    public static bool CanMove(ApprovalStatus from, ApprovalAction action) => Table.CanMove(from, action);
    public static ApprovalStatus Apply(ApprovalStatus from, ApprovalAction action) => Table.Apply(from, action);
    public static IReadOnlyList<ApprovalAction> Offered(ApprovalStatus from) => Table.Offered(from);
}
