using System.Globalization;

namespace PosLink.Benchmarks;

/// <summary>
/// Figures a benchmark measures itself (a p99, a heap peak) beside what BenchmarkDotNet times: written to the run's
/// figures folder, which the host names in the environment, so that they come back from the benchmark's own process.
/// </summary>
public static class Figures
{
    public const string Variable = "POSLINK_BENCH_FIGURES";

    public static void Record(string key, double value)
    {
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, key + ".txt"), value.ToString("R", CultureInfo.InvariantCulture));
    }

    public static IReadOnlyDictionary<string, double> ReadAll(string folder) => !Directory.Exists(folder)
        ? new Dictionary<string, double>()
        : Directory.GetFiles(folder, "*.txt").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => double.Parse(File.ReadAllText(f), CultureInfo.InvariantCulture));
}
