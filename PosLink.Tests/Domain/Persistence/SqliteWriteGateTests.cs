using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Persistence;

/// <summary>
/// SQLite's writers go one at a time through their file's gate: handed over at once, people before background work,
/// each in the order they came, and never held by a transaction that has ended however it ended.
/// </summary>
public class SqliteWriteGateTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private LedgerHarness _h = default!;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task People_GoBeforeBackgroundWork_EachInTheOrderTheyCame()
    {
        var gate = new SqliteWriteGate(new FakeTimeProvider());
        Assert.True(await gate.EnterAsync(background: false, Patience, CancellationToken.None));
        var sweep = gate.EnterAsync(background: true, Patience, CancellationToken.None).AsTask();
        var first = gate.EnterAsync(background: false, Patience, CancellationToken.None).AsTask();
        var second = gate.EnterAsync(background: false, Patience, CancellationToken.None).AsTask();

        gate.Exit();
        Assert.True(await first);
        Assert.False(second.IsCompleted || sweep.IsCompleted);
        gate.Exit();
        Assert.True(await second);
        Assert.False(sweep.IsCompleted);
        gate.Exit();
        Assert.True(await sweep);
        gate.Exit();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task AWaiterOutOfPatience_LeavesTheQueue_AndGoesOnWithoutTheGate()
    {
        var time = new FakeTimeProvider();
        var gate = new SqliteWriteGate(time);
        Assert.True(await gate.EnterAsync(background: false, Patience, CancellationToken.None));
        var late = gate.EnterAsync(background: false, Patience, CancellationToken.None).AsTask();

        time.Advance(Patience);

        Assert.False(await late);
        Assert.Equal(0, gate.Waiting);
        gate.Exit();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task ThroughEf_APersonsTransaction_GoesBeforeASweepsThatWaitedLonger()
    {
        await using var holder = await _h.Contexts.CreateDbContextAsync();
        var held = await holder.Database.BeginTransactionAsync();
        var gate = SqliteWriters.Instance.GateOf(holder.Database.GetDbConnection().DataSource)!;
        Assert.True(gate.IsHeld);
        var order = new ConcurrentQueue<string>();
        async Task WriteAsync(string who, bool background)
        {
            if (background)
            {
                LedgerWrites.InBackground();
            }
            await using var db = await _h.Contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            order.Enqueue(who);
            await transaction.CommitAsync();
        }

        var sweep = Task.Run(() => WriteAsync("sweep", background: true));
        await Eventually.TrueAsync(() => Task.FromResult(gate.Waiting == 1), "the sweep waiting");
        var person = Task.Run(() => WriteAsync("person", background: false));
        await Eventually.TrueAsync(() => Task.FromResult(gate.Waiting == 2), "the person waiting");
        await held.CommitAsync();
        await Task.WhenAll(sweep, person);

        Assert.Equal(["person", "sweep"], order);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task ATransactionDisposedUnfinished_HandsTheGateOn_WhileItsContextLivesOn()
    {
        // A circuit's scoped context can live for hours: its unfinished transaction must not keep every writer waiting.
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var transaction = await db.Database.BeginTransactionAsync();
        var gate = SqliteWriters.Instance.GateOf(db.Database.GetDbConnection().DataSource)!;
        Assert.True(gate.IsHeld);

        await transaction.DisposeAsync();

        Assert.False(gate.IsHeld);
        Assert.True(await db.Guarantees.CountAsync() >= 0);
        Assert.False(gate.IsHeld);
    }
}
