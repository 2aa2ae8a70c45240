using System.Net;
using Npgsql;
using PosLink.Tests.Support;

namespace PosLink.Tests.Nodes;

/// <summary>
/// Two app processes on one PostgreSQL ledger, started together on a new database: the advisory lock lets one
/// migrate while the other waits, both become ready, and a sign-in on one node is a sign-in on the other (the
/// data-protection keys are in the ledger).
/// </summary>
public sealed class TwoNodeTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3);

    private static string AppDll => Path.Combine(Repository.Root, "PosLink.Web", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "PosLink.Web.dll");

    private static ChildProcess Node(string database, int port, string folder, bool seed) => ChildProcess.Start($"dotnet \"{AppDll}\"", folder, new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["PosLink__Database__Provider"] = "Postgres",
        ["ConnectionStrings__PosLink"] = database,
        ["PosLink__Demo__Seed"] = seed ? "true" : "false",
    });

    [Fact]
    public async Task TwoNodesStartedTogether_MigrateOnce_BecomeReady_AndShareASignIn()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("poslink-nodes-").FullName;
        var (portA, portB) = (ChildProcess.FreePort(), ChildProcess.FreePort());
        try
        {
            await using var nodeA = Node(database, portA, folder, seed: true);
            await using var nodeB = Node(database, portB, folder, seed: false);
            await nodeA.WaitForLineAsync("Demo data seeded", StartBound);
            await nodeB.WaitForLineAsync("Now listening on", StartBound);

            foreach (var port in (int[])[portA, portB])
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                using var ready = await http.GetAsync("health/ready");
                Assert.True(ready.StatusCode == HttpStatusCode.OK, $"node on {port}: {ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
            }
            await using (var ledger = new NpgsqlConnection(database))
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
            using var onA = new FormClient(new Uri($"http://127.0.0.1:{portA}/"), cookies);
            using var signIn = await onA.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.demo", ["Input.Password"] = "PosLink-Demo-2026" });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            using var onB = new FormClient(new Uri($"http://127.0.0.1:{portB}/"), cookies);
            using var page = await onB.GetAsync("/finance");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"node B answered {page.StatusCode} {page.Headers.Location}");
            Assert.Contains("finance@poslink.demo", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
            Directory.Delete(folder, recursive: true);
        }
    }
}
