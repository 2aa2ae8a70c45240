namespace PosLink.Web.Hosting;

/// <summary>Settings under <c>PosLink:Hosting</c>: where the app sits on the network.</summary>
public sealed class HostingOptions
{
    public const string Section = "PosLink:Hosting";

    /// <summary>
    /// Reverse proxies (addresses such as <c>10.0.0.5</c>, or networks such as <c>10.0.0.0/24</c>) whose
    /// X-Forwarded-For and X-Forwarded-Proto are believed. Empty: the app faces clients directly and ignores them.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
