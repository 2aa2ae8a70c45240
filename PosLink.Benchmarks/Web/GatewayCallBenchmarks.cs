using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// B6: one gateway call (serialize, sign, send, read) by the app's own client to the built-in sandbox over
/// loopback HTTP, against the same call serialized and signed in advance (the sandbox checks both alike, so the
/// difference is the client's own work: serializing, signing, redacting for the log); and signing alone against a
/// bare SHA-256 of the body.
/// </summary>
[Config(typeof(QueryConfig))]
public class GatewayCallBenchmarks
{
    private BenchApp _app = default!;
    private IPosLinkGateway _client = default!;
    private HttpClient _http = default!;
    private QueryRequest _request = default!;
    private byte[] _body = default!;
    private Queue<(byte[] Body, string Authorization)> _presigned = default!;
    private int _trace;
    private GatewayOptions _settings = default!;
    private string? _expected;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync();
        _client = _app.Services.GetRequiredService<IPosLinkGateway>();
        // The typed client's own pipeline and address, without the client around it.
        _http = _app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IPosLinkGateway));
        _settings = _app.Services.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue;
        // A query for an order the sandbox does not know: the same answer every time, and nothing changes.
        _request = new QueryRequest { MerchantCode = "898310148160568", TerminalCode = "JA000001", SystemTraceNum = "000001", OriginalOrderId = "33019999999999999999" };
        _body = JsonSerializer.SerializeToUtf8Bytes(_request, GatewayJson.Options);
        // Trace numbers and nonces are good once: enough requests for every call of the baseline, each serialized
        // and signed before it is timed (traces from 500000 up; the signed calls count from 1).
        var timestamp = ChinaTime.SignatureTimestamp(TimeProvider.System.GetUtcNow());
        _presigned = new Queue<(byte[], string)>(Enumerable.Range(500_000, Smoke.Enabled ? 100 : 200_000).Select(trace =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(_request with { SystemTraceNum = trace.ToString("D6", CultureInfo.InvariantCulture) }, GatewayJson.Options);
            return (body, OpenBodySigner.AuthorizationHeader(_settings.AppId!, _settings.AppKey!, timestamp, OpenBodySigner.NewNonce(), body));
        }));
        _expected = (await _client.QueryAsync(_request with { SystemTraceNum = NextTrace() })) is Answered<QueryResponse> a ? a.Response.ErrCode
            : throw new InvalidOperationException("The sandbox did not answer the benchmark's query.");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _app.DisposeAsync();

    [Benchmark]
    public async Task<string?> SignedCall() =>
        (await _client.QueryAsync(_request with { SystemTraceNum = NextTrace() })) is Answered<QueryResponse> a ? a.Response.ErrCode : null;

    private string NextTrace() => (++_trace).ToString("D6", CultureInfo.InvariantCulture);

    [Benchmark(Baseline = true)]
    public async Task<string?> PresignedCall()
    {
        var (body, authorization) = _presigned.Dequeue();
        using var message = new HttpRequestMessage(HttpMethod.Post, GatewayPaths.For(GatewayEndpoint.Query));
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        message.Headers.ConnectionClose = true;
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        var answer = JsonSerializer.Deserialize<QueryResponse>(await response.Content.ReadAsByteArrayAsync(), GatewayJson.Options);
        // The same answer as the signed call's: the sandbox did the same work for both.
        return answer?.ErrCode == _expected ? answer?.ErrCode : throw new InvalidOperationException($"The sandbox answered {answer?.ErrCode}, not {_expected}.");
    }

    [Benchmark]
    public string Sign() => OpenBodySigner.AuthorizationHeader(_settings.AppId!, _settings.AppKey!, "20261201100000", "0123456789abcdef0123456789abcdef", _body);

    [Benchmark]
    public byte[] Sha256() => SHA256.HashData(_body);
}
