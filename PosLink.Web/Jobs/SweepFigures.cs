using System.Diagnostics.Metrics;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Jobs;

/// <summary>This node's status sweep as the operator watches it; the admin dashboard, the Hangfire dashboard and <c>/metrics</c> read the same figures.</summary>
public sealed record SweepSnapshot(long Runs, long Skipped, DateTimeOffset? LastStartedAt, DateTimeOffset? LastFinishedAt, int LastChecked, int LastBatches, TimeSpan? Lateness);

/// <summary>
/// Counts this node's status sweeps and says how late the next one is: the time past the moment a sweep should have
/// started (the last start, or the node's start, plus the tick's interval). A stalled scheduler and a sweep stuck in
/// flight both show as lateness, which is what leaves holds unknown.
/// </summary>
public sealed class SweepFigures
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly JobHealth _health;
    private readonly DateTimeOffset _nodeStartedAt;
    private readonly Counter<long> _runs;
    private readonly Histogram<int> _batchSize;
    private readonly Lock _gate = new();
    private long _runCount, _skipped;
    private DateTimeOffset? _lastStartedAt, _lastFinishedAt;
    private int _lastChecked, _lastBatches;

    public SweepFigures(TimeProvider time, JobHealth health, IMeterFactory meters)
    {
        (_time, _health, _nodeStartedAt) = (time, health, time.GetUtcNow());
        var meter = meters.Create(PosLinkTelemetry.Name);
        _runs = meter.CreateCounter<long>("poslink.sweep.runs", "{run}", "Status sweeps on this node, by outcome (ran, or skipped because the last was still in flight).");
        _batchSize = meter.CreateHistogram<int>("poslink.sweep.batch.size", "{hold}", "Holds a sweep batch checked.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 10, 25, 50, 100, 250, 500] });
        meter.CreateObservableGauge("poslink.sweep.lateness", () => Now().Lateness?.TotalSeconds ?? 0, "s",
            "How far this node's next status sweep is behind its schedule (0 when on time).");
    }

    public void Started()
    {
        lock (_gate)
        {
            _lastStartedAt = _time.GetUtcNow();
        }
    }

    public void Batch(int checkedHolds) => _batchSize.Record(checkedHolds);

    public void Finished(int checkedHolds, int batches)
    {
        lock (_gate)
        {
            (_lastFinishedAt, _lastChecked, _lastBatches) = (_time.GetUtcNow(), checkedHolds, batches);
            _runCount++;
        }
        _runs.Add(1, new KeyValuePair<string, object?>("outcome", "ran"));
    }

    public void Skipped()
    {
        Interlocked.Increment(ref _skipped);
        _runs.Add(1, new KeyValuePair<string, object?>("outcome", "skipped"));
    }

    public SweepSnapshot Now()
    {
        var tick = _health.Recurring().FirstOrDefault(j => j.Id == StatusSweepJob.Id);
        lock (_gate)
        {
            // Unscheduled (recurring jobs off): no schedule to be late against.
            TimeSpan? lateness = null;
            if (tick is not null)
            {
                var interval = tick is { LastRunUtc: { } last, NextRunUtc: { } next } && next > last ? next - last : DefaultInterval;
                var due = (_lastStartedAt ?? _nodeStartedAt) + interval;
                lateness = _time.GetUtcNow() - due is { Ticks: > 0 } late ? late : TimeSpan.Zero;
            }
            return new SweepSnapshot(_runCount, Interlocked.Read(ref _skipped), _lastStartedAt, _lastFinishedAt, _lastChecked, _lastBatches, lateness);
        }
    }
}
