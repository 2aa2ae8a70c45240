using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Gateway;

/// <summary>
/// The ChinaUMS POS通 guarantee API, one method per supported endpoint. Calls never retry and never throw
/// for transport trouble: they return <see cref="Answered{TResponse}"/> or <see cref="Unanswered{TResponse}"/>.
/// Every request needs its own new system trace number, queries and activation included.
/// </summary>
public interface IPosLinkGateway
{
    /// <summary>1.1 激活终端: required at least once per terminal before any hold.</summary>
    Task<GatewayResult<ActivateTerminalResponse>> ActivateTerminalAsync(ActivateTerminalRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.2 担保: take a hold.</summary>
    Task<GatewayResult<PreauthorizeResponse>> PreauthorizeAsync(PreauthorizeRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.4 担保完成: capture up to the held amount.</summary>
    Task<GatewayResult<CompleteAuthorizationResponse>> CompleteAsync(CompleteAuthorizationRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.5 担保撤销: release the hold.</summary>
    Task<GatewayResult<VoidAuthorizationResponse>> VoidAsync(VoidAuthorizationRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.6 快速担保完成: complete by orderId.</summary>
    Task<GatewayResult<QuickCompleteAuthorizationResponse>> QuickCompleteAsync(QuickCompleteAuthorizationRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.7 快速担保撤销: void by orderId.</summary>
    Task<GatewayResult<QuickVoidAuthorizationResponse>> QuickVoidAsync(QuickVoidAuthorizationRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.8 交易状态查询 by the queried transaction's trace number.</summary>
    Task<GatewayResult<QueryBySystemTraceNumResponse>> QueryBySystemTraceNumAsync(QueryBySystemTraceNumRequest request, CancellationToken cancellationToken = default);

    /// <summary>1.9 交易状态查询 by orderId or original trace, with the guarantee's state.</summary>
    Task<GatewayResult<QueryResponse>> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default);
}
