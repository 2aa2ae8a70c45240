namespace PosLink.Domain.Gateway.Messages;

/// <summary>What every POS通 request carries: the merchant/terminal pair and a fresh system trace number.</summary>
public interface IGatewayRequest
{
    /// <summary>商户号: 15 digits.</summary>
    string MerchantCode { get; }

    /// <summary>终端号: 8 characters.</summary>
    string TerminalCode { get; }

    /// <summary>系统跟踪号: 6 digits, unique per merchant+terminal within a China trade day.</summary>
    string SystemTraceNum { get; }
}
