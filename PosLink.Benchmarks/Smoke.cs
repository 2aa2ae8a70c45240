using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PosLink.Benchmarks;

/// <summary>Whether this is a smoke run (<c>--smoke</c>): the same benchmarks on small data, once, in this process.</summary>
public static class Smoke
{
    public static bool Enabled { get; set; }
}

/// <summary>
/// A few long operations (hundreds of milliseconds each): one launch, one warm-up, three measured runs; in a smoke run
/// a single in-process pass, so that the host's <see cref="Smoke.Enabled"/> reaches the benchmark.
/// </summary>
public sealed class LongOperationConfig : ManualConfig
{
    public LongOperationConfig()
    {
        AddJob(Smoke.Enabled
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>Queries of a millisecond or less: a short job (one launch, three warm-ups, ten measured iterations); one in-process pass when smoking.</summary>
public sealed class QueryConfig : ManualConfig
{
    public QueryConfig()
    {
        AddJob(Smoke.Enabled
            ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance)
            : Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
