using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;
using PosLink.Web.Jobs;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// B7: the status queries the built-in sandbox sustains under <c>wrk</c> (each signed with its own nonce and trace
/// number, made before the run), with as many connections as a sweep has calls in flight. The sandbox is a test
/// double: what it must do is keep well ahead of the sweeps that query it, so Report sets its rate against the query
/// rate of one node's sweep at the job's default concurrency (B4 at 20 ms). Requests per second and p99 are wrk's own.
/// </summary>
[Config(typeof(OnceConfig))]
public class SandboxThroughputBenchmarks
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(Smoke.Enabled ? 1 : 10);

    private BenchApp _app = default!;
    private string _folder = default!;
    private string _terminalCode = default!;
    private int _traces;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync();
        var terminal = await _app.RegisterActiveTerminalAsync("WK000001");
        _terminalCode = terminal.TerminalCode;
        _folder = Path.Combine(Path.GetTempPath(), "poslink-bench-wrk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "signed.lua"), Checked + SignedScript);
    }

    /// <summary>
    /// A file of requests never sent before (one line each: its Authorization header, a tab, its body): trace numbers
    /// and nonces are good once, and there are far more lines than wrk sends in a run.
    /// </summary>
    private async Task<string> FreshRequestsAsync()
    {
        var settings = _app.Services.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue;
        var timestamp = ChinaTime.SignatureTimestamp(TimeProvider.System.GetUtcNow());
        var count = Smoke.Enabled ? 5_000 : 150_000;
        var lines = Enumerable.Range(_traces + 1, count).Select(trace =>
        {
            var body = JsonSerializer.Serialize(new QueryRequest
            {
                MerchantCode = "898310148160568",
                TerminalCode = _terminalCode,
                SystemTraceNum = trace.ToString("D6", CultureInfo.InvariantCulture),
                OriginalOrderId = "33019999999999999999",
            }, GatewayJson.Options);
            return OpenBodySigner.AuthorizationHeader(settings.AppId!, settings.AppKey!, timestamp, OpenBodySigner.NewNonce(), Encoding.UTF8.GetBytes(body)) + "\t" + body;
        });
        _traces += count;
        var path = Path.Combine(_folder, "requests.tsv");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<double> SandboxUnderWrk()
    {
        var sandbox = new Uri(_app.Services.GetRequiredService<IGatewayAddress>().BaseAddress, GatewayPaths.For(GatewayEndpoint.Query));
        var signed = await Wrk.RunAsync(sandbox, Path.Combine(_folder, "signed.lua"), Duration, new JobOptions().MaxConcurrentGatewayCalls, await FreshRequestsAsync());
        if (signed.Errors != 0)
        {
            throw new InvalidOperationException($"wrk saw {signed.Errors} sandbox answers that were not HTTP 200 with errCode 00.");
        }
        Figures.Record("B7-sandbox-rps", signed.RequestsPerSecond);
        Figures.Record("B7-sandbox-p99", signed.P99Ms);
        return signed.RequestsPerSecond;
    }

    /// <summary>The run counts every answer that is not errCode 00 and prints the count (read as wrk's errors).</summary>
    private const string Checked = """
        local threads = {}
        function setup(thread)
          thread:set("id", #threads)
          table.insert(threads, thread)
        end
        function response(status, headers, body)
          if status ~= 200 or not string.find(body, '"errCode":"00"', 1, true) then
            bad = bad + 1
          end
        end
        function done(summary, latency, requests)
          local total = 0
          for _, thread in ipairs(threads) do
            total = total + thread:get("bad")
          end
          io.write("Not answered 00: " .. total .. "\n")
        end

        """;

    /// <summary>Each wrk thread takes every other line of the file, so no request (nonce, trace) is sent twice.</summary>
    private const string SignedScript = """
        function init(args)
          bad = 0
          requests = {}
          local i = 0
          for line in io.lines(args[1]) do
            if i % 2 == id then
              local auth, body = line:match("^(.-)\t(.*)$")
              requests[#requests + 1] = wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
            end
            i = i + 1
          end
          sent = 0
        end
        function request()
          sent = sent + 1
          return requests[sent]
        end
        """;
}
