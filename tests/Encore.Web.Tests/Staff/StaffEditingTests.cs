using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Encore.Web.Data;

namespace Encore.Web.Tests.Staff;

/// <summary>
/// Issue 13, the GM's screens: the GM edits a member of staff's name, roles, department and manager; a department is
/// one of the venue's departments the GM keeps (a list per venue, Staff/Departments.cs), refused by its label
/// otherwise; renaming a department keeps the people in it; nobody disables their own account or the bootstrap
/// account <c>admin</c>. The demo's departments: 总经办, 营业部, 营销一部 (dh01, m01–m06), 营销二部 (dh02, m07–m12), 咨客部, 收银部.
/// </summary>
public sealed class StaffEditingTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    private static object Edit(string name, string[] roles, string department, string? managerBadge = null) =>
        new { name, roles, department, managerBadge };

    private async Task<Dictionary<string, JsonElement>> DepartmentsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/departments")).EnumerateArray()
        .ToDictionary(d => d.GetProperty("name").GetString()!);

    private string? DepartmentOf(string badge) => app.With(db => db.MainStaff(badge).Department);

    [Fact]
    public async Task The_demo_venues_departments_are_in_the_list_and_department_heads_read_it()
    {
        var list = await DepartmentsAsync(await app.ClientFor("dh01"));
        Assert.Superset(new HashSet<string> { "总经办", "营业部", "营销一部", "营销二部", "咨客部", "收银部" }, list.Keys.ToHashSet());
        Assert.Equal(7, list["营销一部"].GetProperty("members").GetInt32()); // dh01 and m01–m06
        Assert.False(list["营销一部"].GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task The_GM_edits_name_roles_and_department_from_the_list_audited()
    {
        var gm = await app.ClientFor("gm01");
        var before = (await DepartmentsAsync(gm))["营业部"].GetProperty("members").GetInt32();

        var response = await gm.PutAsJsonAsync("/api/staff/m11", Edit("梁思雨（改）", ["manager", "floorManager"], "营业部"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("梁思雨（改）", body.GetProperty("name").GetString());
        Assert.Equal(["floorManager", "manager"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal("营业部", body.GetProperty("department").GetString());
        Assert.Equal(before + 1, (await DepartmentsAsync(gm))["营业部"].GetProperty("members").GetInt32());
        var id = app.With(db => db.MainStaff("m11").Id.ToString());
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "staff.update" && a.EntityId == id && a.After!.Contains("\"Department\""))));
    }

    [Fact]
    public async Task A_department_not_in_the_list_is_refused_by_its_label_in_both_languages_and_changes_nothing()
    {
        var zh = await Problem.Expect(await (await app.ClientFor("gm01")).PutAsJsonAsync("/api/staff/m10", Edit("高子涵", ["manager"], "营销九部")),
            HttpStatusCode.BadRequest);
        Assert.Equal(["department"], zh.ErrorFields());
        Assert.Contains("部门：营销九部 不在本店的部门列表中", zh.Detail());

        var en = await Problem.Expect(await (await app.ClientFor("gm01", language: "en")).PostAsJsonAsync("/api/staff",
            new { badge = "m95", name = "新人", password = "secret-123", roles = new[] { "manager" }, department = "营销九部" }), HttpStatusCode.BadRequest);
        Assert.Equal(["department"], en.ErrorFields());
        Assert.Contains("Department: 营销九部 is not one of the venue's departments", en.Detail());

        Assert.Equal("营销二部", DepartmentOf("m10"));
        Assert.False(app.With(db => db.Users.Any(u => u.UserName == "m95")));
    }

    [Fact]
    public async Task A_retired_department_takes_no_new_members_but_its_people_keep_it()
    {
        var gm = await app.ClientFor("gm01");
        var created = await gm.PostAsJsonAsync("/api/departments", new { name = "旧部门" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/staff/h03", Edit("赵咨客", ["host"], "旧部门"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync($"/api/departments/{id}/retire", null)).StatusCode);

        // h03 stays in it when only the name changes; nobody else may join it.
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/staff/h03", Edit("赵咨客二", ["host"], "旧部门"))).StatusCode);
        var refused = await Problem.Expect(await gm.PutAsJsonAsync("/api/staff/h02", Edit("杨咨客", ["host"], "旧部门")), HttpStatusCode.BadRequest);
        Assert.Equal(["department"], refused.ErrorFields());
        Assert.Equal("咨客部", DepartmentOf("h02"));
        Assert.True((await DepartmentsAsync(gm))["旧部门"].GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Renaming_a_department_keeps_its_people_in_one_audited_change()
    {
        var gm = await app.ClientFor("gm01");
        var created = await gm.PostAsJsonAsync("/api/departments", new { name = "营销三部" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await gm.PutAsJsonAsync("/api/staff/m12", Edit("梁思雨", ["manager"], "营销三部"))).StatusCode);

        var renamed = await gm.PutAsJsonAsync($"/api/departments/{id}", new { name = "大客户部" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var view = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("大客户部", view.GetProperty("name").GetString());
        Assert.Equal(1, view.GetProperty("members").GetInt32());
        Assert.Equal("大客户部", (await gm.GetFromJsonAsync<JsonElement>("/api/staff/m12")).GetProperty("department").GetString());
        var m12 = app.With(db => db.MainStaff("m12").Id.ToString());
        Assert.True(app.With(db => db.AuditEntries.Any(a => a.Action == "department.rename" && a.EntityType == "StaffMember" && a.EntityId == m12)));
        Assert.True(app.With(db => db.MainAudit().Any(a => a.Action == "department.rename" && a.EntityType == "Department")));
        // The old name is gone from the list; a second department cannot take the new one.
        Assert.DoesNotContain("营销三部", (await DepartmentsAsync(gm)).Keys);
        var taken = await Problem.Expect(await gm.PostAsJsonAsync("/api/departments", new { name = "大客户部" }), HttpStatusCode.Conflict);
        Assert.Contains("大客户部", taken.Detail());
        var blank = await Problem.Expect(await gm.PutAsJsonAsync($"/api/departments/{id}", new { name = " " }), HttpStatusCode.BadRequest);
        Assert.Equal(["name"], blank.ErrorFields());
    }

    [Fact]
    public async Task Nobody_disables_their_own_account_or_the_bootstrap_account()
    {
        var zh = await Problem.Expect(await (await app.ClientFor("gm01")).PostAsync("/api/staff/admin/disable", null), HttpStatusCode.Conflict);
        Assert.Contains("不能停用初始管理员账号 admin", zh.Detail());
        var en = await Problem.Expect(await (await app.ClientFor("gm01", language: "en")).PostAsync("/api/staff/admin/disable", null), HttpStatusCode.Conflict);
        Assert.Contains("The bootstrap account admin cannot be disabled", en.Detail());
        var self = await Problem.Expect(await (await app.ClientFor("gm01", language: "en")).PostAsync("/api/staff/gm01/disable", null), HttpStatusCode.Conflict);
        Assert.Contains("You cannot disable your own account", self.Detail());
        Assert.True(app.With(db => db.Users.Where(u => u.UserName == "admin" || u.UserName == "gm01").All(u => u.IsActive)));
        Assert.False(app.With(db => db.AuditEntries.Any(a => a.Action == "staff.disable")));
    }

    [Fact]
    public async Task The_staff_page_offers_no_disable_on_ones_own_row_nor_on_admin()
    {
        var html = await (await app.ClientFor("gm01")).GetStringAsync("/staff");
        Assert.Contains("data-testid=\"toggle-m01\"", html);
        Assert.DoesNotContain("data-testid=\"toggle-gm01\"", html);
        Assert.DoesNotContain("data-testid=\"toggle-admin\"", html);
        Assert.Contains("data-testid=\"edit-m01\"", html);
    }

    [Theory]
    [InlineData("fm01")]
    [InlineData("dh01")]
    [InlineData("m01")]
    public async Task Only_the_GM_edits_staff_and_departments(string badge)
    {
        var client = await app.ClientFor(badge);
        await Problem.Expect(await client.PutAsJsonAsync("/api/staff/m05", Edit("改名", ["manager"], "营销一部")), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.PostAsJsonAsync("/api/departments", new { name = "私设部门" + badge }), HttpStatusCode.Forbidden);
        var id = (await DepartmentsAsync(client))["营销二部"].GetProperty("id").GetString();
        await Problem.Expect(await client.PutAsJsonAsync($"/api/departments/{id}", new { name = "改名部" }), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.PostAsync($"/api/departments/{id}/retire", null), HttpStatusCode.Forbidden);
        Assert.Equal("孙雅琪", app.With(db => db.MainStaff("m05").Name));
        Assert.Equal(2, app.With(db => db.Set<Department>().OfMain(db).Count(d => d.Name == "营销二部" || d.Name == "营销一部")));
        Assert.False(app.With(db => db.Set<Department>().Any(d => d.Name.StartsWith("私设部门") || d.RetiredAt != null && d.Name == "营销二部")));
    }
}
