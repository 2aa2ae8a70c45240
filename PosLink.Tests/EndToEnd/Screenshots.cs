using Microsoft.Playwright;
using PosLink.Tests.Support;

namespace PosLink.Tests.EndToEnd;

/// <summary>README's screenshots: <c>POSLINK_SCREENSHOTS=docs/screenshots</c> regenerates them; otherwise they go to a temp folder.</summary>
internal static class Screenshots
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("POSLINK_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(Path.Combine(Repository.Root, folder))
        : Path.Combine(Path.GetTempPath(), "poslink-screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        // Finite CSS transitions are fast-forwarded: a field label mid-float would otherwise overlap the value just typed.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = false, Animations = ScreenshotAnimations.Disabled });
    }
}
