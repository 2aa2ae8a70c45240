using System.Diagnostics;

namespace PosLink.Domain.Telemetry;

/// <summary>
/// The one name PosLink's own spans and metrics go under, so the host subscribes to a single source and meter. Spans
/// carry what identifies an operation (endpoint, trace number, errCode), never a pay code, AppKey or signature.
/// </summary>
public static class PosLinkTelemetry
{
    public const string Name = "PosLink";

    /// <summary>The spans of gateway calls and of the page actions and jobs that cause them.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>A span for something a person or a job does; the gateway calls it makes become its children.</summary>
    public static Activity? StartAction(string name) => Source.StartActivity(name, ActivityKind.Internal);
}
