using System.Net;
using Encore.Web.Data;
using Encore.Web.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Encore.Web.Tests.Platform;

/// <summary>
/// One transaction per write request (Platform/Writes.cs), on its own: a small app over a real database (SQLite, or
/// PostgreSQL in the PostgreSQL run) whose routes are mapped the way features' are, behind <c>WithWriteTransactions</c>.
/// </summary>
public sealed class WritesTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private WebApplication app = null!;
    private HttpClient client = null!;
    private int attempts;
    private readonly List<string> afterCommit = [];

    public async Task InitializeAsync()
    {
        await using (var db = database.Open()) await SchemaMigrator.MigrateAsync(db);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDbContext<EncoreDb>(o => o.UseEncoreDatabase(database.ConnectionString, database.IsPostgres));
        builder.Services.AddEncoreProblems();
        app = builder.Build();
        var routes = app.MapGroup("").WithWriteTransactions();

        // Writes a venue, then refuses: nothing may stay written.
        routes.MapPost("/refuse/{name}", async (string name, EncoreDb db) =>
        {
            db.Venues.Add(new Venue { Name = name });
            await db.SaveChangesAsync();
            Writes.AfterCommit(() => afterCommit.Add(name));
            return Problems.Validation("name", "unknown");
        });
        routes.MapPost("/write/{name}", async (string name, EncoreDb db) =>
        {
            db.Venues.Add(new Venue { Name = name });
            await db.SaveChangesAsync();
            Writes.AfterCommit(() => afterCommit.Add(name));
            return Results.Ok();
        });
        // Loses a race on the first <failures> attempts (as a unique index or a version check would refuse it).
        routes.MapPost("/race/{name}/{failures:int}", async (string name, int failures, EncoreDb db) =>
        {
            attempts++;
            db.Venues.Add(new Venue { Name = name });
            if (attempts <= failures) throw new DbUpdateConcurrencyException("another write won");
            await db.SaveChangesAsync();
            return Results.Ok(attempts);
        });
        // Reads its body itself, as the CSV imports do, and loses the first race.
        routes.MapPost("/body", async (HttpRequest request, EncoreDb db) =>
        {
            attempts++;
            var text = await new StreamReader(request.Body).ReadToEndAsync();
            if (attempts == 1) throw new DbUpdateConcurrencyException("another write won");
            return Results.Ok(text);
        });
        routes.MapGet("/read", (EncoreDb db) => Results.Ok(db.Database.CurrentTransaction is null ? "no transaction" : "in a transaction"));
        routes.MapPost("/nested", async (EncoreDb db) =>
        {
            // A handler's own BeginWriteAsync joins the request's: its commit is the request's to make.
            await using var tx = await db.BeginWriteAsync();
            db.Venues.Add(new Venue { Name = "nested" });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return Problems.Rule(StatusCodes.Status409Conflict, "room.held", "101");
        });
        await app.StartAsync();
        client = app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        database.Dispose();
    }

    private async Task<int> VenuesNamedAsync(string name)
    {
        await using var db = database.Open();
        return await db.Venues.CountAsync(v => v.Name == name);
    }

    [Fact]
    public async Task A_refused_write_request_leaves_nothing_written_and_announces_nothing()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/refuse/refused", null)).StatusCode);
        Assert.Equal(0, await VenuesNamedAsync("refused"));
        Assert.Empty(afterCommit);
    }

    [Fact]
    public async Task A_successful_write_request_commits_and_then_runs_what_waited_for_the_commit()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/write/kept", null)).StatusCode);
        Assert.Equal(1, await VenuesNamedAsync("kept"));
        Assert.Equal(["kept"], afterCommit);
    }

    [Fact]
    public async Task A_handlers_own_transaction_joins_the_requests_and_is_rolled_back_with_its_refusal()
    {
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/nested", null)).StatusCode);
        Assert.Equal(0, await VenuesNamedAsync("nested"));
    }

    [Fact]
    public async Task A_write_that_lost_a_race_runs_again_whole_on_a_fresh_change_tracker()
    {
        var response = await client.PostAsync("/race/retried/2", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", await response.Content.ReadAsStringAsync());
        // The losing attempts' venues were never written: one row, from the attempt that won.
        Assert.Equal(1, await VenuesNamedAsync("retried"));
    }

    [Fact]
    public async Task A_write_that_keeps_losing_answers_409_after_three_attempts_and_writes_nothing()
    {
        var response = await client.PostAsync("/race/lost/3", null);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("write.conflict", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, attempts);
        Assert.Equal(0, await VenuesNamedAsync("lost"));
    }

    [Fact]
    public async Task A_request_run_again_reads_its_body_again()
    {
        var response = await client.PostAsync("/body", new StringContent("line 1\nline 2"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"line 1\\nline 2\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_read_runs_outside_any_transaction()
    {
        Assert.Equal("\"no transaction\"", await client.GetStringAsync("/read"));
    }
}
