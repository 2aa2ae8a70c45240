namespace PosLink.Tests.Support;

/// <summary>
/// Waits for something another thread or process does (a Hangfire worker, a server recording a request).
/// It polls a condition and never measures time: the bound only turns a hang into a clear failure.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string? what = null)
    {
        for (var attempt = 0; attempt < 3000; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(10);
        }
        Assert.Fail($"never happened: {what ?? "the condition"}");
    }
}
