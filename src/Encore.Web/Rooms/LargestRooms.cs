namespace Encore.Web.Rooms;

/// <summary>
/// The capacity of each venue's largest room, which a booking's party must fit (issue 13), kept in memory (issue 15):
/// every booking asked for it, and on PostgreSQL the aggregate over the venue's rooms was about a third of the
/// statement a booking reads its booker with. It is read again after any committed write to the rooms table in this
/// process (<see cref="BoardTables.RoomsGenerationOf"/>), after any write another instance reports through the bus,
/// and once it is older than <see cref="MaxAge"/> (a write no one reported: another process on the same file).
/// </summary>
public sealed class LargestRooms
{
    /// <summary>How stale a capacity may be after a write this process did not see; as the board's (<see cref="BoardProjection.MaxAge"/>).</summary>
    internal TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(1);

    // By database and venue: the tests' copies of one demo file share their venues' ids.
    private readonly KeptWhileUnchanged<(string Database, Guid Venue), int?> largest = new(BoardTables.RoomsGenerationOf);

    private static readonly CompiledQuery<Func<EncoreDb, Guid, Task<int?>>> Read = new(() =>
        EF.CompileAsyncQuery((EncoreDb db, Guid venue) => db.Rooms.Where(r => r.VenueId == venue).Max(r => (int?)r.Capacity)));

    /// <summary>The largest capacity among the venue's rooms; null when it has none.</summary>
    public Task<int?> OfAsync(EncoreDb db, Guid venue)
    {
        var database = BoardTables.DatabaseOf(db.Database.GetDbConnection());
        return largest.GetAsync(database, (database, venue), MaxAge, _ => true, () => Read.For(db)(db, venue));
    }
}
