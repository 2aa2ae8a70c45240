using BenchmarkDotNet.Running;
using PosLink.Benchmarks;
using PosLink.Benchmarks.Ledgers;

// dotnet run -c Release --project PosLink.Benchmarks -- --filter '*'
// --smoke: small data, one in-process pass of each benchmark (CI keeps the suite building and seeding); figures not meaningful.
Smoke.Enabled = args.Contains("--smoke");
// One PostgreSQL server for the run (the tests' own, or a throwaway cluster), one folder for self-measured figures,
// both handed to the benchmark processes through the environment.
await BenchPostgres.ShareAsync();
var figures = Path.Combine(Path.GetTempPath(), "poslink-bench-figures-" + Guid.NewGuid().ToString("N"));
Environment.SetEnvironmentVariable(Figures.Variable, figures);

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Report).Assembly).Run(args.Where(a => a != "--smoke").ToArray()).ToList();

var results = new Report(summaries, Figures.ReadAll(figures)).Results();
Console.WriteLine();
Console.WriteLine(Report.Table(results));
var latest = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results", Smoke.Enabled ? "smoke.json" : "latest.json");
Report.Write(Path.GetFullPath(latest), results, Smoke.Enabled, TimeProvider.System.GetUtcNow());
Console.WriteLine($"// results written to {Path.GetFullPath(latest)}");
// A benchmark that threw has no figure: the run failed.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
