using Microsoft.Playwright;

namespace Encore.Browser.Tests;

/// <summary>
/// The README's screenshots (docs/screenshots), taken at the moments the browser tests reach. They assert nothing, so the
/// test command does not take them: 62 of them, many full-page at a phone's pixel ratio of 2, cost the browser stage
/// CPU time it needs for the tests, and left every test run's working tree changed. <c>ENCORE_SCREENSHOTS=1</c> (as
/// <c>docs/screenshots.sh</c> sets it) takes them.
/// </summary>
public static class Screenshots
{
    public static readonly bool Wanted = Environment.GetEnvironmentVariable("ENCORE_SCREENSHOTS") == "1";

    public static Task SaveScreenshotAsync(this IPage page, PageScreenshotOptions options) =>
        Wanted ? page.ScreenshotAsync(options) : Task.CompletedTask;

    public static Task SaveScreenshotAsync(this ILocator locator, LocatorScreenshotOptions options) =>
        Wanted ? locator.ScreenshotAsync(options) : Task.CompletedTask;

    /// <summary>A text record kept beside the screenshots (docs/screenshots/<paramref name="fileName"/>), written when they are taken.</summary>
    public static Task SaveRecordAsync(string fileName, string text) =>
        Wanted ? File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotDir, fileName), text + Environment.NewLine) : Task.CompletedTask;
}
