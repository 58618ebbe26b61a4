using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 16, the guest's own voice: a guest opens the room's link on their phone without an account, gives one star
/// and reports tip soliciting; the complaint is the floor's at once, the floor manager proposes the tips fine from it,
/// and the manager finds it on their fines page.
/// </summary>
public sealed class GuestVoiceTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static GuestVoiceTests() => SetDefaultExpectTimeout(Patience);

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_guest_reports_tip_soliciting_from_their_phone_and_the_floor_fines_it_to_the_manager()
    {
        var errors = new List<string>();
        // m05's booked guests are shown into a room by the desk: the session is m05's.
        var host = await ui.ApiClient("h02");
        var manager = await ui.ApiClient("m05");
        var phone = $"139{Random.Shared.Next(100_000_000):00000000}";
        var booking = await Ok(manager.PostAsJsonAsync("/api/bookings", new
        {
            customerName = "评价客", customerPhone = phone, arrival = ui.VenueNow().AddMinutes(30).ToString("O"), partySize = 4, roomType = "medium",
        }));
        var id = booking.GetProperty("id").GetString();
        var room = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .First(r => r.GetProperty("state").GetString() == "free" && r.GetProperty("type").GetString() == "medium").GetProperty("number").GetString()!;
        await Ok(host.PostAsJsonAsync($"/api/bookings/{id}/assign", new { roomNumber = room }));
        await Ok(host.PostAsJsonAsync($"/api/bookings/{id}/arrive", new { confirmationCode = booking.GetProperty("confirmationCode").GetString() }));
        await Ok(host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = id }));
        var url = (await Ok(host.GetAsync($"/api/rooms/{room}/guest-link"))).GetProperty("url").GetString()!;

        // The desk finds the room's printable card from the board's room dialog: the room, and the QR of the link.
        var board = await ui.LivePage("h02", BrowserFixture.Desk, "/board", errors);
        var tile = board.Locator($"[data-room='{room}']");
        await Expect(tile).ToHaveAttributeAsync("data-state", "occupied");
        await tile.ClickAsync();
        await BookingBoardTests.DialogOpened(board);
        var cardLink = board.Locator("#board-dialog [data-testid=guest-card-link]");
        await Expect(cardLink).ToHaveAttributeAsync("href", $"/rooms/{room}/guest-card");
        await board.GotoAsync(ui.BaseUrl + $"/rooms/{room}/guest-card");
        await Expect(board.Locator("[data-testid=guest-card-room]")).ToContainTextAsync(room);
        await Expect(board.Locator("[data-testid=guest-card-url]")).ToHaveTextAsync(ui.BaseUrl + url);
        Assert.True(await board.Locator("[data-testid=guest-card-qr]").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image is drawn");
        await board.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "guest-card.png") });

        // The floor manager's complaints board is open before the guest writes.
        var floorPage = await ui.LivePage("fm01", BrowserFixture.Desk, "/complaints", errors);

        // The guest: a phone that never signed in.
        await using var guestContext = await ui.NewContextAsync(new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var guest = await guestContext.NewPageAsync();
        BrowserFixture.Watch(guest, "guest", errors);
        await guest.GotoAsync(ui.BaseUrl + url);
        await Expect(guest.Locator("[data-testid=guest-room]")).ToContainTextAsync(room);
        await Expect(guest.Locator("[data-testid=whoami]")).ToHaveCountAsync(0);
        await guest.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "guest-page.png"), FullPage = true });
        await guest.Locator("[data-testid=guest-star-1]").ClickAsync();
        await Expect(guest.Locator("[data-testid=guest-star-1]")).ToHaveAttributeAsync("aria-checked", "true");
        await guest.Locator("[data-testid=guest-comment]").FillAsync("服务员暗示要给小费才肯上果盘");
        await guest.Locator("[data-testid=guest-tip]").CheckAsync();
        await guest.Locator("[data-testid=guest-send]").ClickAsync();
        await Expect(guest.Locator("[data-testid=guest-thanks]")).ToBeVisibleAsync();
        await Expect(guest.Locator("#guest-thanks-complaint")).ToBeVisibleAsync();
        await Expect(guest.Locator("[data-testid=guest-form]")).ToBeHiddenAsync();
        await guest.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "guest-page-thanks.png"), FullPage = true });

        // The floor's board shows it at once, without a reload: a tips complaint from the guest, about m05's room.
        var onBoard = floorPage.Locator(".complaint-card", new() { Has = floorPage.Locator("[data-testid=from-guest]"), HasText = "服务员暗示要给小费才肯上果盘" });
        await Expect(onBoard).ToHaveCountAsync(1);
        await Expect(onBoard).ToContainTextAsync(room);
        await Expect(onBoard).ToContainTextAsync("m05");
        await floorPage.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "complaints-guest-tips.png") });
        var floor = await ui.ApiClient("fm01");
        var complaint = (await floor.GetFromJsonAsync<JsonElement>("/api/complaints")).EnumerateArray()
            .Single(c => c.GetProperty("roomNumber").GetString() == room && c.GetProperty("source").GetString() == "guest");
        Assert.Equal("tips", complaint.GetProperty("category").GetString());
        Assert.Equal("high", complaint.GetProperty("severity").GetString());
        Assert.Equal("m05", complaint.GetProperty("managerBadge").GetString());

        // The floor manager proposes the tips fine from the board (5× the ¥100 tip); m05 sees it on their fines page.
        await onBoard.Locator("summary").ClickAsync();
        var fineForm = onBoard.Locator("form[data-form=fine]");
        await Expect(fineForm.Locator("[name=badge]")).ToHaveValueAsync("m05");
        await fineForm.Locator("[name=tip]").FillAsync("100");
        await fineForm.Locator("[data-testid=propose-fine]").ClickAsync();
        await Expect(onBoard.Locator("[data-part=fines] [data-fine]")).ToHaveCountAsync(3); // the shares: floor manager, department head, m05
        var fine = (await floor.GetFromJsonAsync<JsonElement>($"/api/complaints/{complaint.GetProperty("id").GetString()}")).GetProperty("fines").EnumerateArray()
            .Single(f => f.GetProperty("badge").GetString() == "m05");
        var finesPage = await ui.SignedInPage("m05", new BrowserNewContextOptions(BrowserFixture.Phone) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(finesPage, "m05 /fines", errors);
        await finesPage.GotoAsync(ui.BaseUrl + "/fines");
        await Expect(finesPage.Locator("[data-testid=fines]")).ToHaveAttributeAsync("data-loaded", new Regex(@"^\d{4}-\d{2}$"));
        var card = finesPage.Locator($"[data-violation='{fine.GetProperty("id").GetString()}']").First;
        await Expect(card).ToHaveAttributeAsync("data-type", "tips");
        await Expect(card).ToHaveAttributeAsync("data-status", "proposed");
        Assert.Empty(errors);
    }
}
