using System.Globalization;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Benchmarks;

/// <summary>
/// A gateway that approves everything at once, in process: enough to build a ledger through the app's own services
/// (so its rows are what the current schema and rules make), without the cost of HTTP.
/// </summary>
internal sealed class BenchGateway(TimeProvider time) : IPosLinkGateway
{
    private long _orders;

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

    public Task<GatewayResult<QueryResponse>> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        Answer(GatewayEndpoint.Query, request, new QueryResponse { ErrCode = "25", ErrInfo = "找不到原始交易", QueryResCode = "1" });

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
