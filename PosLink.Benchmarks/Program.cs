using BenchmarkDotNet.Running;

// dotnet run -c Release --project PosLink.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
