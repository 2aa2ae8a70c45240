using System.Collections.Concurrent;
using Microsoft.Playwright;
using PosLink.Tests.Support;

namespace PosLink.Tests.EndToEnd;

/// <summary>A clean copy of the repository, made once for the class: what a new user has after cloning.</summary>
public sealed class CleanCopyFixture : IDisposable
{
    public CleanCopyFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"poslink-clone-{Guid.NewGuid():N}");
        Repository.CopyCleanTo(Directory);
    }

    public string Directory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is cleaned up by the system.
        }
    }
}

/// <summary>
/// README's run command, run as a new user runs it: from a clean copy of the repository, as a child process (not
/// the test host), then used in Chromium. The same for the published app in Production. A broken first run
/// (missing static assets, no circuit) fails here, whatever the in-process test hosts say.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeStartTests(BrowserFixture browser, CleanCopyFixture copy) : IClassFixture<CleanCopyFixture>
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task ReadmeRunCommand_ServesTheWholeApp_WithALiveCircuit()
    {
        var command = Repository.ReadmeCommand("dotnet run ");
        var port = ChildProcess.FreePort();
        await using var app = ChildProcess.Start(command, copy.Directory, Settings(port, "readme-run"));
        await app.WaitForLineAsync("Demo data seeded", StartBound);
        await UseAsManagerAsync(port, app);
    }

    [Fact]
    public async Task PublishedApp_InProduction_ServesTheWholeApp_WithALiveCircuit()
    {
        var publish = Repository.ReadmeCommand("dotnet publish ");
        await using (var build = ChildProcess.Start(publish, copy.Directory, new Dictionary<string, string>()))
        {
            await build.WaitForSuccessAsync(StartBound);
        }
        var output = PublishFolder(publish);
        var port = ChildProcess.FreePort();
        // The key ring encrypted at rest, as README's deployment says: a certificate made for this run.
        var certificate = Path.Combine(copy.Directory, "keys.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(3072))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=PosLink keys", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            await File.WriteAllBytesAsync(certificate, made.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "keys password"));
        }
        var settings = new Dictionary<string, string>(Settings(port, "published"))
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // A public demo server: the sandbox in Production needs saying so.
            ["PosLink__Sandbox__AllowInProduction"] = "true",
            ["PosLink__Security__KeyCertificatePath"] = certificate,
            ["PosLink__Security__KeyCertificatePassword"] = "keys password",
        };
        // Started from another folder on purpose: the app finds its own files wherever it is run from.
        await using var app = ChildProcess.Start($"dotnet \"{Path.Combine(output, "PosLink.Web.dll")}\"", Path.GetTempPath(), settings);
        await app.WaitForLineAsync("Demo data seeded", StartBound);
        await UseAsManagerAsync(port, app);
    }

    /// <summary>A free port and a database of its own, through the settings README documents.</summary>
    private Dictionary<string, string> Settings(int port, string name) => new()
    {
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["ConnectionStrings__PosLink"] = $"Data Source={Path.Combine(copy.Directory, name + ".db")}",
    };

    private string PublishFolder(string publish)
    {
        var parts = publish.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(parts, p => p is "-o" or "--output");
        Assert.True(index >= 0 && index + 1 < parts.Length, $"README's publish command names no output folder: {publish}");
        return Path.GetFullPath(Path.Combine(copy.Directory, parts[index + 1]));
    }

    /// <summary>Signs in as the Jing'an manager and opens and cancels a completion: every response below 400, a live circuit, no error banner.</summary>
    private async Task UseAsManagerAsync(int port, ChildProcess app)
    {
        var origin = $"http://127.0.0.1:{port}";
        var failures = new ConcurrentQueue<string>();
        var circuit = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(PageSteps.HangAfterMs);
        page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(origin, StringComparison.Ordinal) && response.Status >= 400)
            {
                failures.Enqueue($"{response.Status} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.StartsWith(origin, StringComparison.Ordinal))
            {
                failures.Enqueue($"failed {request.Url}: {request.Failure}");
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failures.Enqueue($"console: {message.Text}");
            }
        };
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                circuit.TrySetResult(socket.Url);
            }
        };

        // A step that times out fails with what the browser saw and what the app printed.
        async Task Step(string what, Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (TimeoutException timeout)
            {
                Assert.Fail($"{what}: {timeout.Message}\nBrowser: {string.Join("; ", failures)}\nApp's last lines:\n{app.LastLines}");
            }
        }

        await Step("sign in", async () =>
        {
            await page.GotoAsync(origin + "/account/login");
            await page.FillAsync("#email", "manager.jingan@poslink.demo");
            await page.FillAsync("#password", "PosLink-Demo-2026");
            await page.ClickAsync("#sign-in");
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        });
        Assert.True(await Task.WhenAny(circuit.Task, Task.Delay(TimeSpan.FromSeconds(20))) == circuit.Task,
            $"No /_blazor WebSocket connected. Browser: {string.Join("; ", failures)}\nApp's last lines:\n{app.LastLines}");

        await Step("open the holds and the Complete dialog, then cancel it", async () =>
        {
            await page.GotoAsync(origin + "/guarantees");
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var held = page.Locator("tr[data-testid=hold-row]", new() { Has = page.Locator("[data-testid=complete]") }).First;
            await held.Locator("[data-testid=complete]").ClickAsync();
            var amount = page.Locator("input[data-testid=complete-amount]");
            await amount.WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
            await amount.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        });

        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "The error banner is showing.");
        Assert.True(failures.IsEmpty, $"Same-origin failures: {string.Join("; ", failures)}\nApp's last lines:\n{app.LastLines}");
    }
}
