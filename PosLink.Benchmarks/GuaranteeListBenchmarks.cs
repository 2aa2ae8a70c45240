using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PosLink.Domain.Guarantees;

namespace PosLink.Benchmarks;

/// <summary>The holds page's queries on 1,000,000 holds: first page, a page deep in the list, filters, search.</summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class GuaranteeListBenchmarks
{
    private GuaranteeQueries _queries = default!;
    private string _deepCursor = default!;

    [GlobalSetup]
    public void Setup()
    {
        MillionHolds.EnsureCreated();
        _queries = new GuaranteeQueries(MillionHolds.Contexts, TimeProvider.System);
        // A cursor about 500,000 rows down the newest-first list.
        var middle = MillionHolds.Start.AddSeconds(MillionHolds.Holds / 2 * 30L);
        _deepCursor = $"{middle.UtcTicks}.{MillionHolds.Holds / 2}";
    }

    [Benchmark(Baseline = true)]
    public Task<GuaranteePage> FirstPageAllHolds() =>
        _queries.ListAsync(MillionHolds.Admin, new GuaranteeFilter(), GuaranteeSort.Newest, 50);

    [Benchmark]
    public Task<GuaranteePage> PageAtRow500000() =>
        _queries.ListAsync(MillionHolds.Admin, new GuaranteeFilter(), GuaranteeSort.Newest, 50, _deepCursor);

    [Benchmark]
    public Task<GuaranteePage> ManagersHeldHoldsFirstPage() =>
        _queries.ListAsync(MillionHolds.ManagerOfStore(7), new GuaranteeFilter(Statuses: [GuaranteeStatus.Held]), GuaranteeSort.Newest, 50);

    [Benchmark]
    public Task<GuaranteePage> SearchByOrderId() =>
        _queries.ListAsync(MillionHolds.Admin, new GuaranteeFilter(Search: "202600000000123456"), GuaranteeSort.Newest, 50);

    [Benchmark]
    public Task<GuaranteeTotals> TotalsOfManagersHeldHolds() =>
        _queries.TotalsAsync(MillionHolds.ManagerOfStore(7), new GuaranteeFilter(Statuses: [GuaranteeStatus.Held]));

    [Benchmark]
    public Task<GuaranteeTotals> TotalsOfAllHolds() =>
        _queries.TotalsAsync(MillionHolds.Admin, new GuaranteeFilter());

    [Benchmark]
    public Task<GuaranteePage> AmountRangeByAmount() =>
        _queries.ListAsync(MillionHolds.Admin, new GuaranteeFilter(MinFen: 500_000, MaxFen: 600_000), GuaranteeSort.AmountHighest, 50);
}
