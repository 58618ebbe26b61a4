using Encore.Web.Tests;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 14, room quotas in real browsers: with the house rule on, the night's quotas (split at the 19:00 meeting;
/// the simulated clock stands at 21:00) show on the host desk's board and on a manager's phone (390×844), and a
/// booking the manager makes takes one off both screens live. This class has its own server (the rule stays on here).
/// </summary>
public sealed class RoomQuotaTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static RoomQuotaTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_quota_shows_on_the_desk_board_and_the_managers_phone_and_a_booking_takes_one_off_live()
    {
        var errors = new List<string>();
        var gm = await ui.ApiClient("gm01");
        var put = await gm.PutAsJsonAsync("/api/house-rules", new { bookings = new { roomQuotas = true } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        // A manager in tonight's split who may book (the demo night has managers who lost tonight's booking rights).
        var quotas = await gm.GetFromJsonAsync<JsonElement>("/api/quotas");
        Assert.True(quotas.GetProperty("split").GetBoolean());
        string? badge = null;
        JsonElement type = default;
        foreach (var m in quotas.GetProperty("managers").EnumerateArray())
        {
            var available = m.GetProperty("types").EnumerateArray().Where(t => t.GetProperty("left").GetInt32() > 0).ToList();
            if (available.Count == 0) continue;
            var client = await ui.ApiClient(m.GetProperty("badge").GetString()!);
            var check = await client.GetFromJsonAsync<JsonElement>("/api/attendance/today");
            if (check.TryGetProperty("bookingSuspended", out var s) && s.GetBoolean()) continue;
            badge = m.GetProperty("badge").GetString();
            type = available[0];
            break;
        }
        Assert.NotNull(badge);
        var left = quotas.GetProperty("managers").EnumerateArray().Single(m => m.GetProperty("badge").GetString() == badge).GetProperty("left").GetInt32();
        var typeName = type.GetProperty("roomType").GetString()!;
        var typeLeft = type.GetProperty("left").GetInt32();

        var board = await ui.LivePage("h02", BrowserFixture.Desk, "/board", errors, 2 * Patience);
        var row = board.Locator($"[data-testid=quotas] [data-badge={badge}]");
        await Expect(board.Locator("[data-testid=quotas]")).ToBeVisibleAsync();
        await Expect(board.Locator("[data-testid=quotas] h2")).ToHaveTextAsync("今晚房间配额");
        await Expect(row).ToHaveAttributeAsync("data-left", left.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row).ToContainTextAsync($"剩 {left}");

        var phone = await ui.LivePage(badge!, BrowserFixture.Phone, "/bookings", errors, 2 * Patience);
        var mine = phone.Locator("[data-testid=my-quota]");
        await Expect(mine).ToHaveAttributeAsync("data-left", left.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(mine.Locator($"[data-type={typeName}]")).ToHaveAttributeAsync("data-left", typeLeft.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The phone layout: the quota card fits the 390-pixel screen.
        var box = await phone.Locator("[data-testid=quotas]").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"quota card at {box.X}+{box.Width}");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "quota-phone.png") });

        // The manager books one room of that type on the phone's form: both screens count it off, live.
        await phone.FillAsync("#b-name", "配额客人");
        await phone.FillAsync("#b-phone", "13900000471");
        await phone.FillAsync("#b-arrival", ui.ArrivalIn(1));
        await phone.FillAsync("#b-party", "4");
        await phone.SelectOptionAsync("#b-type", typeName);
        await phone.ClickAsync("[data-testid=book]");
        await Expect(phone.Locator("[data-testid=booking-flash]")).ToBeVisibleAsync();
        var after = (left - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(mine).ToHaveAttributeAsync("data-left", after);
        await Expect(mine.Locator($"[data-type={typeName}]")).ToHaveAttributeAsync("data-left", (typeLeft - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row).ToHaveAttributeAsync("data-left", after);
        await board.Locator("[data-testid=quotas]").ScrollIntoViewIfNeededAsync();
        await board.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "quota-board.png") });

        Assert.Empty(errors);
    }
}
