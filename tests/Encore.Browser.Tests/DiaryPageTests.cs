using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 17, the work diary on a phone: a manager opens tonight's diary pre-filled with the night's booked customer
/// and the comp given in their room, adds feedback and submits; their department head finds it submitted in the
/// team's list, opens it and comments.
/// </summary>
public sealed class DiaryPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static DiaryPageTests() => SetDefaultExpectTimeout(Patience);

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_manager_submits_tonights_pre_filled_diary_on_the_phone_and_the_department_head_reads_and_comments_it()
    {
        var errors = new List<string>();
        // Tonight m04's booked guest came and left: 1,280 spent, a fruit plate given.
        var host = await ui.ApiClient("h02");
        var manager = await ui.ApiClient("m04");
        var booking = await Ok(manager.PostAsJsonAsync("/api/bookings", new
        {
            customerName = "日记客", customerPhone = $"137{Random.Shared.Next(100_000_000):00000000}", arrival = ui.VenueNow().AddMinutes(20).ToString("O"), partySize = 4, roomType = "small",
        }));
        var id = booking.GetProperty("id").GetString();
        var room = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .First(r => r.GetProperty("state").GetString() == "free" && r.GetProperty("type").GetString() == "small").GetProperty("number").GetString()!;
        await Ok(host.PostAsJsonAsync($"/api/bookings/{id}/assign", new { roomNumber = room }));
        await Ok(host.PostAsJsonAsync($"/api/bookings/{id}/arrive", new { confirmationCode = booking.GetProperty("confirmationCode").GetString() }));
        await Ok(host.PostAsJsonAsync($"/api/rooms/{room}/open", new { bookingId = id }));
        await Ok((await ui.ApiClient("c01")).PostAsJsonAsync($"/api/rooms/{room}/close", new { spend = 1280, comps = new[] { new { item = "果盘", value = 88 } } }));

        var phone = await ui.OpenPage("m04", BrowserFixture.Phone, "/diary", errors);
        var diary = phone.Locator("[data-testid=diary]");
        await Expect(diary).ToBeVisibleAsync();
        await Expect(phone.Locator($"[data-testid=diary-booked] [data-room='{room}']")).ToContainTextAsync("日记客");
        await Expect(phone.Locator($"[data-testid=diary-booked] [data-room='{room}']")).ToContainTextAsync("1,280");
        await Expect(phone.Locator("[data-testid=diary-comps]")).ToContainTextAsync("果盘");
        await Expect(phone.Locator("[data-testid=diary-comps]")).ToContainTextAsync(room);
        await phone.Locator("#diary-feedback").FillAsync("日记客夸果盘新鲜，下周五再订");
        await phone.Locator("#diary-events").FillAsync("22:30 点歌系统重启一次");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "diary-phone.png"), FullPage = true });
        phone.Dialog += (_, dialog) => dialog.AcceptAsync();
        await phone.Locator("[data-testid=diary-submit]").ClickAsync();
        await Expect(diary.Locator("[data-status=submitted]")).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=diary-feedback-text]")).ToHaveTextAsync("日记客夸果盘新鲜，下周五再订");
        await Expect(phone.Locator("[data-testid=diary-form]")).ToHaveCountAsync(0);
        var tonight = ui.TonightBusinessDay().ToString("yyyy-MM-dd");
        var stored = await (await ui.ApiClient("m04")).GetFromJsonAsync<JsonElement>($"/api/diary/{tonight}");
        Assert.True(stored.GetProperty("submitted").GetBoolean());
        Assert.Equal("22:30 点歌系统重启一次", stored.GetProperty("events").GetString());

        // The department head: m04 submitted in the team's list; the diary opens on a tap, with the night and the words.
        var head = await ui.OpenPage("dh01", BrowserFixture.Phone, "/diary", errors);
        var row = head.Locator("[data-testid=diary-team-m04]");
        await Expect(row.Locator("[data-status=submitted]")).ToBeVisibleAsync();
        await Expect(head.Locator("[data-testid=diary-team-m07]")).ToHaveCountAsync(0); // 营销二部 is not theirs
        await row.ClickAsync();
        await Expect(head.Locator("[data-testid=diary-feedback-text]")).ToHaveTextAsync("日记客夸果盘新鲜，下周五再订");
        await Expect(head.Locator("[data-testid=diary-comps]")).ToContainTextAsync("果盘");
        await head.Locator("[data-testid=diary-comment-form] textarea").FillAsync("回访一下下周五的预订");
        await head.Locator("[data-testid=diary-comment-form] button[type=submit]").ClickAsync();
        await Expect(head.Locator("[data-testid=diary-comments]")).ToContainTextAsync("回访一下下周五的预订");
        await head.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "diary-head.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
