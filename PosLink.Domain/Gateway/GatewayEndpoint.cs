namespace PosLink.Domain.Gateway;

/// <summary>
/// The POS通 endpoints this client calls. 担保冲正 (reverseauthorization) is deliberately absent:
/// ChinaUMS does not support it, so an unknown hold is settled by a status query, never reversed.
/// </summary>
public enum GatewayEndpoint
{
    ActivateTerminal,
    Preauthorize,
    CompleteAuthorization,
    VoidAuthorization,
    QuickCompleteAuthorization,
    QuickVoidAuthorization,
    QueryBySystemTraceNum,
    Query,
}

/// <summary>Paths of the endpoints, relative to the gateway's base URL.</summary>
public static class GatewayPaths
{
    public const string Root = "v1/poslink/transaction/";
    public const string PreauthorizationRoot = Root + "preauthorization/";

    /// <summary>The unsupported reversal path, named here only so the sandbox can refuse it as ChinaUMS does.</summary>
    public const string ReverseAuthorization = PreauthorizationRoot + "reverseauthorization";

    public static string For(GatewayEndpoint endpoint) => endpoint switch
    {
        GatewayEndpoint.ActivateTerminal => Root + "activeterminal",
        GatewayEndpoint.Preauthorize => PreauthorizationRoot + "preauthorize",
        GatewayEndpoint.CompleteAuthorization => PreauthorizationRoot + "completeauthorization",
        GatewayEndpoint.VoidAuthorization => PreauthorizationRoot + "voidauthorization",
        GatewayEndpoint.QuickCompleteAuthorization => PreauthorizationRoot + "quickcompleteauthorization",
        GatewayEndpoint.QuickVoidAuthorization => PreauthorizationRoot + "quickvoidauthorization",
        GatewayEndpoint.QueryBySystemTraceNum => PreauthorizationRoot + "query-by-system-trace-num",
        GatewayEndpoint.Query => PreauthorizationRoot + "query",
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };

    /// <summary>Whether a call to the endpoint can move money (and so must never be retried blindly).</summary>
    public static bool MovesMoney(GatewayEndpoint endpoint) => endpoint is
        GatewayEndpoint.Preauthorize or GatewayEndpoint.CompleteAuthorization or GatewayEndpoint.VoidAuthorization or
        GatewayEndpoint.QuickCompleteAuthorization or GatewayEndpoint.QuickVoidAuthorization;
}
