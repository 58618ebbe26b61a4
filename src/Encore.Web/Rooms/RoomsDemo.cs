namespace Encore.Web.Rooms;

/// <summary>The demo venue's 70 rooms, on five floors.</summary>
public sealed class RoomsDemo : IFeatureData
{
    public int Order => 20;

    /// <summary>The rooms in the order they were added, for the steps after this one.</summary>
    public sealed record Added(IReadOnlyList<Room> List);

    public Task AddDemoAsync(DemoVenue demo)
    {
        var rooms = Rooms(demo.Venue.Id, demo.Now).ToList();
        demo.Db.Rooms.AddRange(rooms);
        demo.Share(new Added(rooms));
        return Task.CompletedTask;
    }

    private static IEnumerable<Room> Rooms(Guid venueId, DateTimeOffset now)
    {
        // Floor 1: 20 small, floor 2: 20 medium, floor 3: 15 large, floor 5: 10 VIP, floor 6: 5 party rooms.
        (RoomType Type, int Floor, int Count, int Capacity, decimal MinimumSpend)[] plan =
        [
            (RoomType.Small, 1, 20, 6, 600),
            (RoomType.Medium, 2, 20, 10, 1200),
            (RoomType.Large, 3, 15, 16, 2000),
            (RoomType.Vip, 5, 10, 20, 5000),
            (RoomType.Party, 6, 5, 40, 8000),
        ];
        foreach (var (type, floor, count, capacity, spend) in plan)
            for (var i = 1; i <= count; i++)
                yield return new Room
                {
                    VenueId = venueId,
                    Number = $"{floor}{i:00}",
                    Type = type,
                    Capacity = capacity,
                    MinimumSpend = spend,
                    Area = $"{floor}F",
                    CreatedAt = now,
                };
    }
}
