namespace PosLink.Web.Sandbox;

/// <summary>Settings under <c>PosLink:Sandbox</c> for the built-in ChinaUMS stand-in.</summary>
public sealed class SandboxOptions
{
    public const string Section = "PosLink:Sandbox";

    /// <summary>The only AppId the sandbox accepts; the app's own client signs with it in Sandbox mode.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The sandbox's signing key: a published demo value, not a secret.</summary>
    public string AppKey { get; set; } = "";

    /// <summary>How long a pay code ending in 0098 waits before answering.</summary>
    public int SlowResponseSeconds { get; set; } = 40;

    /// <summary>How long a 0077/0078 hold waits for the customer, and a 0093 completion stays "completing".</summary>
    public int PendingSeconds { get; set; } = 20;

    /// <summary>How long the platform keeps a hold: past this, it releases it (a query says 担保撤销, secureStatus 1).</summary>
    public int HoldLifetimeDays { get; set; } = 30;

    /// <summary>How far a signature timestamp may be from the sandbox's clock.</summary>
    public int TimestampToleranceMinutes { get; set; } = 10;

    /// <summary>
    /// The sandbox in the Production environment only when said so (a public demo server): a real deployment
    /// that forgot to switch to Live would otherwise take "holds" that hold nothing.
    /// </summary>
    public bool AllowInProduction { get; set; }

    /// <summary>
    /// In Production, who besides this machine (loopback: the app calling its own sandbox) the sandbox answers, as
    /// addresses (10.0.0.5) or networks (10.0.0.0/24). Its signing key is published, so on a public demo anyone else
    /// could void every demo hold without signing in.
    /// </summary>
    public string[] AllowedClients { get; set; } = [];

    /// <summary>Whether the sandbox answers a request from <paramref name="client"/> in Production.</summary>
    public bool Answers(System.Net.IPAddress? client) => Hosting.ClientAddresses.IsLoopbackOrIn(client, AllowedClients);
}
