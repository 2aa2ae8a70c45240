using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PosLink.Web.Jobs;

namespace PosLink.Tests.Jobs;

/// <summary>Sweep lateness, as the dashboards and <c>/metrics</c> read it: the time past the moment the next sweep should have started.</summary>
public sealed class SweepFiguresTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly InMemoryStorage _storage = new();

    public void Dispose()
    {
        _meters.Dispose();
        _storage.Dispose();
    }

    private SweepFigures Figures() => new(_time, new JobHealth(_storage), _meters.GetRequiredService<IMeterFactory>());

    [Fact]
    public void ASweepNotStartedWithinItsInterval_IsLateByTheDifference_AndOnTimeOnceItStarts()
    {
        new RecurringJobManager(_storage).AddOrUpdate<StatusSweepJob>(StatusSweepJob.Id, job => job.Tick(), "* * * * *");
        var figures = Figures();
        figures.Started();
        figures.Finished(checkedHolds: 100, batches: 1);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TimeSpan.Zero, figures.Now().Lateness);

        // A minute's tick, and no sweep for 90 s: the scheduler stalled, or a sweep is stuck in flight.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(TimeSpan.FromSeconds(30), figures.Now().Lateness);

        figures.Started();
        Assert.Equal(TimeSpan.Zero, figures.Now().Lateness);
    }

    [Fact]
    public void ANodeThatNeverSwept_IsLateFromItsOwnStart_AndUnscheduledSweepsAreNeverLate()
    {
        var unscheduled = Figures();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(unscheduled.Now().Lateness);

        new RecurringJobManager(_storage).AddOrUpdate<StatusSweepJob>(StatusSweepJob.Id, job => job.Tick(), "* * * * *");
        var started = Figures();
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromMinutes(2), started.Now().Lateness);
    }
}
