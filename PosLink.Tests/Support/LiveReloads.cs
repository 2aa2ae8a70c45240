using PosLink.Web.Components.Shared;

namespace PosLink.Tests.Support;

/// <summary>
/// Waits for a live page's reloads for changes. One that finds nothing new renders nothing, so bUnit's waits (which
/// look again at each render) would not see it; it runs off the publisher's thread, so this looks until it has run.
/// </summary>
public static class LiveReloads
{
    public static async Task AtLeastAsync(LivePage page, int times)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (page.ChangeReloads < times && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }
        Assert.True(page.ChangeReloads >= times, $"the page reloaded {page.ChangeReloads} times for changes, not {times}");
    }
}
