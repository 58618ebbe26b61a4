using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Encore.Web.Tests.Bookings;

/// <summary>
/// Issue 13, "a desk typo becomes a ¥500 cheating fine": a confirmation code that is not the booking's is the desk's
/// typo (refused naming the field, nothing recorded, the desk tries again); a guest whose name or phone differs from
/// the booking claimed is proposed as cheating, which the floor (whoever may confirm) may dismiss with a reason, and a
/// dismissed fine counts nowhere.
/// </summary>
public sealed class DeskTypoTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task<(JsonElement Booking, HttpClient Host, string Room)> AssignedAsync(string booker, string name, string phone)
    {
        var now = await (await app.ClientFor("gm01")).NowAsync();
        var booking = await (await app.ClientFor(booker)).BookAsync(now.AddMinutes(30), name: name, phone: phone);
        var host = await app.ClientFor("h02");
        var room = (await host.FreeRoomsAsync())[0];
        Assert.Equal(HttpStatusCode.OK, (await host.AssignAsync(booking, room)).StatusCode);
        return (booking, host, room);
    }

    private int ViolationsOn(JsonElement booking) => app.With(db => db.Violations.Count(v => v.BookingId == Guid.Parse(booking.Id())));

    private int HistoryOf(JsonElement booking) => app.With(db => db.BookingEvents.Count(e => e.BookingId == Guid.Parse(booking.Id())));

    /// <summary>One character off in the code: the desk's error, not the booker's cheating.</summary>
    private static string OneOff(string code) => code[..^1] + (code[^1] == 'Z' ? 'Y' : 'Z');

    [Theory]
    [InlineData("zh-CN", "没有确认码")]
    [InlineData("en", "no booking with the code")]
    public async Task A_mistyped_code_is_refused_naming_the_code_and_records_nothing(string language, string says)
    {
        var (booking, _, _) = await AssignedAsync("m02", "钱先生", DeskClient.NewPhone());
        var host = await app.ClientFor("h02", language: language);
        var history = HistoryOf(booking);
        var audit = app.With(db => db.AuditEntries.Count());

        var typo = OneOff(booking.Str("confirmationCode"));
        var problem = await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = typo }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["confirmationCode"], problem.ErrorFields());
        Assert.Contains(says, problem.Detail());
        Assert.Contains(typo, problem.Detail());

        Assert.Equal(0, ViolationsOn(booking));
        Assert.Equal(history, HistoryOf(booking));
        Assert.Equal(audit, app.With(db => db.AuditEntries.Count()));
        Assert.Equal("assigned", (await host.GetAsync(booking)).Status());

        // The desk types it again, right this time: the guest arrives, the booker is charged nothing.
        var retried = await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive", new { confirmationCode = booking.Str("confirmationCode") });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(0, ViolationsOn(booking));
    }

    [Fact]
    public async Task A_name_and_phone_mismatch_is_proposed_and_the_floor_manager_dismisses_it_so_it_counts_nowhere()
    {
        var (booking, host, _) = await AssignedAsync("m03", "孙先生", DeskClient.NewPhone());
        var month = booking.Str("businessDay")[..7];
        var fm = await app.ClientFor("fm01");
        var dueBefore = (await fm.GetFromJsonAsync<JsonElement>($"/api/statements/m03?month={month}")).GetProperty("finesDue").GetDecimal();

        var problem = await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive",
            new { customerName = "李四", customerPhone = DeskClient.NewPhone() }), HttpStatusCode.Conflict);
        Assert.Contains("booking.verificationMismatch", problem.GetProperty("type").GetString());

        var proposed = Assert.Single((await fm.GetFromJsonAsync<JsonElement>("/api/violations?badge=m03")).EnumerateArray(),
            v => v.Str("type") == "cheating" && v.Str("businessDay") == booking.Str("businessDay"));
        Assert.Equal("proposed", proposed.Str("status"));
        // Every arrival is verified, not only a late one: the type's name does not say late (迟到).
        Assert.DoesNotContain("迟到", proposed.Str("typeName"));
        var offered = proposed.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("confirm", offered);
        Assert.Contains("dismiss", offered);

        var audit = app.With(db => db.AuditEntries.Count(a => a.Action == "violation.dismiss"));
        var dismissed = await fm.PostAsJsonAsync($"/api/violations/{proposed.Str("id")}/dismiss", new { reason = "客人是订房人的家属，电话登记错误" });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var view = await dismissed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dismissed", view.Str("status"));
        Assert.Equal("fm01", view.Str("decidedBy"));
        Assert.Equal("客人是订房人的家属，电话登记错误", view.Str("decision"));
        Assert.Empty(view.GetProperty("allowedActions").EnumerateArray());
        Assert.Equal(audit + 1, app.With(db => db.AuditEntries.Count(a => a.Action == "violation.dismiss")));

        var statement = await fm.GetFromJsonAsync<JsonElement>($"/api/statements/m03?month={month}");
        Assert.Equal(dueBefore, statement.GetProperty("finesDue").GetDecimal());
        Assert.Equal(0m, statement.GetProperty("finesUnderAppeal").GetDecimal());
        Assert.Contains(statement.GetProperty("violations").EnumerateArray(), v => v.Str("id") == proposed.Str("id") && v.Str("status") == "dismissed");

        // Dismissed is final: neither confirmed afterwards nor appealed by the booker.
        await Problem.Expect(await fm.PostAsJsonAsync($"/api/violations/{proposed.Str("id")}/confirm", new { }), HttpStatusCode.Conflict);
        await Problem.Expect(await fm.PostAsJsonAsync($"/api/violations/{proposed.Str("id")}/dismiss", new { reason = "again" }), HttpStatusCode.Conflict);
        await Problem.Expect(await (await app.ClientFor("m03")).PostAsJsonAsync($"/api/violations/{proposed.Str("id")}/appeal", new { reason = "no" }),
            HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_manager_cannot_dismiss_a_proposed_fine_and_a_dismissal_needs_a_reason()
    {
        var (booking, host, _) = await AssignedAsync("m04", "周女士", DeskClient.NewPhone());
        await Problem.Expect(await host.PostAsJsonAsync($"/api/bookings/{booking.Id()}/arrive",
            new { customerName = "周女士", customerPhone = DeskClient.NewPhone() }), HttpStatusCode.Conflict);
        var id = app.With(db => db.Violations.Single(v => v.BookingId == Guid.Parse(booking.Id())).Id);

        foreach (var badge in new[] { "m04", "m05" })
            await Problem.Expect(await (await app.ClientFor(badge)).PostAsJsonAsync($"/api/violations/{id}/dismiss", new { reason = "not me" }),
                HttpStatusCode.Forbidden);
        var noReason = await Problem.Expect(await (await app.ClientFor("gm01")).PostAsJsonAsync($"/api/violations/{id}/dismiss", new { }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], noReason.ErrorFields());
        var charge = await app.WithAsync(db => db.Violations.SingleAsync(v => v.Id == id));
        Assert.Equal(Encore.Domain.ViolationStatus.Proposed, charge.Status);
    }
}
