using System.Globalization;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Benchmarks.Ledgers;

/// <summary>
/// A gateway that approves everything at once, in process: enough to build a ledger through the app's own services
/// (so its rows are what the current schema and rules make), without the cost of HTTP. Queries answer what
/// <see cref="Know"/> was told about an orderId (else "not found"), after <see cref="Latency"/> of wall-clock time.
/// </summary>
public sealed class BenchGateway(TimeProvider time) : IPosLinkGateway
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, QueryResponse> _answers = new(StringComparer.Ordinal);
    private long _orders;

    /// <summary>How long a query's answer takes, as a real platform's round trip does.</summary>
    public TimeSpan Latency { get; set; }

    public void Know(string orderId, QueryResponse answer) => _answers[orderId] = answer;

    public Task<GatewayResult<ActivateTerminalResponse>> ActivateTerminalAsync(ActivateTerminalRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.ActivateTerminal, request, new ActivateTerminalResponse { ErrCode = "00", ErrInfo = "成功" });

    public Task<GatewayResult<PreauthorizeResponse>> PreauthorizeAsync(PreauthorizeRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var order = Interlocked.Increment(ref _orders);
        return Answer(GatewayEndpoint.Preauthorize, request, new PreauthorizeResponse
        {
            ErrCode = "00",
            ErrInfo = "成功",
            TransactionDate = ChinaTime.MonthDay(now),
            TransactionTime = ChinaTime.TimeOfDay(now),
            SettlementDate = ChinaTime.MonthDay(now),
            RetrievalRefNum = order.ToString("D12", CultureInfo.InvariantCulture),
            AuthorizationCode = (order % 1_000_000).ToString("D6", CultureInfo.InvariantCulture),
            OrderId = "3194" + order.ToString("D18", CultureInfo.InvariantCulture),
            TransactionAmount = request.TransactionAmount,
            Amount = request.TransactionAmount,
            ThirdPartyName = "微信支付",
        });
    }

    public Task<GatewayResult<CompleteAuthorizationResponse>> CompleteAsync(CompleteAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.CompleteAuthorization, request, Finalized(new CompleteAuthorizationResponse()));

    public Task<GatewayResult<VoidAuthorizationResponse>> VoidAsync(VoidAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.VoidAuthorization, request, Finalized(new VoidAuthorizationResponse()));

    public Task<GatewayResult<QuickCompleteAuthorizationResponse>> QuickCompleteAsync(QuickCompleteAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.QuickCompleteAuthorization, request, Finalized(new QuickCompleteAuthorizationResponse { ActualTransactionAmount = request.TransactionAmount }));

    public Task<GatewayResult<QuickVoidAuthorizationResponse>> QuickVoidAsync(QuickVoidAuthorizationRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.QuickVoidAuthorization, request, Finalized(new QuickVoidAuthorizationResponse()));

    public Task<GatewayResult<QueryBySystemTraceNumResponse>> QueryBySystemTraceNumAsync(QueryBySystemTraceNumRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.QueryBySystemTraceNum, request, new QueryBySystemTraceNumResponse { ErrCode = "25", ErrInfo = "找不到原始交易", QueryResCode = "1" });

    public async Task<GatewayResult<QueryResponse>> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, CancellationToken.None);
        }
        var known = request.OriginalOrderId is { } orderId && _answers.TryGetValue(orderId, out var answer)
            ? answer
            : new QueryResponse { ErrCode = "25", ErrInfo = "找不到原始交易", QueryResCode = "1" };
        return await Answer(GatewayEndpoint.Query, request, known);
    }

    private TResponse Finalized<TResponse>(TResponse empty) where TResponse : FinalizeAuthorizationResponse
    {
        var now = time.GetUtcNow();
        return empty with
        {
            ErrCode = "00",
            ErrInfo = "成功",
            TransactionDate = ChinaTime.MonthDay(now),
            TransactionTime = ChinaTime.TimeOfDay(now),
            SettlementDate = ChinaTime.MonthDay(now),
            RetrievalRefNum = "F" + Interlocked.Increment(ref _orders).ToString("D11", CultureInfo.InvariantCulture),
        };
    }

    private Task<GatewayResult<TResponse>> Answer<TResponse>(GatewayEndpoint endpoint, IGatewayRequest request, TResponse response) where TResponse : GatewayResponse
    {
        var exchange = new GatewayExchange(endpoint, request.SystemTraceNum, "{}", "{}", 200, time.GetUtcNow(), TimeSpan.FromMilliseconds(1));
        return Task.FromResult<GatewayResult<TResponse>>(new Answered<TResponse>(response, ResponseCodes.Classify(endpoint, response), exchange));
    }
}
