using Encore.Web.Tests;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// SPEC.md "Attendance and leave" and "Violations and fines" in real browsers on real time: a manager signs in late on
/// a phone and the booking page then refuses them with the reason, and the rotation page shows them passed by; a floor manager's ping reaches the manager's phone
/// live and the answer reaches the floor manager's; leave is asked and decided live; a fine is raised with a photo,
/// appealed on the phone and decided by the GM; the monthly statement prints and downloads. This class has its own
/// server and demo venue (one <see cref="BrowserFixture"/> per class); it changes tonight's sign-in time only for the
/// late sign-in and puts it back afterwards.
/// </summary>
public sealed class AttendanceTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    /// <summary>Long enough for a slow CI machine; every wait ends as soon as the page shows the change.</summary>
    private const float Patience = 15_000;
    /// <summary>A 1×1 PNG: an evidence photo.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    static AttendanceTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_manager_late_without_a_call_in_is_refused_a_booking_with_the_reason_shown()
    {
        var errors = new List<string>();
        var gm = await ui.ApiClient("gm01");
        var badge = await ManagerNotYetSignedIn(gm);
        // Real time: move tonight's sign-in time to just before now, so that signing in now is late.
        var original = (await gm.GetFromJsonAsync<JsonElement>("/api/house-rules")).GetProperty("attendance").GetProperty("signInBy").GetString()!;
        var signInBy = SignInTimeJustPassed();
        await PutSignInBy(gm, signInBy);
        try
        {
            // The floor manager watches tonight's attendance at the desk.
            var floor = await ui.LivePage("fm01", BrowserFixture.Desk, "/attendance/floor", errors, 2 * Patience);
            var row = floor.Locator($"[data-testid=night] [data-badge={badge}]");
            await Expect(row).ToHaveAttributeAsync("data-signed-in", "false");

            var phone = await ui.LivePage(badge, BrowserFixture.Phone, "/attendance", errors, 2 * Patience);
            var today = phone.Locator("[data-testid=today]");
            await Expect(phone.Locator("[data-testid=sign-in-by]")).ToHaveTextAsync($"签到截止 {signInBy}");
            await Expect(today).ToHaveAttributeAsync("data-signed-in", "false");
            // The sign-in time has passed: calling in is no longer offered.
            await Expect(phone.Locator("[data-testid=call-in]")).ToBeHiddenAsync();
            await Expect(phone.Locator("[data-testid=sign-out]")).ToBeHiddenAsync();

            await phone.ClickAsync("[data-testid=sign-in]");
            await Expect(today).ToHaveAttributeAsync("data-late", "true");
            await Expect(today).ToHaveAttributeAsync("data-booking-suspended", "true");
            await Expect(phone.Locator("[data-testid=today-outcome]")).ToContainTextAsync("未报备迟到");
            await Expect(phone.Locator("[data-testid=today-state] [data-flag=late]")).ToHaveTextAsync("迟到");
            await Expect(phone.Locator("[data-testid=today-state] [data-flag=booking-suspended]")).ToBeVisibleAsync();
            await Expect(phone.Locator("[data-testid=sign-in]")).ToBeHiddenAsync();
            await Expect(phone.Locator("[data-testid=sign-out]")).ToBeVisibleAsync();
            await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "attendance-phone.png") });

            // The floor manager's list follows without a reload.
            await Expect(row).ToHaveAttributeAsync("data-late", "true");
            await Expect(row.Locator("[data-flag=booking-suspended]")).ToBeVisibleAsync();

            // The proposed late fine is on their fines page.
            await phone.GotoAsync(ui.BaseUrl + "/fines");
            await Expect(phone.Locator("[data-testid=my-fines] [data-type=late][data-status=proposed]")).ToHaveCountAsync(1);

            // Booking is refused for the rest of the night, and the booking page says why.
            await phone.GotoAsync(ui.BaseUrl + "/bookings");
            await Expect(phone.Locator("[data-live-page]")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 2 * Patience });
            await phone.FillAsync("#b-name", "钱先生");
            await phone.FillAsync("#b-phone", "13900000031");
            await phone.FillAsync("#b-arrival", ui.ArrivalIn());
            await phone.FillAsync("#b-party", "4");
            await phone.ClickAsync("[data-testid=book]");
            var refused = phone.Locator("[data-testid=booking-error]");
            await Expect(refused).ToContainTextAsync("今日订房权已暂停");
            await Expect(refused).ToContainTextAsync(badge);
            // The reason the system wrote, in the reader's language (issue 13: no English inside a Chinese page).
            await Expect(refused).ToContainTextAsync("未报备");
            await Expect(refused).Not.ToContainTextAsync("without call-in");
            await Expect(phone.Locator("[data-testid=booking-list] li")).ToHaveCountAsync(0);

            // The walk-in rotation passes them by tonight, with the reason, on their phone (issue 14).
            await phone.GotoAsync(ui.BaseUrl + "/rotation");
            await Expect(phone.Locator("[data-live-page]")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 2 * Patience });
            var mine = phone.Locator("[data-testid=my-place]");
            await Expect(mine).ToHaveAttributeAsync("data-available", "false");
            await Expect(mine.Locator("[data-part=mine]")).ToContainTextAsync("迟到未报备");
            await Expect(mine.Locator("[data-part=hint]")).ToContainTextAsync("下一个营业日");
            await Expect(phone.Locator($"[data-testid=queue] [data-badge={badge}] [data-part=state]")).ToHaveTextAsync("迟到未报备");
            await Expect(phone.Locator("[data-testid=busy]")).ToBeHiddenAsync();
        }
        finally
        {
            await PutSignInBy(gm, original);
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_ping_from_the_floor_reaches_the_phone_live_and_the_answer_comes_back_live()
    {
        var errors = new List<string>();
        var manager = await ui.LivePage("m10", BrowserFixture.Phone, "/attendance", errors, 2 * Patience);
        await Expect(manager.Locator("[data-testid=ping-banner] [data-ping]")).ToHaveCountAsync(0);
        await manager.EvaluateAsync("() => { window.notReloaded = true; }");

        var floor = await ui.LivePage("fm01", BrowserFixture.Phone, "/attendance/floor", errors, 2 * Patience);
        var form = floor.Locator("[data-testid=ping-form]");
        await form.Locator("input[name=badges][value=m10]").CheckAsync();
        await form.Locator("[name=message]").FillAsync("请回复你现在的位置");
        await floor.ClickAsync("[data-testid=ping-send]");
        var sent = floor.Locator("[data-testid=sent-pings] [data-badge=m10]").First;
        await Expect(sent).ToHaveAttributeAsync("data-answered", "false");
        await Expect(sent.Locator("[data-testid=ping-countdown]")).ToHaveTextAsync(new Regex(@"^0[0-5]:\d\d$"));
        var id = (await sent.GetAttributeAsync("data-ping"))!;

        // On the manager's phone, without a reload: the banner, its countdown to the due time, and the answer.
        var banner = manager.Locator($"[data-testid=ping-banner] [data-ping='{id}']");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("请回复你现在的位置");
        await Expect(banner).ToContainTextAsync("fm01");
        await Expect(banner.Locator("[data-testid=ping-countdown]")).ToHaveTextAsync(new Regex(@"^0[0-5]:\d\d$"));
        Assert.True(await manager.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await banner.Locator("[data-testid=answer]").ClickAsync();
        await Expect(banner).ToHaveCountAsync(0);
        var answered = manager.Locator($"[data-testid=my-pings] [data-ping='{id}']");
        await Expect(answered).ToHaveAttributeAsync("data-answered", "true");
        await Expect(answered.Locator("[data-flag=in-time]")).ToHaveTextAsync("及时");

        // The floor manager sees the answer arrive ("pingAnswered"), in time.
        var back = floor.Locator($"[data-testid=sent-pings] [data-ping='{id}']");
        await Expect(back).ToHaveAttributeAsync("data-answered", "true");
        await Expect(back.Locator("[data-flag=in-time]")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Leave_asked_on_the_phone_is_decided_on_the_floor_and_the_answer_shows_live()
    {
        var errors = new List<string>();
        var manager = await ui.LivePage("m09", BrowserFixture.Phone, "/attendance", errors, 2 * Patience);
        var floor = await ui.LivePage("fm01", BrowserFixture.Phone, "/attendance/floor", errors, 2 * Patience);

        // A customer dinner shows its rule (notice ahead, back by the house-rule time).
        var form = manager.Locator("[data-testid=leave-form]");
        await Expect(manager.Locator("[data-testid=dinner-rule]")).ToBeHiddenAsync();
        await form.Locator("[name=kind]").SelectOptionAsync("customerDinner");
        await Expect(manager.Locator("[data-testid=dinner-rule]")).ToContainTextAsync("20:30");
        await form.Locator("[name=kind]").SelectOptionAsync("personal");
        await manager.ClickAsync("[data-testid=leave-send]");
        await Expect(form.Locator("[data-error-for=from]")).Not.ToBeEmptyAsync();
        await Expect(form.Locator("[data-error-for=reason]")).Not.ToBeEmptyAsync();
        await form.Locator("[name=from]").FillAsync("23:00");
        await form.Locator("[name=to]").FillAsync("23:45");
        await form.Locator("[name=reason]").FillAsync("家里有事，请假一小时");
        await manager.ClickAsync("[data-testid=leave-send]");
        await Expect(manager.Locator("[data-testid=leave-flash]")).ToBeVisibleAsync();
        var mine = manager.Locator("[data-testid=my-leave] [data-leave]").First;
        await Expect(mine).ToHaveAttributeAsync("data-status", "pending");
        var id = (await mine.GetAttributeAsync("data-leave"))!;

        // It reaches the floor manager's list without a reload; rejecting needs a note; approved, the phone follows.
        var pending = floor.Locator($"[data-testid=pending-leave] [data-leave='{id}']");
        await Expect(pending).ToContainTextAsync("家里有事");
        await pending.Locator("[data-testid=reject]").ClickAsync();
        await Expect(pending.Locator("[data-error-for=note]")).Not.ToBeEmptyAsync();
        await pending.Locator("[data-testid=approve]").ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);
        await Expect(floor.Locator($"[data-testid=decided-leave] [data-leave='{id}']")).ToHaveAttributeAsync("data-status", "approved");
        var decided = manager.Locator($"[data-testid=my-leave] [data-leave='{id}']");
        await Expect(decided).ToHaveAttributeAsync("data-status", "approved");
        await Expect(decided.Locator("[data-part=decision]")).ToContainTextAsync("fm01");

        // Tonight's attendance list on the floor shows m09 with the approved leave.
        await Expect(floor.Locator("[data-testid=night] [data-badge=m09] [data-part=leave]")).ToContainTextAsync("已批准");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_fine_raised_on_the_floor_is_appealed_on_the_phone_and_decided_by_the_GM()
    {
        var errors = new List<string>();
        const string evidence = "与保安在门口争执，监控 21:10";
        var floor = await FinesPage("fm01", BrowserFixture.Desk, errors);
        var raise = floor.Locator("[data-testid=raise-form]");
        await Expect(raise.Locator("select[name=type] option[value=staffConflict]")).ToHaveCountAsync(1);
        await raise.Locator("select[name=badge]").SelectOptionAsync("m08");
        await raise.Locator("select[name=type]").SelectOptionAsync("staffConflict");
        await Expect(raise.Locator("[name=fine]")).ToHaveValueAsync("200");
        await raise.Locator("[name=evidence]").FillAsync(evidence);
        await floor.ClickAsync("[data-testid=raise-send]");
        var raised = floor.Locator("[data-testid=raised]");
        await Expect(raised.Locator("[data-violation]")).ToHaveCountAsync(1);
        var id = (await raised.Locator("[data-violation]").GetAttributeAsync("data-violation"))!;
        await floor.Locator("[data-testid=photo-form] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "evidence.png", MimeType = "image/png", Buffer = Png });
        await floor.ClickAsync("[data-testid=upload]");
        await Expect(floor.Locator("[data-testid=photo-done]")).ToBeVisibleAsync();
        var onFloor = floor.Locator($"[data-testid=all-fines] [data-violation='{id}']");
        await Expect(onFloor).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(onFloor.Locator("[data-testid=photo-link]")).ToHaveAttributeAsync("href", $"/api/violations/{id}/photo");

        // The manager appeals on the phone: obey first, appeal after.
        var phone = await FinesPage("m08", BrowserFixture.Phone, errors);
        var mine = phone.Locator($"[data-testid=my-fines] [data-violation='{id}']");
        await Expect(mine).ToContainTextAsync(evidence);
        await Expect(mine.Locator("[data-part=status]")).ToHaveTextAsync("已确认");
        await mine.Locator("[data-testid=appeal]").ClickAsync();
        await mine.Locator("[data-testid=appeal-send]").ClickAsync();
        await Expect(mine.Locator("[data-error-for=reason]")).Not.ToBeEmptyAsync();
        await mine.Locator("textarea[name=reason]").FillAsync("是保安先动手，有同事作证");
        await mine.Locator("[data-testid=appeal-send]").ClickAsync();
        await Expect(mine).ToHaveAttributeAsync("data-status", "appealed");
        await Expect(mine.Locator("[data-part=status]")).ToHaveTextAsync("申诉中");
        await Expect(mine.Locator("[data-testid=appeal]")).ToHaveCountAsync(0);
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "fines.png"), FullPage = true });

        // The floor manager raised it, so cannot decide the appeal; the GM overturns it.
        await floor.ReloadAsync();
        await Expect(onFloor).ToHaveAttributeAsync("data-status", "appealed");
        await onFloor.Locator("[name=reason]").FillAsync("维持");
        await onFloor.Locator("[data-testid=uphold]").ClickAsync();
        await Expect(onFloor.Locator("[data-part=error]")).ToContainTextAsync("更高一级");
        var gm = await FinesPage("gm01", BrowserFixture.Desk, errors);
        var toDecide = gm.Locator($"[data-testid=all-fines] [data-violation='{id}']");
        await toDecide.Locator("[name=reason]").FillAsync("监控显示保安先动手，撤销");
        await toDecide.Locator("[data-testid=overturn]").ClickAsync();
        await Expect(toDecide).ToHaveAttributeAsync("data-status", "overturned");
        await phone.ReloadAsync();
        await Expect(mine).ToHaveAttributeAsync("data-status", "overturned");
        await Expect(mine.Locator("[data-part=decision]")).ToContainTextAsync("撤销");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_monthly_statement_shows_fines_and_appeals_prints_and_downloads_as_CSV()
    {
        var errors = new List<string>();
        var floorApi = await ui.ApiClient("fm01");
        var raised = await floorApi.PostAsJsonAsync("/api/violations", new { badge = "m07", type = "otherRoom", evidence = "在 305 房停留 25 分钟并派发名片" });
        Assert.True(raised.IsSuccessStatusCode, await raised.Content.ReadAsStringAsync());
        var id = (await raised.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("id").GetString()!;
        var appealed = await (await ui.ApiClient("m07")).PostAsJsonAsync($"/api/violations/{id}/appeal", new { reason = "客人请我进去的" });
        Assert.True(appealed.IsSuccessStatusCode, await appealed.Content.ReadAsStringAsync());
        var month = ui.TonightBusinessDay().ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // The floor manager picks m07's statement at the desk.
        var desk = await ui.SignedInPage("fm01", new BrowserNewContextOptions(BrowserFixture.Desk) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(desk, "fm01 /statements", errors);
        await desk.GotoAsync(ui.BaseUrl + "/statements");
        await Expect(desk.Locator("[data-testid=statement]")).ToHaveAttributeAsync("data-badge", "fm01");
        await desk.Locator("select[name=badge]").SelectOptionAsync("m07");
        var statement = desk.Locator("[data-testid=statement]");
        await Expect(statement).ToHaveAttributeAsync("data-badge", "m07");
        await Expect(statement).ToHaveAttributeAsync("data-month", month);
        var row = statement.Locator($"[data-testid=statement-violations] tr[data-violation='{id}']");
        await Expect(row).ToContainTextAsync("申诉中");
        await Expect(row).ToContainTextAsync("客人请我进去的");
        Assert.True(int.Parse(await statement.Locator("[data-total=appeals]").InnerTextAsync(), CultureInfo.InvariantCulture) >= 1);
        await Expect(statement.Locator("[data-total=finesUnderAppeal]")).Not.ToHaveTextAsync("¥0");
        await desk.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "statement.png"), FullPage = true });

        // The CSV download is the same statement.
        var csv = desk.Locator("[data-testid=csv]");
        await Expect(csv).ToHaveAttributeAsync("href", $"/api/statements/m07/csv?month={month}");
        var download = await desk.APIRequest.GetAsync(ui.BaseUrl + (await csv.GetAttributeAsync("href")));
        Assert.Equal(200, download.Status);
        Assert.StartsWith("text/csv", download.Headers["content-type"]);
        Assert.Contains("在 305 房停留 25 分钟", await download.TextAsync());

        // Printed, the page is the statement alone: no menu, no pickers, no buttons.
        await desk.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(desk.Locator("nav.navbar")).ToBeHiddenAsync();
        await Expect(desk.Locator("[data-testid=statement-pick]")).ToBeHiddenAsync();
        await Expect(statement).ToBeVisibleAsync();
        await desk.EmulateMediaAsync(new() { Media = Media.Screen });

        // A manager sees their own statement only.
        var phone = await ui.SignedInPage("m07", BrowserFixture.Phone);
        BrowserFixture.Watch(phone, "m07 /statements", errors);
        await phone.GotoAsync(ui.BaseUrl + "/statements");
        await Expect(phone.Locator("[data-testid=statement]")).ToHaveAttributeAsync("data-badge", "m07");
        await Expect(phone.Locator("select[name=badge]")).ToHaveCountAsync(0);
        var other = await phone.GotoAsync(ui.BaseUrl + "/statements?badge=m06");
        Assert.Equal(403, other!.Status);
        await Expect(phone.Locator("[data-testid=statement-error]")).ToContainTextAsync("只能查看自己");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Each_role_finds_the_attendance_and_fines_pages()
    {
        var manager = await ui.SignedInPage("m05", BrowserFixture.Phone);
        foreach (var tile in new[] { "attendance", "fines", "statements" })
            await Expect(manager.Locator($"[data-testid=tile-{tile}]")).ToHaveCountAsync(1);
        await Expect(manager.Locator("[data-testid=tile-attendanceFloor]")).ToHaveCountAsync(0);
        var denied = await manager.GotoAsync(ui.BaseUrl + "/attendance/floor");
        Assert.Equal(403, denied!.Status);

        var floor = await ui.SignedInPage("fm01", BrowserFixture.Desk);
        await Expect(floor.Locator("[data-testid=tile-attendanceFloor]")).ToHaveCountAsync(1);
        await Expect(floor.Locator("[data-nav=attendance-floor]")).ToBeVisibleAsync();
        await Expect(floor.Locator("[data-nav=fines]")).ToBeVisibleAsync();

        // A department head pings and watches the night, but does not decide leave.
        var head = await ui.SignedInPage("dh01", BrowserFixture.Phone);
        await head.ClickAsync("[data-testid=tile-attendanceFloor]");
        await Expect(head.Locator("[data-live-page]")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 2 * Patience });
        await Expect(head.Locator("[data-testid=ping-form]")).ToBeVisibleAsync();
        await Expect(head.Locator("[data-testid=pending-leave]")).ToHaveCountAsync(0);
        await Expect(head.Locator("[data-testid=night] [data-badge=m01]")).ToHaveCountAsync(1);
        await Expect(head.Locator("[data-testid=night] [data-testid=sign-in-for]")).ToHaveCountAsync(0);

        // The pages speak English too.
        await head.ClickAsync("[data-testid=language]");
        await head.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        await head.GotoAsync(ui.BaseUrl + "/attendance");
        await Expect(head.Locator("h1")).ToHaveTextAsync("Attendance");
        await Expect(head.Locator("[data-testid=today-state]")).Not.ToContainTextAsync("…");
        await head.GotoAsync(ui.BaseUrl + "/fines");
        await Expect(head.Locator("h1")).ToHaveTextAsync("Fines");
        await Expect(head.Locator("[data-testid=all-fines]")).ToBeAttachedAsync();
    }

    // ---- set-up through the API ----

    /// <summary>
    /// A customer manager who has not signed in tonight: m11 or m12 when the demo night has not signed them in
    /// (it signs the managers in when it starts after 17:30), otherwise a manager who joins the staff now.
    /// </summary>
    private async Task<string> ManagerNotYetSignedIn(HttpClient gm)
    {
        foreach (var badge in new[] { "m11", "m12" })
        {
            var today = await (await ui.ApiClient(badge)).GetFromJsonAsync<JsonElement>("/api/attendance/today");
            if (today.GetProperty("signedInAt").ValueKind == JsonValueKind.Null && !today.GetProperty("absent").GetBoolean()) return badge;
        }
        const string newcomer = "m31";
        var created = await gm.PostAsJsonAsync("/api/staff", new
        {
            badge = newcomer, name = "钱晓峰", password = Encore.Web.Tests.EncoreFactory.PasswordOf(newcomer), roles = new[] { "manager" }, department = "营销二部",
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return newcomer;
    }

    /// <summary>A sign-in time ("HH:mm") two minutes before now on the server's clock (21:00: no cut-off is near).</summary>
    private string SignInTimeJustPassed() =>
        ui.VenueNow().AddMinutes(-2).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static async Task PutSignInBy(HttpClient gm, string signInBy)
    {
        var put = await gm.PutAsJsonAsync("/api/house-rules", new { attendance = new { signInBy }, note = "browser test: sign-in time" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    /// <summary>Signs in and opens /fines, waiting until this month's violations are shown.</summary>
    private async Task<IPage> FinesPage(string badge, BrowserNewContextOptions options, List<string> errors)
    {
        var page = await ui.SignedInPage(badge, new BrowserNewContextOptions(options) { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        BrowserFixture.Watch(page, $"{badge} /fines", errors);
        await page.GotoAsync(ui.BaseUrl + "/fines");
        await Expect(page.Locator("[data-testid=fines]")).ToHaveAttributeAsync("data-loaded", new Regex(@"^\d{4}-\d{2}$"));
        return page;
    }
}
