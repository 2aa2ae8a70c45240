namespace PosLink.Web.Telemetry;

/// <summary>Settings under <c>PosLink:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "PosLink:Telemetry";

    /// <summary>
    /// Who besides this machine may read <c>/metrics</c>: addresses (10.0.0.5) or networks (10.0.0.0/24), as a
    /// Prometheus server on another host would need. Everyone else gets 404: the figures name stores and terminals.
    /// </summary>
    public string[] MetricsAllowedClients { get; set; } = [];

    /// <summary>How long the ledger's figures (holds by status, oldest in-flight hold, trace numbers used) are reused between scrapes.</summary>
    public int LedgerFiguresCacheSeconds { get; set; } = 15;
}
