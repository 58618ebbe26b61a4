using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;
using Encore.Web.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Rooms;

/// <summary>
/// Issue 15: GET /api/rooms answers from memory (Rooms/BoardProjection.cs) until a write to the board's tables
/// commits, and never shows a board from before a committed write — also one the change tracker never saw.
/// On the training clock, so no sweeper writes while a test counts the board's reads.
/// </summary>
public sealed class BoardProjectionTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private BoardProjection Projection => app.Services.GetRequiredService<BoardProjection>();

    private static string AreaOf(JsonElement rooms, string number) =>
        rooms.EnumerateArray().Single(r => r.GetProperty("number").GetString() == number).GetProperty("area").GetString()!;

    [Fact]
    public async Task The_board_is_read_once_until_a_write_to_its_tables_commits()
    {
        // Counting reads: the one-second bound for other processes' writes must not read it again on a slow machine.
        Projection.MaxAge = TimeSpan.FromMinutes(10);
        // Both signed in first: a sign-in writes the account's row (the staff table is one the board shows).
        var m01 = await app.ClientFor("m01");
        var desk = await app.ClientFor("h02");
        var first = await m01.GetStringAsync("/api/rooms");
        var builds = Projection.Builds;
        Assert.Equal(first, await desk.GetStringAsync("/api/rooms"));
        Assert.Equal(first, await m01.GetStringAsync("/api/rooms"));
        Assert.Equal(builds, Projection.Builds);

        // A write EF's change tracker never sees (ExecuteUpdate), as a sweeper or an import may write.
        await app.WithAsync(db => db.Rooms.Where(r => r.Number == "101").ExecuteUpdateAsync(s => s.SetProperty(r => r.Area, "东翼")));
        var after = await m01.GetFromJsonAsync<JsonElement>("/api/rooms");
        Assert.Equal("东翼", AreaOf(after, "101"));
        Assert.Equal(builds + 1, Projection.Builds);
    }

    [Fact]
    public async Task A_board_read_while_a_write_is_uncommitted_is_not_kept_after_the_commit()
    {
        var m01 = await app.ClientFor("m01");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EncoreDb>();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await db.Rooms.Where(r => r.Number == "102").ExecuteUpdateAsync(s => s.SetProperty(r => r.Area, "西翼"));
            // Read before the commit: the old area (another connection does not see the write yet).
            Assert.NotEqual("西翼", AreaOf(await m01.GetFromJsonAsync<JsonElement>("/api/rooms"), "102"));
            await tx.CommitAsync();
        }
        Assert.Equal("西翼", AreaOf(await m01.GetFromJsonAsync<JsonElement>("/api/rooms"), "102"));
    }

    [Fact]
    public async Task A_booking_assigned_through_the_API_is_on_the_next_board_read()
    {
        var m01 = await app.ClientFor("m01");
        var board = await m01.GetFromJsonAsync<JsonElement>("/api/rooms"); // the board is in memory now
        var free = board.EnumerateArray().First(r => r.GetProperty("state").GetString() == "free" && r.GetProperty("capacity").GetInt32() >= 4)
            .GetProperty("number").GetString()!;
        var booking = await (await m01.PostAsJsonAsync("/api/bookings",
            new { customerName = "投影", customerPhone = "13700001515", arrival = "22:00", partySize = 4 })).Content.ReadFromJsonAsync<JsonElement>();
        var desk = await app.ClientFor("h02");
        var assigned = await desk.PostAsJsonAsync($"/api/bookings/{booking.GetProperty("id").GetString()}/assign", new { roomNumber = free });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        var room = (await m01.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray().Single(r => r.GetProperty("number").GetString() == free);
        Assert.Equal("reserved", room.GetProperty("state").GetString());
        Assert.Equal(booking.GetProperty("id").GetString(), room.GetProperty("bookingId").GetString());
    }
}
