using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Domain.Gateway;

/// <summary>
/// The typed HTTP client for POS通. Serializes each request once, signs those exact bytes (OPEN-BODY-SIG)
/// and sends them once: there is no retry here or in the handler pipeline, because a resent completion
/// could capture the customer's money twice. A missing answer comes back as <see cref="Unanswered{TResponse}"/>.
/// </summary>
public sealed partial class PosLinkGatewayClient(
    HttpClient http,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<PosLinkGatewayClient> logger) : IPosLinkGateway
{
    public Task<GatewayResult<ActivateTerminalResponse>> ActivateTerminalAsync(ActivateTerminalRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ActivateTerminalRequest, ActivateTerminalResponse>(GatewayEndpoint.ActivateTerminal, request, cancellationToken);

    public Task<GatewayResult<PreauthorizeResponse>> PreauthorizeAsync(PreauthorizeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PreauthorizeRequest, PreauthorizeResponse>(GatewayEndpoint.Preauthorize, request, cancellationToken);

    public Task<GatewayResult<CompleteAuthorizationResponse>> CompleteAsync(CompleteAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CompleteAuthorizationRequest, CompleteAuthorizationResponse>(GatewayEndpoint.CompleteAuthorization, request, cancellationToken);

    public Task<GatewayResult<VoidAuthorizationResponse>> VoidAsync(VoidAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<VoidAuthorizationRequest, VoidAuthorizationResponse>(GatewayEndpoint.VoidAuthorization, request, cancellationToken);

    public Task<GatewayResult<QuickCompleteAuthorizationResponse>> QuickCompleteAsync(QuickCompleteAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<QuickCompleteAuthorizationRequest, QuickCompleteAuthorizationResponse>(GatewayEndpoint.QuickCompleteAuthorization, request, cancellationToken);

    public Task<GatewayResult<QuickVoidAuthorizationResponse>> QuickVoidAsync(QuickVoidAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<QuickVoidAuthorizationRequest, QuickVoidAuthorizationResponse>(GatewayEndpoint.QuickVoidAuthorization, request, cancellationToken);

    public Task<GatewayResult<QueryBySystemTraceNumResponse>> QueryBySystemTraceNumAsync(QueryBySystemTraceNumRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<QueryBySystemTraceNumRequest, QueryBySystemTraceNumResponse>(GatewayEndpoint.QueryBySystemTraceNum, request, cancellationToken);

    public Task<GatewayResult<QueryResponse>> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<QueryRequest, QueryResponse>(GatewayEndpoint.Query, request, cancellationToken);

    /// <summary>One call as the operator sees it: a span under whatever caused it, and its figures in the metrics.</summary>
    private async Task<GatewayResult<TResponse>> SendAsync<TRequest, TResponse>(GatewayEndpoint endpoint, TRequest request, CancellationToken cancellationToken)
        where TRequest : IGatewayRequest
        where TResponse : GatewayResponse
    {
        using var activity = GatewayMetrics.StartCall(endpoint, request.SystemTraceNum);
        var result = await ExchangeAsync<TRequest, TResponse>(endpoint, request, cancellationToken);
        metrics.Record(endpoint, result, activity);
        return result;
    }

    private async Task<GatewayResult<TResponse>> ExchangeAsync<TRequest, TResponse>(GatewayEndpoint endpoint, TRequest request, CancellationToken cancellationToken)
        where TRequest : IGatewayRequest
        where TResponse : GatewayResponse
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.AppKey))
        {
            // Start-up validation makes this unreachable in Live mode; reaching it is a programming error.
            throw new InvalidOperationException($"{GatewayOptions.Section}:AppId and AppKey must be configured before calling the gateway.");
        }

        RequiredFields.Check(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, GatewayJson.Options);
        var sentAt = time.GetUtcNow();
        var authorization = OpenBodySigner.AuthorizationHeader(
            settings.AppId, settings.AppKey, ChinaTime.SignatureTimestamp(sentAt), OpenBodySigner.NewNonce(), body);

        using var message = new HttpRequestMessage(HttpMethod.Post, GatewayPaths.For(endpoint));
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        // A fresh connection per request: SocketsHttpHandler silently resends a request whose pooled
        // connection turns out to be dead, and a resent completion could capture money twice.
        message.Headers.ConnectionClose = true;

        var redactedRequest = GatewayRedaction.Redact(body);
        var started = time.GetTimestamp();
        GatewayExchange Exchange(string? responseBody = null, int? status = null) =>
            new(endpoint, request.SystemTraceNum, redactedRequest, responseBody, status, sentAt, time.GetElapsedTime(started));

        // The timeout runs on the injected clock, so tests drive it with a fake one instead of waiting.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var status = (int)response.StatusCode;
            var redactedResponse = GatewayRedaction.Redact(bytes);

            if (status >= 500)
            {
                return Unanswered(UnansweredReason.ServerError, $"HTTP {status}", Exchange(redactedResponse, status));
            }
            if (!response.IsSuccessStatusCode)
            {
                return Unanswered(UnansweredReason.UnexpectedStatus, $"HTTP {status}", Exchange(redactedResponse, status));
            }
            if (bytes.Length == 0)
            {
                return Unanswered(UnansweredReason.EmptyBody, $"HTTP {status} with an empty body", Exchange(redactedResponse, status));
            }

            TResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<TResponse>(bytes, GatewayJson.Options);
            }
            catch (JsonException ex)
            {
                return Unanswered(UnansweredReason.MalformedBody, $"not {typeof(TResponse).Name} JSON: {ex.Message}", Exchange(redactedResponse, status));
            }
            if (parsed?.ErrCode is not { Length: > 0 } errCode)
            {
                return Unanswered(UnansweredReason.MalformedBody, "the answer has no errCode", Exchange(redactedResponse, status));
            }

            parsed = MaskPayCode(parsed);
            var exchange = Exchange(redactedResponse, status);
            var category = ResponseCodes.Classify(endpoint, parsed);
            LogAnswered(endpoint, request.SystemTraceNum, errCode, category, exchange.Elapsed.TotalMilliseconds);
            return new Answered<TResponse>(parsed, category, exchange);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Unanswered(UnansweredReason.Timeout, $"no answer within {settings.TimeoutSeconds} s", Exchange());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Unanswered(UnansweredReason.Cancelled, "the caller cancelled while waiting", Exchange());
        }
        catch (HttpRequestException ex)
        {
            return Unanswered(ClassifyTransportFailure(ex), ex.Message, Exchange());
        }
        catch (IOException ex)
        {
            // Reading the body failed midway: the gateway may well have acted on the request.
            return Unanswered(UnansweredReason.ConnectionReset, ex.Message, Exchange());
        }

        Unanswered<TResponse> Unanswered(UnansweredReason reason, string detail, GatewayExchange exchange)
        {
            LogUnanswered(endpoint, request.SystemTraceNum, reason, exchange.Elapsed.TotalMilliseconds, detail);
            return new Unanswered<TResponse>(reason, detail, exchange);
        }
    }

    /// <summary>Refused or unreachable means the request never left; anything else may have reached the gateway.</summary>
    internal static UnansweredReason ClassifyTransportFailure(HttpRequestException ex)
    {
        if (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError ||
            ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
        {
            return UnansweredReason.ConnectionFailed;
        }
        return UnansweredReason.ConnectionReset;
    }

    private static TResponse MaskPayCode<TResponse>(TResponse response) where TResponse : GatewayResponse =>
        response is TransactionQueryResponse { PayCode: { } code } query
            ? (TResponse)(GatewayResponse)(query with { PayCode = PayCodeMask.Mask(code) })
            : response;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "POS通 {Endpoint} trace {SystemTraceNum}: errCode {ErrCode} ({Category}) in {ElapsedMs:0} ms")]
    private partial void LogAnswered(GatewayEndpoint endpoint, string systemTraceNum, string errCode, ResponseCategory category, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "POS通 {Endpoint} trace {SystemTraceNum}: no answer ({Reason}) after {ElapsedMs:0} ms, outcome unknown: {Detail}")]
    private partial void LogUnanswered(GatewayEndpoint endpoint, string systemTraceNum, UnansweredReason reason, double elapsedMs, string detail);
}
