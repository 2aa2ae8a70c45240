using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>The change feed across nodes on PostgreSQL: LISTEN/NOTIFY between two relays on one ledger.</summary>
public sealed class ChangeRelayTests
{
    [Fact]
    public async Task AChangeOnOneNode_ReachesTheOthersSubscribers_AndItsOwnOnlyOnce()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        var ledger = new PosLinkConnection(database, DatabaseProvider.Postgres);
        var (feedA, feedB) = (new GuaranteeChangeFeed(NullLogger<GuaranteeChangeFeed>.Instance), new GuaranteeChangeFeed(NullLogger<GuaranteeChangeFeed>.Instance));
        using var nodeA = new PostgresChangeRelay(ledger, feedA, NullLogger<PostgresChangeRelay>.Instance);
        using var nodeB = new PostgresChangeRelay(ledger, feedB, NullLogger<PostgresChangeRelay>.Instance);
        var (onA, onB) = (new ConcurrentQueue<GuaranteeChanged>(), new ConcurrentQueue<GuaranteeChanged>());
        using var subscriberA = feedA.Subscribe(onA.Enqueue);
        using var subscriberB = feedB.Subscribe(onB.Enqueue);
        try
        {
            await nodeA.StartAsync(CancellationToken.None);
            await nodeB.StartAsync(CancellationToken.None);

            // Node B listens a moment after it starts: node A publishes until B has heard one.
            var sent = 0;
            for (var attempt = 0; attempt < 100 && onB.IsEmpty; attempt++)
            {
                feedA.Publish(new GuaranteeChanged(attempt + 1, 7, GuaranteeStatus.Completed, 3));
                sent++;
                await Task.Delay(100);
            }
            Assert.False(onB.IsEmpty, "node B never heard node A");
            Assert.Equal((7, GuaranteeStatus.Completed, 3), (onB.First().StoreId, onB.First().Status, onB.First().TerminalId));
            await Task.Delay(300);
            Assert.Equal(sent, onA.Count);                                  // its own, once each: not echoed back

            feedB.Publish(new GuaranteeChanged(999, 8, GuaranteeStatus.Voided));
            await Eventually.TrueAsync(() => Task.FromResult(onA.Any(c => c.GuaranteeId == 999)), "node A heard node B");
        }
        finally
        {
            await nodeA.StopAsync(CancellationToken.None);
            await nodeB.StopAsync(CancellationToken.None);
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task OnSqlite_NothingIsRelayed()
    {
        var feed = new GuaranteeChangeFeed(NullLogger<GuaranteeChangeFeed>.Instance);
        using var relay = new PostgresChangeRelay(new PosLinkConnection("Data Source=unused.db"), feed, NullLogger<PostgresChangeRelay>.Instance);

        await relay.StartAsync(CancellationToken.None);

        Assert.Null(feed.Forward);
        await relay.StopAsync(CancellationToken.None);
    }
}
