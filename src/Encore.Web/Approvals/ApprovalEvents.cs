using Encore.Web.Board;
using Microsoft.AspNetCore.SignalR;

namespace Encore.Web.Approvals;

/// <summary>An approval's live event: to those who decide approvals, and to whoever asked.</summary>
public static class ApprovalEvents
{
    public static void ApprovalChanged(this BoardNotifier board, Guid venue, Guid approvalId) =>
        board.Post(venue, async live =>
        {
            if (await ApprovalQueries.ViewAsync(live.Db, approvalId, live.At) is not { } approval) return;
            await live.Clients.Group(BoardHub.ApproverGroup(venue)).SendAsync("approvalChanged", approval, live.Ct);
            await live.Clients.User(approval.RequestedById.ToString()).SendAsync("approvalChanged", approval, live.Ct);
        });
}
