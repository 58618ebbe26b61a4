using System.Net;
using Encore.Web.Tests.Bookings;
using static Encore.Web.Tests.Appraisals.AppraisalApi;
using static Encore.Web.Tests.Answer;

namespace Encore.Web.Tests.Appraisals;

/// <summary>
/// The appeal window (house rule appraisal.appealDays, default 7): open to the second after publication, closed one
/// second later (409); a result nobody appealed reads as final from then on. Its own factory: it moves the clock.
/// </summary>
public sealed class AppraisalAppealTests(SimulatedClockFactory app) : ServerTest(app), IClassFixture<SimulatedClockFactory>
{
    private async Task<JsonElementHolder> PublishedAsync(string badge, string head, string month)
    {
        var (fm01, supervisor, person) = (await app.ClientFor("fm01"), await app.ClientFor(head), await app.ClientFor(badge));
        var a = await fm01.StartAsync(badge, month);
        await OkAsync(await person.SelfAsync(a, 80));
        await OkAsync(await supervisor.SuperviseAsync(a, 80));
        await OkAsync(await fm01.StepAsync(a, "review"));
        return new JsonElementHolder(await OkAsync(await fm01.StepAsync(a, "publish")));
    }

    private sealed record JsonElementHolder(System.Text.Json.JsonElement Value);

    [Fact]
    public async Task An_appeal_at_the_deadline_is_taken_and_one_a_second_later_is_refused()
    {
        var gm = await app.ClientFor("gm01");
        var month = await gm.ThisMonthAsync();
        // Published at one frozen instant of the simulated clock, both.
        var first = (await PublishedAsync("m03", "dh01", month)).Value;
        var second = (await PublishedAsync("m10", "dh02", month)).Value;
        var deadline = first.GetProperty("appealDeadline").GetDateTimeOffset();
        Assert.Equal(deadline, second.GetProperty("appealDeadline").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("publishedAt").GetDateTimeOffset().AddDays(7), deadline);

        await gm.SetClockAsync(deadline);
        Assert.Equal("appealed", (await OkAsync(await (await app.ClientFor("m03")).AppealAsync(first))).Str("status"));

        await gm.SetClockAsync(deadline.AddSeconds(1));
        var m10 = await app.ClientFor("m10");
        var late = await Problem.Expect(await m10.AppealAsync(second), HttpStatusCode.Conflict);
        Assert.Contains(deadline.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss"), late.Detail());
        var final = await m10.GetAppraisalAsync(second);
        Assert.Equal("final", final.Str("status"));
        Assert.Equal("final", final.GetProperty("timeline").EnumerateArray().Last().Str("step"));
        Assert.Empty(final.GetProperty("actions").EnumerateArray());
        // The appealed one waits for its decision whatever the clock says.
        Assert.Equal("appealed", (await gm.GetAppraisalAsync(first)).Str("status"));
    }
}
