using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PosLink.Benchmarks.Web;

/// <summary>What one <c>wrk --latency</c> run measured.</summary>
/// <param name="RequestsPerSecond">wrk's "Requests/sec".</param>
/// <param name="P99Ms">wrk's 99th latency percentile, in milliseconds.</param>
/// <param name="Errors">Answers the script counted as wrong; -1 when it counted none.</param>
public sealed record WrkRun(double RequestsPerSecond, double P99Ms, long Errors);

/// <summary>Runs Debian's <c>wrk</c> (load generator) with a Lua script and reads its summary.</summary>
public static partial class Wrk
{
    private static readonly string[] Candidates = ["/usr/bin/wrk", "/usr/local/bin/wrk"];

    public const string Install = "B7 needs wrk: apt-get install -y wrk (README, Prerequisites).";

    public static async Task<WrkRun> RunAsync(Uri url, string script, TimeSpan duration, int connections, params string[] scriptArguments)
    {
        var executable = Candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(Install);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        // Two threads (the machine's cores are shared with the app), latency percentiles, the script, the URL.
        start.ArgumentList.Add("-t2");
        start.ArgumentList.Add($"-c{connections.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add($"-d{(int)duration.TotalSeconds}s");
        start.ArgumentList.Add("--latency");
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(url.ToString());
        if (scriptArguments.Length > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var argument in scriptArguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rate = RequestsPerSecond().Match(output);
        var p99 = Percentile99().Match(output);
        if (wrk.ExitCode != 0 || !rate.Success || !p99.Success)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output} {errors}");
        }
        var failures = NotAnswered().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        return new WrkRun(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value), failures);
    }

    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        _ => throw new InvalidOperationException($"wrk's unit {unit}"),
    };

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"99%\s+([0-9.]+)(us|ms|s)\b")]
    private static partial Regex Percentile99();

    /// <summary>The scripts' own count of answers that were not HTTP 200 with errCode 00 (-1 when a script printed none).</summary>
    [GeneratedRegex(@"Not answered 00:\s+([0-9]+)")]
    private static partial Regex NotAnswered();
}
