using BenchmarkDotNet.Running;
using PosLink.Benchmarks;
using PosLink.Benchmarks.Ledgers;

// dotnet run -c Release --project PosLink.Benchmarks            every benchmark
// dotnet run -c Release --project PosLink.Benchmarks -- --smoke  every benchmark once on small data (CI); figures not meaningful
// Other arguments are BenchmarkDotNet's (--filter '*Sweep*' runs only those).
Smoke.Enabled = args.Contains("--smoke");
var selection = Selection.Of(args.Where(a => a != "--smoke").ToArray());
// One PostgreSQL server for the run (the tests' own, or a throwaway cluster), one folder for self-measured figures,
// both handed to the benchmark processes through the environment.
await BenchPostgres.ShareAsync();
var figures = Path.Combine(Path.GetTempPath(), "poslink-bench-figures-" + Guid.NewGuid().ToString("N"));
Environment.SetEnvironmentVariable(Figures.Variable, figures);

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Report).Assembly).Run(selection).ToList();
if (Selection.OnlyLists(selection))
{
    return 0;
}
if (!summaries.SelectMany(s => s.Reports).Any())
{
    // A filter that matched nothing (or a selection that ran nothing) is a failed run, not an empty table.
    Console.Error.WriteLine("// no benchmark ran: check --filter against --list flat");
    return 1;
}

var results = new Report(summaries, Figures.ReadAll(figures)).Results();
Console.WriteLine();
Console.WriteLine(Report.Table(results));
var latest = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results", Smoke.Enabled ? "smoke.json" : "latest.json");
Report.Write(Path.GetFullPath(latest), results, Smoke.Enabled, TimeProvider.System.GetUtcNow());
Console.WriteLine($"// results written to {Path.GetFullPath(latest)}");
// A benchmark that threw has no figure: the run failed.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
