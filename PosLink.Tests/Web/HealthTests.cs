using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosLink.Domain;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;
using PosLink.Web.Health;

namespace PosLink.Tests.Web;

/// <summary>Live and ready: a load balancer sends traffic only to a node whose ledger is reachable and migrated.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task AStartedApp_IsLiveAndReady_WithoutSigningIn()
    {
        await using var app = new PosLinkAppFactory();
        var address = app.StartOnKestrel();
        using var http = new HttpClient { BaseAddress = address };

        using var live = await http.GetAsync("/health/live");
        using var ready = await http.GetAsync("/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ALedgerNotYetMigrated_IsNotReady_UntilItIs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"poslink-health-{Guid.NewGuid():N}.db");
        var connection = new PosLinkConnection($"Data Source={path}");
        var contexts = DomainServiceCollectionExtensions.LedgerContextsFor(connection);
        try
        {
            SqliteConnectionStrings.EnableWriteAheadLog(connection.ConnectionString);   // the file exists, empty: a node before its migration
            var before = await new LedgerHealthCheck(contexts).CheckHealthAsync(new HealthCheckContext());
            await LedgerMigration.MigrateAsync(connection, contexts);
            var after = await new LedgerHealthCheck(contexts).CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Unhealthy, before.Status);
            Assert.Contains("migration", before.Description, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Healthy, after.Status);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task AnUnreachablePostgres_IsNotReady()
    {
        var contexts = DomainServiceCollectionExtensions.LedgerContextsFor(new PosLinkConnection("Host=127.0.0.1;Port=1;Username=postgres;Database=poslink;Timeout=2", DatabaseProvider.Postgres));

        var result = await new LedgerHealthCheck(contexts).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, "The ledger database cannot be reached."), (result.Status, result.Description));
    }

    [Fact]
    public async Task AMigratedPostgresLedger_IsReady()
    {
        await using var ledger = await LedgerHarness.CreateAsync(provider: DatabaseProvider.Postgres);

        var result = await new LedgerHealthCheck(ledger.Contexts).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

}
