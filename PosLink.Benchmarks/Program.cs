using BenchmarkDotNet.Running;
using PosLink.Benchmarks;

// dotnet run -c Release --project PosLink.Benchmarks -- --filter '*'
// --smoke: small data, one in-process pass of each benchmark (CI keeps the suite building and seeding); figures not meaningful.
Smoke.Enabled = args.Contains("--smoke");
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--smoke").ToArray());
// A benchmark that threw has no figure: the run failed.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
