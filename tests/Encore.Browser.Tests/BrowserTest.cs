using Encore.Web.Tests;

namespace Encore.Browser.Tests;

/// <summary>
/// A browser test: a <see cref="ServerTest"/> (it fails when the server logged an error) whose pages are closed when it
/// ends. A page left open keeps its live connection and its once-a-second countdowns, and re-renders on every board
/// change the class's later tests make; with some twenty of them open by a class's last test, Chromium spent most of the
/// browser run's processor time on pages no test looked at any more.
/// </summary>
public abstract class BrowserTest(BrowserFixture ui) : ServerTest(ui.App), IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ui.CloseContextsAsync();
    }
}
