using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace PosLink.Benchmarks;

/// <summary>Whether this is a smoke run (<c>--smoke</c>): the same benchmarks on small data, once, in this process.</summary>
public static class Smoke
{
    public static bool Enabled { get; set; }
}

/// <summary>
/// What every configuration shares: BenchmarkDotNet builds each benchmark's project before running it, and on two
/// cores shared with other work that build took over its default two minutes (B13's run failed there, unmeasured).
/// </summary>
public abstract class PosLinkConfig : ManualConfig
{
    protected PosLinkConfig() => WithBuildTimeout(TimeSpan.FromMinutes(10));
}

/// <summary>
/// A few long operations (hundreds of milliseconds each): one launch, one warm-up, three measured runs; in a smoke run
/// a single in-process pass, so that the host's <see cref="Smoke.Enabled"/> reaches the benchmark.
/// </summary>
public sealed class LongOperationConfig : PosLinkConfig
{
    public LongOperationConfig()
    {
        AddJob(Smoke.Enabled
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// Runs of many seconds each (a sweep of thousands of holds): two measured runs and no warm-up, which at 6–30 s a run
/// only cost the full suite two minutes (JIT is a rounding error at that scale); one in-process pass when smoking.
/// </summary>
public sealed class SweepConfig : PosLinkConfig
{
    public SweepConfig()
    {
        AddJob(Smoke.Enabled
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(2));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>Queries of a millisecond or less: a short job (one launch, two warm-ups, eight measured iterations of 250 ms); one in-process pass when smoking.</summary>
public sealed class QueryConfig : PosLinkConfig
{
    public QueryConfig()
    {
        AddJob(Smoke.Enabled
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            // Quarter-second iterations: enough operations of a millisecond each for a stable mean, in a third of the default time.
            : Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).WithIterationTime(TimeInterval.FromMilliseconds(250)));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>A benchmark that measures itself (wrk, a browser): run once, its own figures are the result.</summary>
public sealed class OnceConfig : PosLinkConfig
{
    public OnceConfig()
    {
        AddJob(Smoke.Enabled
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(1));
    }
}
