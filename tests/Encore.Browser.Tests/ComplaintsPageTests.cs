using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// Issue 16: the desk takes a complaint on its screen (a missing category named next to its field first), the floor's
/// complaints board shows it without a reload, the room's manager sees it on their phone, the floor resolves it with
/// the guest's satisfaction and the manager's phone follows. The GM's home page counts the overdue ones.
/// </summary>
public sealed class ComplaintsPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    static ComplaintsPageTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_complaint_taken_at_the_desk_reaches_the_floor_and_the_managers_phone_live_and_is_resolved()
    {
        var errors = new List<string>();
        var host = await ui.ApiClient("h02");
        var rooms = await host.GetFromJsonAsync<JsonElement>("/api/rooms");
        var room = rooms.EnumerateArray().First(r => r.GetProperty("state").GetString() == "free").GetProperty("number").GetString()!;
        // A walk-in given to m06 through the rotation would depend on tonight's queue: a booking of m06's, opened, credits m06.
        var booker = await ui.ApiClient("m06");
        var booked = await booker.PostAsJsonAsync("/api/bookings", new { customerName = "冯先生", customerPhone = "13500000616", arrival = ui.ArrivalIn(0.5), partySize = 4 });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var booking = await booked.Content.ReadFromJsonAsync<JsonElement>();
        var id = booking.GetProperty("id").GetString();
        foreach (var (url, body) in new (string, object)[]
                 {
                     ($"/api/bookings/{id}/assign", new { roomNumber = room }),
                     ($"/api/bookings/{id}/arrive", new { confirmationCode = booking.GetProperty("confirmationCode").GetString() }),
                     ($"/api/rooms/{room}/open", new { bookingId = id }),
                 })
        {
            var response = await host.PostAsJsonAsync(url, body);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {await response.Content.ReadAsStringAsync()}");
        }

        var floor = await ui.LivePage("fm01", BrowserFixture.Desk, "/complaints", errors);
        var phone = await ui.LivePage("m06", BrowserFixture.Phone, "/complaints", errors);
        var desk = await ui.LivePage("h01", BrowserFixture.Desk, "/complaints", errors);

        // The desk forgets the category: named next to the field, nothing taken.
        var intake = desk.Locator("form[data-form=intake]");
        await intake.Locator("[name=roomNumber]").SelectOptionAsync(room);
        await intake.Locator("[name=description]").FillAsync("麦克风一直有杂音，客人很不满意");
        await intake.Locator("[data-testid=intake-send]").ClickAsync();
        await Expect(intake.Locator("[data-error-for=category]")).ToContainTextAsync("类别");
        await intake.Locator("[name=category]").SelectOptionAsync("room");
        await intake.Locator("[name=staffBadges]").FillAsync("m06");
        await intake.Locator("[data-testid=intake-send]").ClickAsync();
        await Expect(intake.Locator("[name=description]")).ToHaveValueAsync("");

        // The floor's board and the manager's phone show it, without a reload.
        var onFloor = floor.Locator(".complaint-card", new() { HasText = "麦克风一直有杂音" });
        await Expect(onFloor).ToHaveCountAsync(1);
        await Expect(onFloor).ToContainTextAsync(room);
        await Expect(onFloor.Locator("[data-testid=status]")).ToHaveTextAsync("待受理");
        var onPhone = phone.Locator(".complaint-card", new() { HasText = "麦克风一直有杂音" });
        await Expect(onPhone).ToHaveCountAsync(1);
        await Expect(onPhone).ToContainTextAsync("m06");

        // The manager acknowledges it from the phone; the floor sees it handled.
        await onPhone.Locator("summary").ClickAsync();
        await onPhone.Locator("[data-testid=acknowledge]").ClickAsync();
        await Expect(onFloor.Locator("[data-testid=status]")).ToHaveTextAsync("处理中");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "complaints-phone.png") });

        // The floor resolves it: a missing satisfaction is named first; then resolved, it leaves the active list everywhere.
        await onFloor.Locator("summary").ClickAsync();
        var resolve = onFloor.Locator("form[data-form=resolve]");
        await resolve.Locator("[name=resolution]").FillAsync("换了新麦克风并致歉，客人接受");
        await resolve.Locator("[data-testid=resolve]").ClickAsync();
        await Expect(resolve.Locator("[data-error-for=satisfaction]")).Not.ToBeEmptyAsync();
        await floor.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "complaints-board.png") });
        await resolve.Locator("[name=satisfaction]").SelectOptionAsync("4");
        await resolve.Locator("[data-testid=resolve]").ClickAsync();
        await Expect(onFloor).ToHaveCountAsync(0);
        await Expect(onPhone).ToHaveCountAsync(0);
        await phone.ClickAsync("[data-filter=resolved]");
        await Expect(onPhone.Locator("[data-testid=status]")).ToHaveTextAsync("已解决");
        await Expect(onPhone).ToContainTextAsync("★★★★");

        // The GM's home page counts the overdue complaints (the demo's guest complaint nobody answered is one).
        var gm = await ui.SignedInPage("gm01", BrowserFixture.Desk);
        await Expect(gm.Locator("[data-testid=home-overdue-count]")).Not.ToHaveTextAsync("…");
        var overdue = int.Parse(await gm.Locator("[data-testid=home-overdue-count]").TextContentAsync() ?? "0");
        Assert.True(overdue >= 1, $"{overdue} overdue complaints on the GM's home page");
        Assert.Empty(errors);
    }
}
