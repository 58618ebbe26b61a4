using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests;

public sealed class AuditTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task A_write_records_who_what_and_the_values_without_secrets()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/staff",
            new { badge = "a01", name = "审计测试", password = "secret-123", roles = new[] { "cashier" }, department = "收银部" })).StatusCode);

        var entries = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=staff.create&actor=gm01");
        var created = entries.EnumerateArray().First(e => e.GetProperty("entityType").GetString() == "StaffMember");
        var after = created.GetProperty("after").GetString()!;
        Assert.Contains("审计测试", JsonDocument.Parse(after).RootElement.GetProperty("Name").GetString());
        Assert.DoesNotContain("PasswordHash", after);
        Assert.DoesNotContain("SecurityStamp", after);
    }

    [Fact]
    public async Task A_change_records_the_before_and_after_values()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.OK, (await gm.PostAsync("/api/staff/m06/disable", null)).StatusCode);

        var entries = await gm.GetFromJsonAsync<JsonElement>("/api/audit?action=staff.disable");
        var entry = Assert.Single(entries.EnumerateArray());
        Assert.True(JsonDocument.Parse(entry.GetProperty("before").GetString()!).RootElement.GetProperty("IsActive").GetBoolean());
        Assert.False(JsonDocument.Parse(entry.GetProperty("after").GetString()!).RootElement.GetProperty("IsActive").GetBoolean());
    }

    [Fact]
    public async Task Only_the_GM_reads_the_audit_log()
    {
        await Problem.Expect(await (await app.ClientFor("fm01")).GetAsync("/api/audit"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        var gm = await app.ClientFor("gm01");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/rooms", new { number = "A-1", type = "small", capacity = 4, minimumSpend = 100 })).StatusCode);
        // Every entry as it stands (the sweepers, catching up on this copy of the demo, may add entries meanwhile: allowed).
        var before = app.With(db => db.AuditEntries.Select(a => new { a.Id, a.Action }).ToList());
        Assert.NotEmpty(before);

        DatabaseRefusal.Assert(await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Action\" = 'forged'"))),
            sqlite: "audit_entries is append-only", postgres: "audit_entries is append-only");
        DatabaseRefusal.Assert(await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => app.WithAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"))),
            sqlite: "audit_entries is append-only", postgres: "audit_entries is append-only");
        var after = app.With(db => db.AuditEntries.ToDictionary(a => a.Id, a => a.Action));
        Assert.All(before, entry => Assert.Equal(entry.Action, after.GetValueOrDefault(entry.Id)));
        Assert.False(app.With(db => db.AuditEntries.Any(a => a.Action == "forged")));
    }

    [Fact]
    public async Task The_app_refuses_to_change_audit_entries_through_EF()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.Action = "forged";
            await db.SaveChangesAsync();
        }));
    }
}
