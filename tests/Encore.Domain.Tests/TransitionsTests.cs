using Encore.Domain;

namespace Encore.Domain.Tests;

/// <summary>
/// Every machine against a grid of every status × every action: the status the action leads to, or "-" when the
/// machine refuses it. The grids name every status and every action, so a new one must be placed here too.
/// </summary>
public sealed class TransitionsTests
{
    [Fact]
    public void Bookings()
    {
        AssertGrid(BookingTransitions.Table, """
                       Assign     Arrive    Cancel     Open      Lapse    Complete
            Booked     Assigned   Arrived   Cancelled  -         Lapsed   -
            Assigned   -          Arrived   Cancelled  -         Lapsed   -
            Arrived    -          -         -          Arrived   -        Completed
            Lapsed     -          Arrived   -          -         -        -
            Cancelled  -          -         -          -         -        -
            Completed  -          -         -          -         -        -
            """);
    }

    [Fact]
    public void Rooms()
    {
        AssertGrid(RoomTransitions.Table, """
                          Reserve   Open      WalkIn    Unreserve  Close     Release  OutOfService
            Free          Reserved  -         Occupied  -          -         -        OutOfService
            Reserved      -         Occupied  -         Free       -         -        -
            Occupied      -         -         -         -          Cleaning  -        -
            Closing       -         -         -         -          Cleaning  -        -
            Cleaning      -         -         -         -          -         Free     OutOfService
            OutOfService  -         -         -         -          -         Free     -
            """);
    }

    [Fact]
    public void Approvals()
    {
        AssertGrid(ApprovalTransitions.Table, """
                      Grant     Deny    Use
            Pending   Granted   Denied  -
            Granted   -         -       Used
            Denied    -         -       -
            Used      -         -       -
            """);
    }

    [Fact]
    public void Leave()
    {
        AssertGrid(LeaveTransitions.Table, """
                      Approve   Reject    Back
            Pending   Approved  Rejected  -
            Approved  -         -         Approved
            Rejected  -         -         -
            """);
    }

    [Fact]
    public void Violations()
    {
        AssertGrid(ViolationTransitions.Table, """
                        Confirm    Appeal    Uphold  Overturn    Dismiss
            Proposed    Confirmed  Appealed  -       -           Dismissed
            Confirmed   -          Appealed  -       -           -
            Appealed    -          -         Upheld  Overturned  -
            Upheld      -          -         -       -           -
            Overturned  -          -         -       -           -
            Dismissed   -          -         -       -           -
            """);
    }

    [Fact]
    public void Card_disputes()
    {
        AssertGrid(DisputeTransitions.Table, """
                      Uphold  Reject
            Open      Upheld  Rejected
            Upheld    -       -
            Rejected  -       -
            """);
    }

    [Fact]
    public void Customer_flags()
    {
        AssertGrid(CustomerFlagTransitions.Table, """
                       Dismiss    Merge
            Open       Dismissed  Merged
            Dismissed  -          -
            Merged     -          -
            """);
    }

    [Theory]
    [InlineData(BookingStatus.Booked, new[] { BookingAction.Assign, BookingAction.Arrive, BookingAction.Cancel })]
    [InlineData(BookingStatus.Assigned, new[] { BookingAction.Arrive, BookingAction.Cancel })]
    [InlineData(BookingStatus.Lapsed, new[] { BookingAction.Arrive })]
    [InlineData(BookingStatus.Arrived, new[] { BookingAction.Open })]
    [InlineData(BookingStatus.Cancelled, new BookingAction[0])]
    [InlineData(BookingStatus.Completed, new BookingAction[0])]
    public void A_screen_is_offered_a_bookings_moves_but_not_the_hold_running_out_or_the_bill(BookingStatus status, BookingAction[] offered)
    {
        Assert.Equal(offered, BookingTransitions.Offered(status));
    }

    [Fact]
    public void Using_an_approval_is_the_bills_move_not_an_answer_offered()
    {
        Assert.Equal([ApprovalAction.Grant, ApprovalAction.Deny], ApprovalTransitions.Offered(ApprovalStatus.Pending));
        Assert.Empty(ApprovalTransitions.Offered(ApprovalStatus.Granted));
        Assert.True(ApprovalTransitions.CanMove(ApprovalStatus.Granted, ApprovalAction.Use));
    }

    [Theory]
    [InlineData(LeaveKind.CustomerDinner, LeaveStatus.Approved, true)]
    [InlineData(LeaveKind.Personal, LeaveStatus.Approved, false)]
    [InlineData(LeaveKind.Sick, LeaveStatus.Approved, false)]
    [InlineData(LeaveKind.CustomerDinner, LeaveStatus.Pending, false)]
    [InlineData(LeaveKind.CustomerDinner, LeaveStatus.Rejected, false)]
    public void Only_an_approved_customer_dinner_records_the_return(LeaveKind kind, LeaveStatus status, bool back)
    {
        Assert.Equal(back, LeaveTransitions.CanMove(status, kind, LeaveAction.Back));
        Assert.Equal(back, LeaveTransitions.Offered(status, kind).Contains(LeaveAction.Back));
    }

    [Fact]
    public void Deciding_leave_does_not_depend_on_its_kind()
    {
        foreach (var kind in Enum.GetValues<LeaveKind>())
            Assert.Equal([LeaveAction.Approve, LeaveAction.Reject], LeaveTransitions.Offered(LeaveStatus.Pending, kind));
    }

    [Theory]
    [InlineData(ViolationStatus.Proposed, false)]
    [InlineData(ViolationStatus.Confirmed, true)]
    [InlineData(ViolationStatus.Appealed, false)]
    [InlineData(ViolationStatus.Upheld, true)]
    [InlineData(ViolationStatus.Overturned, false)]
    public void A_fine_stands_once_confirmed_or_upheld(ViolationStatus status, bool stands)
    {
        Assert.Equal(stands, ViolationTransitions.Stands(status));
    }

    [Fact]
    public void A_refused_move_cannot_be_applied()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BookingTransitions.Apply(BookingStatus.Cancelled, BookingAction.Arrive));
        Assert.Contains("Arrive", e.Message);
        Assert.Equal(BookingStatus.Arrived, BookingTransitions.Apply(BookingStatus.Lapsed, BookingAction.Arrive));
    }

    [Fact]
    public void A_table_cannot_say_two_things_for_one_status_and_action()
    {
        Assert.Throws<ArgumentException>(() => new Transitions<DisputeStatus, DisputeAction>
        {
            { DisputeStatus.Open, DisputeAction.Uphold, DisputeStatus.Upheld },
            { DisputeStatus.Open, DisputeAction.Uphold, DisputeStatus.Rejected },
        });
    }

    [Fact]
    public void The_sweeper_finds_the_bookings_a_hold_can_lapse_from_the_table()
    {
        Assert.Equal([BookingStatus.Booked, BookingStatus.Assigned], BookingTransitions.Table.From(BookingAction.Lapse));
    }

    private static void AssertGrid<TStatus, TAction>(Transitions<TStatus, TAction> table, string grid)
        where TStatus : struct, Enum where TAction : struct, Enum
    {
        var lines = grid.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var actions = lines[0].Select(Enum.Parse<TAction>).ToList();
        var statuses = lines.Skip(1).Select(l => Enum.Parse<TStatus>(l[0])).ToList();
        Assert.Equal(Enum.GetValues<TAction>().Order(), actions.Order());
        Assert.Equal(Enum.GetValues<TStatus>().Order(), statuses.Order());

        var wrong = new List<string>();
        foreach (var row in lines.Skip(1))
        {
            var from = Enum.Parse<TStatus>(row[0]);
            for (var i = 0; i < actions.Count; i++)
            {
                TStatus? expected = row[i + 1] == "-" ? null : Enum.Parse<TStatus>(row[i + 1]);
                var actual = table.Next(from, actions[i]);
                if (!Equals(expected, actual)) wrong.Add($"{from} --{actions[i]}--> expected {expected?.ToString() ?? "refused"}, table says {actual?.ToString() ?? "refused"}");
                Assert.Equal(expected is not null, table.CanMove(from, actions[i]));
                Assert.Equal(expected is not null, table.Allowed(from).Contains(actions[i]));
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
