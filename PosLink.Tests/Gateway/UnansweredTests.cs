using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Tests.Support;

namespace PosLink.Tests.Gateway;

/// <summary>Every way of getting no usable answer is a value, never an exception, and never a second request.</summary>
public sealed class UnansweredTests
{
    private readonly FakeTimeProvider _time = new(PosLinkAppFactory.Start);
    private readonly TestTerminal _terminal = new();

    private PosLinkGatewayClient ClientFor(Uri baseAddress, int timeoutSeconds = 30) => new(
        new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan },
        new StaticOptionsMonitor<GatewayOptions>(new GatewayOptions { AppId = "app", AppKey = "key", TimeoutSeconds = timeoutSeconds }),
        _time,
        new GatewayMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
        NullLogger<PosLinkGatewayClient>.Instance);

    private PreauthorizeRequest Hold() => _terminal.Preauthorize(12345);

    [Fact]
    public async Task Timeout_WhenNoAnswerBeforeTheClockRunsOut()
    {
        await using var server = FaultServer.Silent();
        var call = ClientFor(server.BaseAddress, timeoutSeconds: 30).PreauthorizeAsync(Hold());
        await server.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        var result = (await call.WaitAsync(TimeSpan.FromSeconds(10))).AssertUnanswered(UnansweredReason.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Exchange.Elapsed);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task ConnectionFailed_WhenRefused()
    {
        var result = await ClientFor(FaultServer.ClosedAddress()).CompleteAsync(new CompleteAuthorizationRequest
        {
            MerchantCode = _terminal.MerchantCode,
            TerminalCode = _terminal.TerminalCode,
            SystemTraceNum = "000009",
            TransactionAmount = 1,
            AuthorizationCode = "123456",
            OriginalTransactionDate = "1127",
            OriginalSystemTraceNum = "000001",
        });
        result.AssertUnanswered(UnansweredReason.ConnectionFailed);
    }

    [Fact]
    public async Task ConnectionReset_AfterTheRequestArrived_IsSentOnce()
    {
        await using var server = FaultServer.Resetting();
        var result = await ClientFor(server.BaseAddress).PreauthorizeAsync(Hold());
        result.AssertUnanswered(UnansweredReason.ConnectionReset);
        Assert.Equal(1, server.Requests);
        Assert.Equal(1, server.Connections);
    }

    [Theory]
    [InlineData(500, "Internal Server Error")]
    [InlineData(502, "Bad Gateway")]
    [InlineData(503, "Service Unavailable")]
    [InlineData(504, "Gateway Timeout")]
    public async Task ServerError_On5xx_EvenWithAJsonBody(int status, string reason)
    {
        await using var server = FaultServer.Answering(status, reason, """{"errCode":"00","errInfo":"成功"}""");
        var result = (await ClientFor(server.BaseAddress).PreauthorizeAsync(Hold())).AssertUnanswered(UnansweredReason.ServerError);
        Assert.Equal(status, result.Exchange.HttpStatus);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task UnexpectedStatus_On4xx()
    {
        await using var server = FaultServer.Answering(404, "Not Found", "");
        (await ClientFor(server.BaseAddress).PreauthorizeAsync(Hold())).AssertUnanswered(UnansweredReason.UnexpectedStatus);
    }

    [Fact]
    public async Task EmptyBody_On200WithNothing()
    {
        await using var server = FaultServer.Answering(200, "OK", "");
        (await ClientFor(server.BaseAddress).PreauthorizeAsync(Hold())).AssertUnanswered(UnansweredReason.EmptyBody);
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>", "text/html")]
    [InlineData("""{"errCode":"00","transactionAmount":"lots"}""", "application/json")]
    [InlineData("""{"errCode":"00",""", "application/json")]
    [InlineData("""["00"]""", "application/json")]
    [InlineData("""{"errInfo":"no code"}""", "application/json")]
    [InlineData("null", "application/json")]
    public async Task MalformedBody_WhenNotAnAnswer(string body, string contentType)
    {
        await using var server = FaultServer.Answering(200, "OK", body, contentType);
        (await ClientFor(server.BaseAddress).PreauthorizeAsync(Hold())).AssertUnanswered(UnansweredReason.MalformedBody);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task ConnectionReset_WhenTheAnswerIsCutShort()
    {
        await using var server = FaultServer.Answering("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{\"errCode\":\"00\"");
        (await ClientFor(server.BaseAddress).PreauthorizeAsync(Hold())).AssertUnanswered(UnansweredReason.ConnectionReset);
    }

    [Fact]
    public async Task Cancelled_WhenTheCallerGivesUp()
    {
        await using var server = FaultServer.Silent();
        using var caller = new CancellationTokenSource();
        var call = ClientFor(server.BaseAddress).VoidAsync(new VoidAuthorizationRequest
        {
            MerchantCode = _terminal.MerchantCode,
            TerminalCode = _terminal.TerminalCode,
            SystemTraceNum = "000010",
            TransactionAmount = 1,
            AuthorizationCode = "123456",
            OriginalTransactionDate = "1127",
            OriginalSystemTraceNum = "000001",
        }, caller.Token);
        await server.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await caller.CancelAsync();
        (await call.WaitAsync(TimeSpan.FromSeconds(10))).AssertUnanswered(UnansweredReason.Cancelled);
    }

    [Fact]
    public async Task Answered_CarriesTheCategoryAndTheRedactedExchange()
    {
        await using var server = FaultServer.Answering(200, "OK", """{"errCode":"51","errInfo":"资金不足"}""");
        var request = Hold();
        var result = Assert.IsType<Answered<PreauthorizeResponse>>(await ClientFor(server.BaseAddress).PreauthorizeAsync(request));
        Assert.Equal(ResponseCategory.Declined, result.Category);
        Assert.False(result.IsApproved);
        Assert.Equal(GatewayEndpoint.Preauthorize, result.Exchange.Endpoint);
        Assert.Equal(request.SystemTraceNum, result.Exchange.SystemTraceNum);
        Assert.Equal(200, result.Exchange.HttpStatus);
        Assert.Equal(PosLinkAppFactory.Start, result.Exchange.SentAt);
        Assert.Contains("\"payCode\":\"1345**********6789\"", result.Exchange.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain(request.PayCode, result.Exchange.RequestBody, StringComparison.Ordinal);
        Assert.Equal("""{"errCode":"51","errInfo":"资金不足"}""", result.Exchange.ResponseBody);
    }

    [Fact]
    public async Task Request_IsTheSignedBytes_OnAConnectionThatClosesAfterIt()
    {
        await using var server = FaultServer.Answering(200, "OK", """{"errCode":"00","errInfo":"成功"}""");
        var request = _terminal.Preauthorize(12345, remark: "房间押金");
        await ClientFor(server.BaseAddress).PreauthorizeAsync(request).AssertAnswered("00");

        var (headers, body) = Assert.Single(server.Received);
        var lines = headers.Split("\r\n");
        Assert.StartsWith("POST /v1/poslink/transaction/preauthorization/preauthorize HTTP/1.1", lines[0], StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", lines);
        // Connection: close, so SocketsHttpHandler never resends this POST on a pooled connection that died.
        Assert.Contains("Connection: close", lines);
        Assert.Equal(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, GatewayJson.Options), body);

        var authorization = lines.Single(l => l.StartsWith("Authorization: ", StringComparison.Ordinal))["Authorization: ".Length..];
        Assert.True(OpenBodyAuthorization.TryParse(authorization, out var parts, out _));
        Assert.Equal(("app", "20261127153000"), (parts.AppId, parts.Timestamp));
        Assert.Matches("^[0-9a-f]{32}$", parts.Nonce);
        Assert.True(OpenBodySigner.Verify("app", "key", parts.Timestamp, parts.Nonce, body, parts.Signature));
    }

    [Fact]
    public async Task ARequestMissingARequiredField_IsAProgrammingError_AndNothingIsSent()
    {
        await using var server = FaultServer.Answering(200, "OK", """{"errCode":"00","errInfo":"成功"}""");
        var client = ClientFor(server.BaseAddress);

        var quick = await Assert.ThrowsAsync<ArgumentException>(() => client.QuickCompleteAsync(_terminal.QuickComplete(null!, 100)));
        var complete = await Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync(new CompleteAuthorizationRequest
        {
            MerchantCode = _terminal.MerchantCode,
            TerminalCode = _terminal.TerminalCode,
            SystemTraceNum = "000010",
            TransactionAmount = 100,
            AuthorizationCode = null!,
            OriginalTransactionDate = "1127",
            OriginalSystemTraceNum = "000001",
        }));
        var query = await Assert.ThrowsAsync<ArgumentException>(() => client.QueryAsync(new QueryRequest
        {
            MerchantCode = _terminal.MerchantCode,
            TerminalCode = _terminal.TerminalCode,
            SystemTraceNum = "000011",
        }));

        Assert.Contains("OrderId", quick.Message, StringComparison.Ordinal);
        Assert.Contains("AuthorizationCode", complete.Message, StringComparison.Ordinal);
        Assert.Contains("OriginalOrderId", query.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }
}
