using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Encore.Web.Tests;

/// <summary>Collects what the server under test logs at Error or above (a logger provider added to its host).</summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> entries = new();

    public int Count => entries.Count;

    public IReadOnlyList<string> Since(int index) => entries.Skip(index).ToList();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose() { }

    private sealed class Collector(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // EF Core logs every failed command at Error, including the conflicts the app answers with 409 and the
        // refusals tests provoke on purpose; an unhandled one still reaches ASP.NET Core's own error log.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && !category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}

/// <summary>
/// A test against a running Encore: it fails when the server logged an error while it ran (an unhandled exception
/// behind a 500, a sweeper pass that threw), even if every assertion of the test held. xunit creates the test class
/// per test and disposes it after, so the check runs after each test.
/// </summary>
public abstract class ServerTest(EncoreFactory server) : IDisposable
{
    private readonly int errorsBefore = server.ServerErrors.Count;

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        var logged = server.ServerErrors.Since(errorsBefore);
        if (logged.Count > 0)
            throw new Xunit.Sdk.XunitException($"The server logged {logged.Count} error(s) during this test:{Environment.NewLine}{string.Join(Environment.NewLine, logged)}");
    }
}
