using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>Two clicks or two managers never produce two gateway calls: the hold's version lets exactly one through.</summary>
public class ConcurrencyTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="ConcurrencyTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static async Task<List<PosLink.Domain.Common.Result<GuaranteeOutcome>>> RaceAsync(int count, Func<int, Task<PosLink.Domain.Common.Result<GuaranteeOutcome>>> action)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await action(i);
        })).ToList();
        start.Set();
        return [.. await Task.WhenAll(tasks)];
    }

    [Fact]
    public async Task FiftyConcurrentCompletions_SendExactlyOneRequest()
    {
        var id = await _h.HeldAsync(20_000);
        var results = await RaceAsync(50, i => _h.Guarantees.CompleteAsync(i % 2 == 0 ? _h.JinganManager : _h.Admin, id, 10_000));

        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Problem!.Code, new[] { "in-flight", "finished" }));
        Assert.Equal(GuaranteeStatus.Completed, (await _h.LoadAsync(id)).Status);
        Assert.Single(await _h.OperationsAsync(id), o => o.Endpoint == GatewayEndpoint.CompleteAuthorization);
    }

    [Fact]
    public async Task FiftyConcurrentVoids_SendExactlyOneRequest()
    {
        var id = await _h.HeldAsync(20_000);
        var results = await RaceAsync(50, _ => _h.Guarantees.VoidAsync(_h.JinganManager, id));

        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(GuaranteeStatus.Voided, (await _h.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task CompletionRacingAVoid_SendsOneOfThem()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await _h.HeldAsync(20_000);
            var before = _h.Gateway.MoneyMovingCount;
            var results = await RaceAsync(20, i => i % 2 == 0
                ? _h.Guarantees.CompleteAsync(_h.JinganManager, id, 5_000)
                : _h.Guarantees.VoidAsync(_h.Admin, id));

            Assert.Equal(before + 1, _h.Gateway.MoneyMovingCount);
            Assert.Single(results, r => r.Succeeded);
            Assert.Contains((await _h.LoadAsync(id)).Status, new[] { GuaranteeStatus.Completed, GuaranteeStatus.Voided });
        }
    }

    [Fact]
    public async Task TheLoser_IsToldWhoIsAlreadyCompleting()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Unanswered: UnansweredReason.Timeout));
        (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 1_000)).Unwrap();

        var second = await _h.Guarantees.CompleteAsync(_h.Admin, id, 1_000);
        Assert.Equal("in-flight", second.Problem!.Code);
        Assert.Contains("静安经理正在完成此担保", second.Problem.Chinese, StringComparison.Ordinal);
        Assert.Contains("静安经理 is already completing", second.Problem.English, StringComparison.Ordinal);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }
}

/// <summary>Every test of <see cref="ConcurrencyTests"/>, on PostgreSQL.</summary>
public sealed class ConcurrencyTestsOnPostgres : ConcurrencyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
