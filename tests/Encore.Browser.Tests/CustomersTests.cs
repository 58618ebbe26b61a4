using Encore.Web.Tests;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Encore.Browser.Tests;

/// <summary>
/// SPEC.md "Customer files (客户档案)" in real browsers: a manager files a customer on a phone and finds them by
/// pinyin initials; another manager opening that file sees the phone masked and cannot edit; the floor manager
/// hands a leaver's customers over to two managers and a receiving manager finds one of them.
/// </summary>
public sealed class CustomersTests(BrowserFixture ui) : BrowserTest(ui), IClassFixture<BrowserFixture>
{
    private const float Patience = 15_000;

    static CustomersTests() => SetDefaultExpectTimeout(Patience);

    [Fact]
    public async Task A_manager_files_a_customer_on_a_phone_finds_them_by_initials_and_another_manager_sees_the_phone_masked()
    {
        var phone = await ui.SignedInPage("m03", BrowserFixture.Phone);
        await phone.GotoAsync(ui.BaseUrl + "/customers");
        await Expect(phone.Locator("[data-testid=today] [data-part=birthdays]")).Not.ToHaveTextAsync("…");

        // "New customer" is a button above the list on a phone: it opens the form.
        await phone.ClickAsync("[data-testid=new-customer]");
        // An empty form: the API names each missing field, and the page shows it next to its input.
        await phone.ClickAsync("[data-testid=file-customer]");
        await Expect(phone.Locator("#customer-form [data-error-for=name]")).Not.ToBeEmptyAsync();
        await Expect(phone.Locator("#customer-form [data-error-for=phone]")).Not.ToBeEmptyAsync();

        const string number = "13966604321";
        var form = phone.Locator("#customer-form");
        await form.Locator("[name=name]").FillAsync("欧阳娜娜");
        await form.Locator("[name=phone]").FillAsync("139 6660 4321");
        await form.Locator("[name=company]").FillAsync("星海传媒");
        await form.Locator("[name=preferences]").FillAsync("爱唱粤语歌，喝红酒，中包");
        await form.Locator("[name=birthday]").FillAsync("1990-05-20");
        await phone.ClickAsync("[data-testid=file-customer]");
        var flash = phone.Locator("[data-testid=customer-flash]");
        await Expect(flash).ToBeVisibleAsync();
        var id = (await flash.GetAttributeAsync("data-customer"))!;

        // The same phone again: refused, naming the owner.
        await form.Locator("[name=name]").FillAsync("欧阳娜娜");
        await form.Locator("[name=phone]").FillAsync(number);
        await phone.ClickAsync("[data-testid=file-customer]");
        await Expect(phone.Locator("[data-testid=customer-error]")).ToContainTextAsync("m03");

        // Live search as one types, by the initials of 欧阳娜娜.
        await phone.Locator("[data-testid=search]").PressSequentiallyAsync("oynn", new() { Delay = 60 });
        await Expect(phone.Locator("[data-testid=results]")).ToHaveAttributeAsync("data-q", "oynn");
        await Expect(phone.Locator("[data-testid=results] > li")).ToHaveCountAsync(1);
        var hit = phone.Locator($"[data-testid=results] [data-customer='{id}']");
        await Expect(hit).ToBeVisibleAsync();
        await Expect(hit.Locator("[data-part=name]")).ToHaveTextAsync("欧阳娜娜");
        await Expect(hit.Locator("[data-part=phone]")).ToContainTextAsync(number);
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "customers-phone.png") });

        // The owner's file: the phone in full, the history, a contact logged.
        await hit.ClickAsync();
        await phone.WaitForURLAsync($"**/customers/{id}");
        await Expect(phone.Locator("[data-testid=customer-phone]")).ToHaveTextAsync(number);
        await Expect(phone.Locator("[data-testid=edit-form] [name=company]")).ToHaveValueAsync("星海传媒");
        await phone.ClickAsync("label[for=ct-wechat]");
        await phone.Locator("#contact-form [name=outcome]").FillAsync("约了周五来唱歌");
        await phone.ClickAsync("[data-testid=log-contact]");
        await Expect(phone.Locator("[data-testid=contact-flash]")).Not.ToBeEmptyAsync();
        await Expect(phone.Locator("[data-testid=contacts]")).ToContainTextAsync("约了周五来唱歌");
        await phone.SaveScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "customer-file.png"), FullPage = true });

        // Another manager, in a second browser, opens the same URL: the phone masked, no edit form, no history.
        var other = await ui.SignedInPage("m04", BrowserFixture.Phone);
        await other.GotoAsync(ui.BaseUrl + $"/customers/{id}");
        await Expect(other.Locator("[data-testid=customer-name]")).ToHaveTextAsync("欧阳娜娜");
        await Expect(other.Locator("[data-testid=customer-phone]")).ToHaveTextAsync("139****4321");
        await Expect(other.Locator("[data-testid=customer-phone]")).ToHaveAttributeAsync("data-masked", "true");
        Assert.DoesNotContain(number, await other.ContentAsync());
        await Expect(other.Locator("[data-testid=edit-form]")).ToHaveCountAsync(0);
        await Expect(other.Locator("[data-testid=history]")).ToHaveCountAsync(0);
        await Expect(other.Locator("[data-testid=not-yours]")).ToBeVisibleAsync();

        // And m04's own search does not find m03's customer.
        await other.GotoAsync(ui.BaseUrl + "/customers");
        await other.Locator("[data-testid=search]").FillAsync("oynn");
        await Expect(other.Locator("[data-testid=results]")).ToHaveAttributeAsync("data-q", "oynn");
        await Expect(other.Locator("[data-testid=result-count]")).ToHaveTextAsync(new Regex("没有"));
        await Expect(other.Locator($"[data-customer='{id}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_floor_manager_hands_a_leavers_customers_over_and_a_receiving_manager_finds_one()
    {
        var leaverCount = ui.App.With(db => db.Customers.Count(c => db.MainStaff().Any(u => u.Id == c.OwnerId && u.UserName == "m12")));
        Assert.True(leaverCount > 1);

        var floor = await ui.SignedInPage("fm01", BrowserFixture.Desk);
        await floor.ClickAsync("[data-nav=customer-handover]");
        await floor.WaitForURLAsync("**/customers/handover");
        await floor.SelectOptionAsync("[data-testid=leaver]", "m12");
        await Expect(floor.Locator(".receiver[data-badge=m12]")).ToBeHiddenAsync();
        await floor.CheckAsync("[name=toBadges][value=m10]");
        await floor.CheckAsync("[name=toBadges][value=m11]");
        var preview = floor.Locator("[data-testid=handover-preview]");
        await Expect(preview).ToBeVisibleAsync();
        var first = (leaverCount + 1) / 2;
        await Expect(preview.Locator("[data-badge=m10]")).ToContainTextAsync(first.ToString());
        await Expect(preview.Locator("[data-badge=m11]")).ToContainTextAsync((leaverCount - first).ToString());

        // No reason: named next to its field, nothing handed over.
        await floor.ClickAsync("[data-testid=handover-confirm]");
        await Expect(floor.Locator("[data-error-for=reason]")).Not.ToBeEmptyAsync();
        Assert.Equal(leaverCount, ui.App.With(db => db.Customers.Count(c => db.MainStaff().Any(u => u.Id == c.OwnerId && u.UserName == "m12"))));

        await floor.FillAsync("#h-reason", "m12 离职");
        await floor.ClickAsync("[data-testid=handover-confirm]");
        var done = floor.Locator("[data-testid=handover-flash]");
        await Expect(done).ToBeVisibleAsync();
        await Expect(done.Locator("[data-badge=m10]")).ToContainTextAsync(first.ToString());
        Assert.Equal(0, ui.App.With(db => db.Customers.Count(c => db.MainStaff().Any(u => u.Id == c.OwnerId && u.UserName == "m12"))));

        var handed = ui.App.With(db => (from h in db.CustomerHandovers
                                        join c in db.Customers on h.CustomerId equals c.Id
                                        join u in db.MainStaff() on h.ToId equals u.Id
                                        where u.UserName == "m10"
                                        select new { c.Id, c.Name }).First());

        var receiver = await ui.SignedInPage("m10", BrowserFixture.Phone);
        await receiver.ClickAsync("[data-testid=tile-customers]");
        await receiver.WaitForURLAsync("**/customers");
        await receiver.Locator("[data-testid=search]").FillAsync(handed.Name);
        await Expect(receiver.Locator("[data-testid=results]")).ToHaveAttributeAsync("data-q", handed.Name);
        var hit = receiver.Locator($"[data-testid=results] [data-customer='{handed.Id}']");
        await Expect(hit).ToBeVisibleAsync();
        await hit.ClickAsync();
        await Expect(receiver.Locator("[data-testid=customer-phone]")).ToHaveAttributeAsync("data-masked", "false");
        await Expect(receiver.Locator("[data-testid=handovers]")).ToContainTextAsync("m12 → m10");
    }
}
