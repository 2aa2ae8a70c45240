namespace PosLink.Benchmarks;

/// <summary>
/// BenchmarkDotNet's arguments as this program reads them: with no filter it would ask on standard input which
/// benchmark to run (or, reading nothing, run none), so a run without one runs them all.
/// </summary>
public static class Selection
{
    private static readonly string[] Filters = ["--filter", "-f"];
    private static readonly string[] Listings = ["--list", "--help", "-h", "--info", "--version"];

    public static string[] Of(string[] args) =>
        args.Any(a => Filters.Contains(a) || a.StartsWith("--filter=", StringComparison.Ordinal)) || OnlyLists(args)
            ? args
            : [.. args, "--filter", "*"];

    /// <summary>Whether the arguments only ask for a listing or help, which measures nothing on purpose.</summary>
    public static bool OnlyLists(string[] args) => args.Any(a => Listings.Contains(a));
}
