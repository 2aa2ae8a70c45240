using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PosLink.Tests.EndToEnd;
using PosLink.Tests.Support;

namespace PosLink.Tests.Nodes;

/// <summary>
/// README's nginx configuration (<c>docs/deploy/nginx.conf</c>), as shipped but for its ports, in front of two app
/// nodes: a browser signs in and works through it (sticky, WebSocket circuit), and when the node serving it is
/// killed the page comes back on the other node.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed partial class ProxyTests(BrowserFixture browser)
{
    private static readonly string[] NginxCandidates = ["/usr/sbin/nginx", "/usr/bin/nginx"];

    [Fact]
    public async Task ThroughReadmesNginxConfig_ABrowserWorks_AndMovesToTheOtherNodeWhenItsNodeDies()
    {
        var nginx = NginxCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The proxy test needs nginx: run ./test.sh, which installs it (or apt-get install -y nginx).");
        await using var cluster = await Cluster.CreateAsync();
        var (nodeA, onNodeA) = cluster.Start("a", seed: true);
        var (nodeB, onNodeB) = cluster.Start("b", seed: false);
        await nodeA.WaitForLineAsync("Demo data seeded", Cluster.StartBound);
        await nodeB.WaitForLineAsync("Now listening on", Cluster.StartBound);

        var folder = Directory.CreateTempSubdirectory("poslink-nginx-").FullName;
        var port = ChildProcess.FreePort();
        await using var proxy = StartNginx(nginx, folder, port, onNodeA.Port, onNodeB.Port);
        var front = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(PageSteps.HangAfterMs);
            var failures = new List<string>();
            page.Response += (_, r) =>
            {
                if (r.Status >= 400 && r.Url.StartsWith(front.ToString(), StringComparison.Ordinal))
                {
                    failures.Add($"{r.Status} {r.Url}");
                }
            };
            await page.GotoAsync(new Uri(front, "account/login").ToString());
            await page.FillAsync("#email", "manager.jingan@poslink.demo");
            await page.FillAsync("#password", "PosLink-Demo-2026");
            await page.ClickAsync("#sign-in");
            await LiveAsync(page);
            await page.GotoAsync(new Uri(front, "guarantees?status=Held").ToString());
            await LiveAsync(page);
            await OpenAndCancelCompleteAsync(page);
            Assert.Empty(failures);

            // Which node holds the circuit: nginx's log names the upstream of the WebSocket.
            var serving = ServingPort(folder);
            Assert.Contains(serving, (int[])[onNodeA.Port, onNodeB.Port]);
            await page.EvaluateAsync("() => window.poslinkBeforeKill = true");
            await (serving == onNodeA.Port ? nodeA : nodeB).DisposeAsync();

            // The circuit is gone with its node; the page reloads through the balancer on the other one, still signed in.
            await page.WaitForFunctionAsync("() => window.poslinkBeforeKill === undefined && document.querySelector('[data-testid=interactive]') !== null",
                null, new() { Timeout = 90_000 });
            await OpenAndCancelCompleteAsync(page);
            Assert.NotEqual(serving, ServingPort(folder));
        }
        finally
        {
            await proxy.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task OpenAndCancelCompleteAsync(IPage page)
    {
        // A click that lands as the page's circuit replaces the prerendered list (its load still rendering, after a
        // failover) can reach a button about to go: the dialog opening is what counts, so a lost click is clicked again.
        // Only the dialog opens here (it is cancelled), so a second click can do no harm.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("tr[data-testid=hold-row] [data-testid=complete]").First.ClickAsync();
            try
            {
                await page.Locator("input[data-testid=complete-amount]").WaitForAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
            }
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await page.Locator("input[data-testid=complete-amount]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    private static Task LiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    /// <summary>nginx in the foreground, with README's site config (its ports changed) inside a main config of the test's own.</summary>
    private static ChildProcess StartNginx(string nginx, string folder, int port, int nodeA, int nodeB)
    {
        var site = File.ReadAllText(Path.Combine(Repository.Root, "docs", "deploy", "nginx.conf"))
            .Replace("server 127.0.0.1:5081", $"server 127.0.0.1:{nodeA}", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:5082", $"server 127.0.0.1:{nodeB}", StringComparison.Ordinal)
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{nodeA}", site, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "site.conf"), site);
        foreach (var temp in (string[])["body", "proxy", "fastcgi", "uwsgi", "scgi"])
        {
            Directory.CreateDirectory(Path.Combine(folder, temp));
        }
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                log_format upstream '$request $upstream_addr';
                access_log {{folder}}/access.log upstream;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/site.conf;
            }
            """);
        return ChildProcess.Start($"{nginx} -p {folder} -c {folder}/nginx.conf", folder, new Dictionary<string, string>());
    }

    /// <summary>The node port of the latest circuit (the <c>/_blazor</c> WebSocket) in nginx's access log.</summary>
    private static int ServingPort(string folder)
    {
        var circuits = File.ReadAllLines(Path.Combine(folder, "access.log")).Select(l => Circuit().Match(l)).Where(m => m.Success).ToList();
        Assert.True(circuits.Count > 0, "nginx logged no /_blazor connection");
        return int.Parse(circuits[^1].Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^GET /_blazor\?id=\S+ HTTP/1\.1 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Circuit();
}
