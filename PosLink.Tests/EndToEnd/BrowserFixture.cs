using Microsoft.Playwright;

namespace PosLink.Tests.EndToEnd;

/// <summary>
/// One headless Chromium for the browser journeys: the system's (Debian's chromium), which is what CI installs.
/// Playwright cannot download its own browser here, so a missing one fails with what to install.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Browser tests need Chromium: run ./test.sh, which installs it (or apt-get install -y chromium).");
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(PageSteps.HangAfterMs);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // The closed network here refuses Chromium's background traffic; these keep it quiet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

// Run alone, after the parallel tests: the memory measurement must not count other tests' allocations.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
