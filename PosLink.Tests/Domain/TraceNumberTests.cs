using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

public class TraceNumberTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="TraceNumberTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<string> AllocateAsync(DateOnly tradeDate)
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        return (await TraceNumbers.NextAsync(db, _h.Pudong.Id, tradeDate)).Unwrap();
    }

    private async Task SetCounterAsync(int value)
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        await db.Terminals.Where(t => t.Id == _h.Pudong.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastSystemTraceNum, value));
    }

    [Fact]
    public async Task TwentyThousandConcurrentAllocations_AreAllDistinct()
    {
        var today = ChinaTime.TradeDate(_h.Time.GetUtcNow());
        var traces = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 20_000), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, _) => traces.Add(await AllocateAsync(today)));

        Assert.Equal(20_000, traces.Count);
        Assert.Equal(20_000, traces.Distinct().Count());
        Assert.All(traces, t => Assert.Matches("^[0-9]{6}$", t));
        // Pudong's activation used 000001; the counter went on from there without a gap.
        Assert.Equal(Enumerable.Range(2, 20_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), traces.Order());
    }

    [Fact]
    public async Task Counter_DoesNotResetAtMidnightChinaTime()
    {
        var id = await _h.HeldAsync();
        var traceBefore = (await _h.OperationsAsync(id)).Single().SystemTraceNum;

        // 15:59:59Z is 23:59:59 in China; one second later is a new trade day, and the counter simply goes on.
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 15, 59, 59, TimeSpan.Zero));
        var late = await _h.HeldAsync();
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero));
        var early = await _h.HeldAsync();

        var lateOp = (await _h.OperationsAsync(late)).Single();
        var earlyOp = (await _h.OperationsAsync(early)).Single();
        Assert.Equal((new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 28)), (lateOp.TradeDate, earlyOp.TradeDate));
        Assert.Equal(int.Parse(traceBefore, System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(lateOp.SystemTraceNum, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(int.Parse(lateOp.SystemTraceNum, System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(earlyOp.SystemTraceNum, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Counter_CyclesPast999999To000001()
    {
        // Tomorrow, so that today's 000001 (the activation) is not in the way.
        var today = ChinaTime.TradeDate(_h.Time.GetUtcNow()).AddDays(1);
        await SetCounterAsync(999_998);
        Assert.Equal(["999999", "000001", "000002"], [await AllocateAsync(today), await AllocateAsync(today), await AllocateAsync(today)]);
    }

    [Fact]
    public async Task ANumberAlreadyUsedToday_IsSkipped_NeverSentAgain()
    {
        // Pudong's activation used 000001 today; winding the counter back must not hand it out again.
        await SetCounterAsync(0);
        var result = (await _h.Guarantees.TakeAsync(_h.Admin, new TakeHold(_h.Pudong.Id, 100, PosLink.Domain.Gateway.Messages.PayMode.CodeScan, "134567890123456789"))).Unwrap();

        Assert.Equal("000002", (await _h.LoadAsync(result.GuaranteeId)).SystemTraceNum);
        Assert.DoesNotContain(_h.Gateway.Sent, s => s.Endpoint == PosLink.Domain.Gateway.GatewayEndpoint.Preauthorize && s.Trace == "000001");
    }

    private async Task<Dictionary<int, PosLink.Domain.Common.Result<IReadOnlyList<string>>>> AllocateManyAsync(DateOnly tradeDate, Dictionary<int, int> counts)
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        return await TraceNumbers.NextManyAsync(db, counts, tradeDate);
    }

    [Fact]
    public async Task ABlockOfNumbers_RunsOnPast999999_AndTheCounterStopsAtItsEnd()
    {
        var tomorrow = ChinaTime.TradeDate(_h.Time.GetUtcNow()).AddDays(1);
        await SetCounterAsync(999_997);

        var block = await AllocateManyAsync(tomorrow, new() { [_h.Pudong.Id] = 4 });

        Assert.Equal(["999998", "999999", "000001", "000002"], block[_h.Pudong.Id].Unwrap());
        Assert.Equal("000003", await AllocateAsync(tomorrow));
    }

    [Fact]
    public async Task NumbersAlreadyUsedInsideABlock_AreSkipped_AndMadeUpFromTheNext()
    {
        // 000001 is Pudong's activation; 000003 is in the ledger too.
        await _h.UseTraceNumbersAsync(_h.Pudong, [3]);
        await SetCounterAsync(0);

        var block = await AllocateManyAsync(ChinaTime.TradeDate(_h.Time.GetUtcNow()), new() { [_h.Pudong.Id] = 3 });

        Assert.Equal(["000002", "000004", "000005"], block[_h.Pudong.Id].Unwrap());
    }

    [Fact]
    public async Task ATerminalWhoseNumbersAreUsedUp_IsRefused_AnotherInTheSameBatchStillGetsItsNumbers()
    {
        await _h.UseTraceNumbersAsync(_h.Pudong, Enumerable.Range(2, TraceNumbers.MaxSkipped + 1));
        await SetCounterAsync(0);

        var blocks = await AllocateManyAsync(ChinaTime.TradeDate(_h.Time.GetUtcNow()), new() { [_h.Pudong.Id] = 2, [_h.Jingan.Id] = 2 });

        Assert.Equal("trace-exhausted", blocks[_h.Pudong.Id].Problem!.Code);
        Assert.Equal(2, blocks[_h.Jingan.Id].Unwrap().Count);
    }

    [Fact]
    public async Task ADayWhoseNumbersAreUsedUp_IsRefusedAndNothingIsSent()
    {
        // Every number after the counter is taken today (far more than a terminal uses): refused, not looped forever.
        await SetCounterAsync(0);
        await _h.UseTraceNumbersAsync(_h.Pudong, Enumerable.Range(2, TraceNumbers.MaxSkipped + 1));
        var sent = _h.Gateway.Requests.Count;
        var result = await _h.Guarantees.TakeAsync(_h.Admin, new TakeHold(_h.Pudong.Id, 100, PosLink.Domain.Gateway.Messages.PayMode.CodeScan, "134567890123456789"));

        Assert.Equal("trace-exhausted", result.Problem!.Code);
        Assert.Equal(sent, _h.Gateway.Requests.Count);
        await using var check = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await check.Guarantees.CountAsync());
    }

    [Fact]
    public async Task ANumberUsedYesterday_IsFreeToday()
    {
        await SetCounterAsync(0);
        _h.Time.Advance(TimeSpan.FromHours(9)); // 16:30Z: the next China trade day
        Assert.Equal("000001", await AllocateAsync(ChinaTime.TradeDate(_h.Time.GetUtcNow())));
    }
}

/// <summary>Every test of <see cref="TraceNumberTests"/>, on PostgreSQL.</summary>
public sealed class TraceNumberTestsOnPostgres : TraceNumberTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
