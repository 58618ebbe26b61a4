namespace Encore.Domain;

/// <summary>
/// SPEC.md "Walk-in rotation" (轮房): the managers signed in for the business day stand in a queue; a walk-in
/// goes to the first one in the queue who is available, who then moves to the back. Anyone skipped (busy with
/// a guest, on leave, suspended, late without a call-in) keeps their place at the front, so they are next once available again.
/// Nobody can be picked out of turn: the queue alone decides.
/// </summary>
public static class Rotation
{
    /// <summary>Why a manager in the queue is skipped. LateNoCallIn: signed in late without having called in, so
    /// tonight's booking rights are lost (and the night's performance would not count).</summary>
    public enum Unavailable { Busy, OnLeave, Suspended, SignedOut, LateNoCallIn }

    /// <summary>One manager in the queue; a lower position goes first.</summary>
    public sealed record Member(string Badge, long Position, Unavailable? Reason);

    public sealed record Pick(Member Chosen, IReadOnlyList<Member> Skipped, long NewPosition);

    /// <summary>The queue in the order the next walk-ins go.</summary>
    public static IReadOnlyList<Member> Order(IEnumerable<Member> members) =>
        members.OrderBy(m => m.Position).ThenBy(m => m.Badge, StringComparer.Ordinal).ToList();

    /// <summary>Who gets the next walk-in, who was passed over on the way, and the chosen one's place at the back; null if nobody is available.</summary>
    public static Pick? Next(IEnumerable<Member> members)
    {
        var queue = Order(members);
        var skipped = new List<Member>();
        foreach (var member in queue)
        {
            if (member.Reason is null)
                return new Pick(member, skipped, queue.Max(m => m.Position) + 1);
            skipped.Add(member);
        }
        return null;
    }

    /// <summary>Where a manager signing in joins: at the back.</summary>
    public static long JoinPosition(IEnumerable<Member> members) =>
        members.Select(m => m.Position).DefaultIfEmpty(0).Max() + 1;
}
