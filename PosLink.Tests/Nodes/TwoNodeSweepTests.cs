using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence.Postgres;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;
using PosLink.Web.Sandbox;
using PosLink.Web.Sandbox.Postgres;

namespace PosLink.Tests.Nodes;

/// <summary>
/// Two app processes sweep one ledger: 20,000 holds whose answers were lost, all due at once. Both nodes take part
/// (the tick reaches each node's queue), each hold is queried once, every trace number handed out across the two
/// processes is distinct, and when one node is killed mid-sweep the other finishes its work.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class TwoNodeSweepTests
{
    private const int Holds = 20_000;
    private const string SweepLine = "Job status-sweep: checked";

    // A sweep every 5 s, in runs of at most 2,000 holds per node; requests answered within 10 s (the claim's lease).
    private static readonly Dictionary<string, string> Fast = new()
    {
        ["PosLink__Jobs__StatusSweepCron"] = "*/5 * * * * *",
        ["PosLink__Jobs__StatusSweepBatchSize"] = "200",
        ["PosLink__Jobs__StatusSweepMaxBatches"] = "10",
        ["PosLink__Gateway__TimeoutSeconds"] = "5",
        ["PosLink__Guarantees__AbandonedAfterExtraSeconds"] = "5",
    };

    [Fact]
    public async Task TwentyThousandDueHolds_SweptByBothNodes_EachQueriedOnce_DistinctTraces_AndASurvivorFinishesAfterAKill()
    {
        await using var cluster = await Cluster.CreateAsync();
        var (nodeA, _) = cluster.Start("a", seed: true, Fast);
        await nodeA.WaitForLineAsync("Demo data seeded", Cluster.StartBound);
        var (nodeB, _) = cluster.Start("b", seed: false, Fast);
        await nodeB.WaitForLineAsync("Now listening on", Cluster.StartBound);

        var seeded = await SeedLostAnswersAsync(cluster.Database, Holds);

        // Both nodes sweep; when about half is done, node A dies in the middle of its run.
        await nodeA.WaitForLineAsync(SweepLine, TimeSpan.FromMinutes(2));
        await nodeB.WaitForLineAsync(SweepLine, TimeSpan.FromMinutes(2));
        long heldAtKill;
        while ((heldAtKill = await HeldAsync(cluster.Database)) < Holds / 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        Assert.True(heldAtKill < Holds, "the sweep was over before node A could be killed mid-way");
        await nodeA.DisposeAsync();

        // Node B settles everything, node A's claimed holds included once their lease has passed.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        long held;
        while ((held = await HeldAsync(cluster.Database)) < Holds)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{held} of {Holds} holds settled {TimeSpan.FromMinutes(6).TotalMinutes} minutes after node A died (it had settled {heldAtKill}). Node B:\n{nodeB.LastLines}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        // One answered query per hold; a second only where node A died with its query unanswered (then abandoned).
        Assert.Equal(0, await CountAsync(cluster.Database, """
            SELECT count(*) FROM (SELECT "GuaranteeId" FROM "GatewayOperations"
              WHERE "Endpoint" = 'Query' AND "Outcome" NOT IN ('Pending', 'Unknown') AND "GuaranteeId" = ANY(@ids)
              GROUP BY "GuaranteeId" HAVING count(*) <> 1) AS twice
            """, seeded));
        Assert.Equal(0, await CountAsync(cluster.Database, """
            SELECT count(*) FROM "GatewayOperations" WHERE "Endpoint" = 'Query' AND "Outcome" = 'Pending' AND "GuaranteeId" = ANY(@ids)
            """, seeded));
        // Every trace number either node handed out is its own: none twice on a terminal and day, none refused as used (94).
        Assert.Equal(0, await CountAsync(cluster.Database, """
            SELECT count(*) FROM (SELECT 1 FROM "GatewayOperations" GROUP BY "TerminalId", "TradeDate", "SystemTraceNum" HAVING count(*) > 1) AS reused
            """));
        Assert.Equal(0, await CountAsync(cluster.Database, "SELECT count(*) FROM \"GatewayOperations\" WHERE \"ErrCode\" = '94'"));
        Assert.True(await CountAsync(cluster.Database, "SELECT count(*) FROM \"GatewayOperations\" WHERE \"Endpoint\" = 'Query' AND \"GuaranteeId\" = ANY(@ids)", seeded) >= Holds);
    }

    private static Task<long> HeldAsync(string database) =>
        CountAsync(database, "SELECT count(*) FROM \"Guarantees\" WHERE \"MerchantOrderId\" LIKE 'LOST-%' AND \"Status\" = 'Held'");

    private static async Task<long> CountAsync(string database, string sql, long[]? ids = null)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (ids is not null)
        {
            command.Parameters.AddWithValue("ids", ids);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Holds taken a minute ago whose answers were lost: in the ledger in flight and due now, at the sandbox approved
    /// and held (same trace number, amount and trade date), so that one query settles each.
    /// </summary>
    private static async Task<long[]> SeedLostAnswersAsync(string database, int count)
    {
        var sent = DateTimeOffset.UtcNow.AddMinutes(-1);
        var tradeDate = ChinaTime.TradeDate(sent);
        await using var ledger = new PostgresLedgerContext(new DbContextOptionsBuilder<PostgresLedgerContext>().UseNpgsql(database).Options);
        var terminals = await ledger.Terminals.Include(t => t.Merchant).Where(t => t.Activation == ActivationState.Active).OrderBy(t => t.Id).ToListAsync();
        Assert.NotEmpty(terminals);
        var seed = Actor.For("seed", "seed", [StaffRole.Admin], []);
        var guarantees = new List<Guarantee>(count);
        var platform = new List<SandboxTransaction>(count);
        for (var i = 0; i < count; i++)
        {
            var terminal = terminals[i % terminals.Count];
            // Well above the counters, so that the queries' own numbers (allocated from the counter) never meet them.
            var trace = (500_000 + i / terminals.Count).ToString("D6", CultureInfo.InvariantCulture);
            var amount = 10_000L + i;
            var g = Guarantee.Take(terminal, new TakeHold(terminal.Id, amount, PayMode.CodeScan, "134567890123456789"), $"LOST-{i}", seed, sent, 30);
            var request = new GatewayOperation
            {
                Endpoint = GatewayEndpoint.Preauthorize,
                TerminalId = terminal.Id,
                TradeDate = tradeDate,
                SystemTraceNum = trace,
                Guarantee = g,
                AmountFen = amount,
                HoldActionNumber = 1,
                ActorUserId = seed.UserId,
                ActorName = seed.Name,
                CreatedAt = sent,
            };
            // Its answer was lost, and the process that sent it stopped.
            request.Abandoned();
            g.Cites(request);
            g.CheckAt(sent, sent);
            guarantees.Add(g);
            ledger.GatewayOperations.Add(request);
            platform.Add(new SandboxTransaction
            {
                MerchantCode = terminal.Merchant!.MerchantCode,
                TerminalCode = terminal.TerminalCode,
                TradeDate = tradeDate,
                SystemTraceNum = trace,
                DealType = "PREAUTH",
                HoldId = 0,
                Hold = new SandboxHold
                {
                    OrderId = $"LOST{i:D12}",
                    MerchantCode = terminal.Merchant.MerchantCode,
                    TerminalCode = terminal.TerminalCode,
                    SystemTraceNum = trace,
                    TradeDate = tradeDate,
                    AuthorizedAt = sent,
                    AuthorizationCode = (100_000 + i % 900_000).ToString(CultureInfo.InvariantCulture),
                    RetrievalRefNum = $"{i:D12}",
                    PayMode = "CODE_SCAN",
                    PayCodeMasked = "1345**********6789",
                    ThirdPartyName = "微信",
                    Script = SandboxScript.Approve,
                    TransactionAmount = amount,
                    Status = SecureStatus.Held,
                },
                Amount = amount,
                RetrievalRefNum = $"{i:D12}",
                At = sent,
            });
        }
        ledger.Guarantees.AddRange(guarantees);
        // The sandbox first: a query that arrives before its hold is there would find nothing.
        await using (var sandbox = new PostgresSandboxContext(new DbContextOptionsBuilder<PostgresSandboxContext>().UseNpgsql(database).Options))
        {
            sandbox.Transactions.AddRange(platform);
            await sandbox.SaveChangesAsync();
        }
        await ledger.SaveChangesAsync();
        return [.. guarantees.Select(g => g.Id)];
    }
}
