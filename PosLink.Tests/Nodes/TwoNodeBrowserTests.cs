using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Npgsql;
using PosLink.Domain.Gateway;
using PosLink.Tests.EndToEnd;

namespace PosLink.Tests.Nodes;

/// <summary>
/// Two app processes behind no balancer, used through Chromium as two managers' browsers would be: fifty Complete
/// clicks on one hold, half through each node, send one request to the platform; a page open on the other node shows
/// the completion by itself (the change feed crossing processes through LISTEN/NOTIFY), and so does a list of bulk runs
/// while a run started on the other node works.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class TwoNodeBrowserTests(BrowserFixture browser, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Clicks = 50;

    [Fact]
    public async Task FiftyCompletionsOfOneHold_SplitAcrossTwoNodes_SendOneRequest_AndTheOtherNodesPageSeesIt()
    {
        await using var cluster = await Cluster.CreateAsync();
        var (nodeA, onNodeA) = cluster.Start("a", seed: true);
        var (nodeB, onNodeB) = cluster.Start("b", seed: false);
        await nodeA.WaitForLineAsync("Demo data seeded", Cluster.StartBound);
        await nodeB.WaitForLineAsync("Now listening on", Cluster.StartBound);
        var (hold, terminalCode) = await HeldJinganHoldAsync(cluster.Database);
        var before = await CompletionRequestsAsync(cluster.Database, terminalCode);

        // One browser, one sign-in: cookies are per host, not per port, and both nodes read the same keys.
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(new Uri(onNodeA, "account/login").ToString());
        await signIn.FillAsync("#email", "manager.jingan@poslink.demo");
        await signIn.FillAsync("#password", "PosLink-Demo-2026");
        await signIn.ClickAsync("#sign-in");
        await LiveAsync(signIn);

        var watcher = await OpenAsync(context, new Uri(onNodeB, $"guarantees/{hold}"));
        var pages = new List<IPage>();
        for (var i = 0; i < Clicks; i += 10)
        {
            pages.AddRange(await Task.WhenAll(Enumerable.Range(i, 10).Select(n => OpenAsync(context, new Uri(n % 2 == 0 ? onNodeA : onNodeB, $"guarantees/{hold}")))));
        }
        foreach (var page in pages)
        {
            await page.ClickAsync("[data-testid=complete]");
            await page.FillAsync("input[data-testid=complete-amount]", "1");
        }

        var clicked = Stopwatch.StartNew();
        await Task.WhenAll(pages.Select(p => p.ClickAsync("[data-testid=complete-confirm]")));
        // The watcher on node B does nothing: the change reaches it from whichever node won. The bound only turns a lost
        // change into a failure; how soon it arrives is a figure, printed, not asserted (on 2 cores with 51 tabs open it
        // varied from 8 to 11 s for the same code).
        await watcher.Locator("[data-testid=status]", new() { HasTextString = "已完成" }).WaitForAsync(new() { Timeout = 60_000 });
        output.WriteLine($"node B's page showed the completion {clicked.Elapsed.TotalMilliseconds:0} ms after the fifty clicks were sent");

        Assert.Equal(1, await CompletionRequestsAsync(cluster.Database, terminalCode) - before);
        Assert.Equal(1, await CountAsync(cluster.Database,
            $"SELECT count(*) FROM \"GatewayOperations\" WHERE \"GuaranteeId\" = {hold} AND \"Endpoint\" IN ('{GatewayEndpoint.CompleteAuthorization}', '{GatewayEndpoint.QuickCompleteAuthorization}')"));
        Assert.Equal(1, await CountAsync(cluster.Database, $"SELECT count(*) FROM \"Guarantees\" WHERE \"Id\" = {hold} AND \"Status\" = 'Completed' AND \"CompletedFen\" = 100"));

        // A bulk void started on node A runs as a job there; node B's list of runs follows it to its end by itself.
        var runs = await OpenAsync(context, new Uri(onNodeB, "bulk"));
        var holds = await OpenAsync(context, new Uri(onNodeA, "guarantees"));
        await holds.Locator("[data-testid=totals]").WaitForAsync();
        await holds.Locator("input[data-testid=select-hold]").Nth(0).CheckAsync();
        await holds.Locator("input[data-testid=select-hold]").Nth(1).CheckAsync();
        await holds.ClickAsync("[data-testid=bulk-void]");
        await holds.FillAsync("input[data-testid=bulk-reason]", "退房");
        await holds.ClickAsync("[data-testid=bulk-confirm]");
        await holds.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/bulk/\d+$"));
        var run = holds.Url[(holds.Url.LastIndexOf('/') + 1)..];
        await runs.Locator($"tr[data-testid=bulk-run][data-id='{run}'] [data-testid=bulk-run-state]", new() { HasTextString = "已完成，共 2 笔" })
            .WaitForAsync(new() { Timeout = 60_000 });
        // Each hold sent once and answered (the demo's holds include the sandbox's slow and scripted ones: done or waiting).
        Assert.Equal(2, await CountAsync(cluster.Database, $"SELECT count(*) FROM \"BulkItems\" WHERE \"BulkRunId\" = {run} AND \"State\" NOT IN ('Queued', 'Sending')"));
        Assert.Equal(2, await CountAsync(cluster.Database,
            $"SELECT count(*) FROM \"GatewayOperations\" o JOIN \"BulkItems\" i ON i.\"GuaranteeId\" = o.\"GuaranteeId\" WHERE i.\"BulkRunId\" = {run} AND o.\"Endpoint\" IN ('{GatewayEndpoint.VoidAuthorization}', '{GatewayEndpoint.QuickVoidAuthorization}')"));
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, Uri address)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(PageSteps.HangAfterMs);
        await page.GotoAsync(address.ToString());
        await LiveAsync(page);
        return page;
    }

    private static Task LiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>A held hold of the Jing'an store from the demo data, not flagged, and its terminal.</summary>
    private static async Task<(long Id, string TerminalCode)> HeldJinganHoldAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT g."Id", t."TerminalCode" FROM "Guarantees" g JOIN "Terminals" t ON t."Id" = g."TerminalId" JOIN "Stores" s ON s."Id" = g."StoreId"
            WHERE s."Name" = '静安店' AND g."Status" = 'Held' AND NOT g."NeedsAttention" AND NOT g."Imported" ORDER BY g."Id" LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the demo data has no held Jing'an hold");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    /// <summary>Completion requests the platform (the sandbox, in the same database) has received on a terminal.</summary>
    private static Task<long> CompletionRequestsAsync(string database, string terminalCode) => CountAsync(database,
        $"SELECT count(*) FROM \"SandboxTraces\" WHERE \"TerminalCode\" = '{terminalCode}' AND \"Path\" IN ('{GatewayPaths.For(GatewayEndpoint.CompleteAuthorization)}', '{GatewayPaths.For(GatewayEndpoint.QuickCompleteAuthorization)}')");

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
