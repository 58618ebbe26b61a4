using Encore.Web.Tests;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// The GM's audit page in words (issue 13): an entry reads as who did what to which booking and room, with the
/// changed fields by label and states by name; the filter picks an action by its plain name; the raw entry is one
/// click away. On a desk screen and on a phone.
/// </summary>
public sealed class AuditPageTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static AuditPageTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task The_audit_page_shows_a_booking_s_assignment_in_words()
    {
        // The desk assigns a manager's booking to a free room, through the API.
        var host = await ui.ApiClient("h02");
        var created = await (await ui.ApiClient("m03")).PostAsJsonAsync("/api/bookings",
            new { customerName = "审计先生", customerPhone = "13800000093", arrival = ui.ArrivalIn(), partySize = 4 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var booking = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, code) = (booking.GetProperty("id").GetString()!, booking.GetProperty("confirmationCode").GetString()!);
        var room = (await host.GetFromJsonAsync<JsonElement>("/api/rooms")).EnumerateArray()
            .First(r => r.GetProperty("state").GetString() == "free").GetProperty("number").GetString()!;
        var assigned = await host.PostAsJsonAsync($"/api/bookings/{id}/assign", new { roomNumber = room });
        Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());

        // The GM filters the log by the action's plain name.
        var errors = new List<string>();
        var page = await ui.SignedInPage("gm01", BrowserFixture.Desk);
        BrowserFixture.Watch(page, "gm01 /audit", errors);
        await page.GotoAsync(ui.BaseUrl + "/audit");
        await page.Locator("#action").SelectOptionAsync(new SelectOptionValue { Label = "分配包厢" });
        await page.Locator("#actor").SelectOptionAsync(new SelectOptionValue { Label = "杨咨客（h02）" });
        await page.ClickAsync("[data-testid=audit-filter] button");
        await page.WaitForURLAsync(new Regex("action=booking.assign"));

        var entries = page.Locator("[data-testid=audit-entry]");
        await Expect(entries.First).ToBeVisibleAsync();
        foreach (var action in await entries.EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.action)"))
            Assert.Equal("booking.assign", action);
        var entry = page.Locator($"[data-testid=audit-entry][data-entity-type=Booking][data-entity-id='{id}']");
        var line = entry.Locator("[data-testid=audit-line]");
        await Expect(line).ToContainTextAsync("杨咨客（h02）");
        await Expect(line).ToContainTextAsync("分配包厢");
        await Expect(line).ToContainTextAsync($"预订 {code}（审计先生 13800000093）");
        var changes = entry.Locator("[data-testid=audit-changes]");
        await Expect(changes).ToContainTextAsync(new Regex(@"状态：\s*已预订\s*→\s*已分房"));
        await Expect(changes).ToContainTextAsync(new Regex($@"包厢：\s*—\s*→\s*{Regex.Escape(room)} 房"));
        var visible = await line.InnerTextAsync() + await changes.InnerTextAsync();
        Assert.DoesNotContain("\\u", visible);
        Assert.DoesNotContain("`1", visible);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-", visible);
        Assert.DoesNotContain(id, visible);

        // The raw entry is one click away, pretty and with its text as written.
        var raw = entry.Locator("[data-testid=audit-raw]");
        await Expect(raw.Locator("pre")).ToBeHiddenAsync();
        await raw.Locator("summary").ClickAsync();
        await Expect(raw.Locator("pre")).ToBeVisibleAsync();
        await Expect(raw.Locator("pre")).ToContainTextAsync("\"action\": \"booking.assign\"");
        await Expect(raw.Locator("pre")).ToContainTextAsync(id);
        await page.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "audit-desk.png") });

        // On a phone the same entry reads without sideways scrolling.
        var phone = await ui.SignedInPage("gm01", BrowserFixture.Phone);
        BrowserFixture.Watch(phone, "gm01 phone /audit", errors);
        await phone.GotoAsync(ui.BaseUrl + "/audit?action=booking.assign");
        var onPhone = phone.Locator($"[data-testid=audit-entry][data-entity-type=Booking][data-entity-id='{id}'] [data-testid=audit-line]");
        await Expect(onPhone).ToContainTextAsync(code);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the audit page scrolls sideways on a phone");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "audit-phone.png") });

        Assert.Empty(errors);
    }
}
