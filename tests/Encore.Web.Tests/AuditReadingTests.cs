using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Tests.Bookings;

namespace Encore.Web.Tests;

/// <summary>
/// The audit log in words (issue 13): GET /api/audit keeps each entry's stored fields and adds who did what to
/// whom in the reader's language — names for ids, states by their names, money in yuan, role links as "+role".
/// </summary>
public sealed class AuditReadingTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private static IEnumerable<JsonElement> Entries(JsonElement list) => list.EnumerateArray();

    private static void Unescaped(string text)
    {
        Assert.DoesNotContain("\\u", text);
        Assert.DoesNotContain("`1", text);
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(text, "[0-9a-f]{8}-[0-9a-f]{4}-"), $"a raw id in: {text}");
    }

    [Fact]
    public async Task A_booking_assignment_reads_with_the_desk_s_name_the_code_the_guest_the_room_and_the_state_in_words()
    {
        var host = await app.ClientFor("h02");
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var phone = DeskClient.NewPhone();
        var booking = await (await app.ClientFor("m01")).BookAsync(now.AddHours(1), name: "审计客", phone: phone);
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);

        var zh = await (await app.ClientFor("gm01")).GetFromJsonAsync<JsonElement>("/api/audit?action=booking.assign");
        var entry = Entries(zh).Single(e => e.Str("entityType") == "Booking" && e.Str("entityId") == booking.Id());
        // The stored fields are still there, unchanged.
        Assert.Equal("booking.assign", entry.Str("action"));
        Assert.Equal("h02", entry.Str("actorBadge"));
        Assert.Contains("\"Status\":", entry.Str("after"));
        // And beside them, the words.
        Assert.Equal("杨咨客（h02）", entry.Str("actorName"));
        Assert.Equal("分配包厢", entry.Str("actionLabel"));
        Assert.Equal($"预订 {booking.Str("confirmationCode")}（审计客 {phone}）", entry.Str("subject"));
        var changes = entry.GetProperty("changes").EnumerateArray().ToDictionary(c => c.Str("field"), c => (c.Str("before"), c.Str("after")));
        Assert.Equal(("已预订", "已分房"), changes["状态"]);
        Assert.Equal(("—", $"{room} 房"), changes["包厢"]);
        var summary = entry.Str("summary");
        Assert.Contains("杨咨客（h02） 分配包厢", summary);
        Assert.Contains("状态：已预订 → 已分房", summary);
        Unescaped(summary);

        // The room's own entry names it by number, its state in words.
        var roomEntry = Entries(zh).Single(e => e.Str("entityType") == "Room" && e.Str("subject") == $"{room} 房");
        Assert.Contains("状态：空闲 → 已预订", roomEntry.Str("summary"));

        var en = await (await app.ClientFor("gm01", language: "en")).GetFromJsonAsync<JsonElement>("/api/audit?action=booking.assign");
        var english = Entries(en).Single(e => e.Str("entityType") == "Booking" && e.Str("entityId") == booking.Id()).Str("summary");
        Assert.Contains("Assigned a room", english);
        Assert.Contains("status: Booked → Assigned", english, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_role_change_reads_as_the_roles_of_the_person_plus_the_role()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff",
            new { badge = "r01", name = "角色测试", password = "secret-123", roles = new[] { "cashier" }, department = "收银部" })).StatusCode);

        var entries = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=staff.create&actor=gm01");
        var link = Entries(entries).Single(e => e.Str("entityType") == "IdentityUserRole`1");
        Assert.Equal("角色测试（r01） 的角色", link.Str("subject"));
        Assert.Contains("角色 +收银", link.Str("summary"));
        Unescaped(link.Str("summary"));
        var member = Entries(entries).Single(e => e.Str("entityType") == "StaffMember");
        Assert.Equal("角色测试（r01）", member.Str("subject"));
        Assert.Contains("姓名：角色测试", member.Str("summary"));
    }

    [Fact]
    public async Task A_money_change_reads_in_yuan_before_and_after()
    {
        var gm = await app.ClientFor("gm01");
        var month = (await gm.NowAsync()).ToString("yyyy-MM");
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync($"/api/targets/m02/{month}", new { spend = 50000, rooms = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync($"/api/targets/m02/{month}", new { spend = 81234.5, rooms = 10 })).StatusCode);

        var entries = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=target.set");
        var change = Entries(entries).First(e => e.Str("before") != "");
        Assert.Equal("设定月度目标", change.Str("actionLabel"));
        Assert.Contains("月度目标", change.Str("subject"));
        Assert.Contains(month, change.Str("subject"));
        Assert.Contains("消费：¥50,000 → ¥81,234.5", change.Str("summary"));
        Unescaped(change.Str("summary"));
    }

    [Fact]
    public async Task A_switch_reads_as_yes_or_no_by_its_label()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m05/disable", null)).StatusCode);
        var entries = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=staff.disable");
        var entry = Assert.Single(entries.EnumerateArray());
        Assert.Equal("停用员工", entry.Str("actionLabel"));
        Assert.Contains("在职：是 → 否", entry.Str("summary"));
        Assert.StartsWith("王总（gm01） 停用员工", entry.Str("summary"));
    }
}
