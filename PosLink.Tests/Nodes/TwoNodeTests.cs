using System.Net;
using Npgsql;
using PosLink.Tests.Support;

namespace PosLink.Tests.Nodes;

/// <summary>
/// Two app processes on one PostgreSQL ledger, started together on a new database: the advisory lock lets one
/// migrate while the other waits, both become ready, and a sign-in on one node is a sign-in on the other (the
/// data-protection keys are in the ledger).
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class TwoNodeTests
{
    [Fact]
    public async Task TwoNodesStartedTogether_MigrateOnce_BecomeReady_AndShareASignIn()
    {
        await using var cluster = await Cluster.CreateAsync();
        var (nodeA, onNodeA) = cluster.Start("a", seed: true);
        var (nodeB, onNodeB) = cluster.Start("b", seed: false);
        await nodeA.WaitForLineAsync("Demo data seeded", Cluster.StartBound);
        await nodeB.WaitForLineAsync("Now listening on", Cluster.StartBound);

        foreach (var node in (Uri[])[onNodeA, onNodeB])
        {
            using var http = new HttpClient { BaseAddress = node };
            using var ready = await http.GetAsync("health/ready");
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"node {node}: {ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
        }
        await using (var ledger = new NpgsqlConnection(cluster.Database))
        {
            await ledger.OpenAsync();
            await using var applied = new NpgsqlCommand("SELECT count(*), count(DISTINCT \"MigrationId\") FROM \"__EFMigrationsHistory\"", ledger);
            await using var reader = await applied.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(reader.GetInt64(0), reader.GetInt64(1));
            Assert.True(reader.GetInt64(0) > 0);
        }

        // Signed in on node A, the same cookie opens a page on node B.
        var cookies = new CookieContainer();
        using var onA = new FormClient(onNodeA, cookies);
        using var signIn = await onA.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.demo", ["Input.Password"] = "PosLink-Demo-2026" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var onB = new FormClient(onNodeB, cookies);
        using var page = await onB.GetAsync("/finance");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"node B answered {page.StatusCode} {page.Headers.Location}");
        Assert.Contains("finance@poslink.demo", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
