using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Encore.Web.Tests;

public sealed class AuthTests(EncoreFactory app) : ServerTest(app), IClassFixture<EncoreFactory>
{
    [Fact]
    public async Task Login_returns_a_token_and_an_HttpOnly_SameSite_cookie()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "fm01", password = "encore123" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        Assert.Contains("floorManager", body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("encore.auth="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_bearer_token_authenticates_API_calls()
    {
        var client = await app.ClientFor("m01");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("m01", me.GetProperty("badge").GetString());
        Assert.Equal(["manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public async Task Wrong_credentials_answer_401_in_Chinese_by_default_and_English_on_request()
    {
        var zh = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m02", password = "wrong-1" });
        Assert.Contains("工牌号或密码错误", (await Problem.Expect(zh, HttpStatusCode.Unauthorized)).Detail());

        var en = await app.Anonymous("en").PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m02", password = "wrong-2" });
        Assert.Contains("Wrong badge or password", (await Problem.Expect(en, HttpStatusCode.Unauthorized)).Detail());
    }

    [Fact]
    public async Task Missing_fields_answer_400_naming_the_field()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { venue = "main", badge = "m03" });
        var problem = await Problem.Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal(["password"], problem.ErrorFields());
        Assert.Contains("密码：必填", problem.Detail()); // the field's label, not its JSON name (issue 13)
    }

    // Repeated failures delay the account (429 with Retry-After, even for the right password) rather than lock it:
    // Reliability/LoginProbeTests, on a clock the test moves.

    [Fact]
    public async Task Unauthenticated_API_calls_answer_401_problem_details()
    {
        var response = await app.Anonymous().GetAsync("/api/staff");
        await Problem.Expect(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");
        await Problem.Expect(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
    }
}

/// <summary>Its own app: the per-client throttle counts every failure from the test host's one address.</summary>
public sealed class LoginThrottleTests(LoginThrottleTests.Factory app) : ServerTest(app), IClassFixture<LoginThrottleTests.Factory>
{
    public sealed class Factory : EncoreFactory
    {
        protected override bool Demo => false;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Encore:Login:AddressFailuresBeforeDelay", "20");
            // A first delay far longer than the test, so the attempts after the 20th fall inside it however slow the machine.
            builder.UseSetting("Encore:Login:FirstDelaySeconds", "600");
        }
    }

    [Fact]
    public async Task Many_failures_from_one_client_are_throttled_with_429()
    {
        var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 22; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { badge = $"ghost{i}", password = "whatever1" })).StatusCode);

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        // While throttled, even the right password waits; X-Forwarded-For (no proxy is configured) changes nothing.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        var admin = await client.PostAsJsonAsync("/api/auth/login", new { badge = "admin", password = EncoreFactory.AdminPassword });
        await Problem.Expect(admin, HttpStatusCode.TooManyRequests);
    }
}
