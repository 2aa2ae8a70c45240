using System.Diagnostics;
using System.Diagnostics.Metrics;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Telemetry;

namespace PosLink.Domain.Gateway;

/// <summary>
/// What every gateway call adds to the metrics and to its span: a request counted by endpoint and errCode (or the
/// reason no answer came), its latency, and, when the outcome is unknown (no answer, or an answer that says "query
/// me"), an unknown outcome: the figure an operator alerts on, since only a status query can settle it.
/// </summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _unknown;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PosLinkTelemetry.Name);
        _requests = meter.CreateCounter<long>("poslink.gateway.requests", "{request}",
            "Gateway requests by endpoint and errCode (or unanswered:<reason>).");
        _duration = meter.CreateHistogram<double>("poslink.gateway.request.duration", "s",
            "Time from sending a gateway request to its answer or to giving up.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _unknown = meter.CreateCounter<long>("poslink.gateway.unknown_outcomes", "{request}",
            "Gateway requests whose outcome is unknown (no answer, or the platform asked to be queried), by endpoint and reason.");
    }

    /// <summary>A client span for one call: endpoint and trace number now, the outcome when <see cref="Record{T}"/> runs.</summary>
    public static Activity? StartCall(GatewayEndpoint endpoint, string systemTraceNum)
    {
        var activity = PosLinkTelemetry.Source.StartActivity("gateway " + endpoint, ActivityKind.Client);
        activity?.SetTag("poslink.gateway.endpoint", endpoint.ToString());
        activity?.SetTag("poslink.system_trace_num", systemTraceNum);
        return activity;
    }

    /// <summary>The platform's codes are two to four characters; anything else is one label, so a label set stays bounded.</summary>
    private static string Code(string? errCode) => errCode is { Length: > 0 and <= 4 } && errCode.All(char.IsAsciiLetterOrDigit) ? errCode : "other";

    public void Record<TResponse>(GatewayEndpoint endpoint, GatewayResult<TResponse> result, Activity? activity)
        where TResponse : GatewayResponse
    {
        var (code, unknownReason) = result switch
        {
            Answered<TResponse> { Category: ResponseCategory.Unknown } answered => (Code(answered.Response.ErrCode),
                answered.Response.AutoQueryFlag == "Y" ? "autoQueryFlag" : "errCode:" + Code(answered.Response.ErrCode)),
            Answered<TResponse> answered => (Code(answered.Response.ErrCode), null),
            Unanswered<TResponse> unanswered => ("unanswered:" + unanswered.Reason, unanswered.Reason.ToString()),
            _ => ("", null),
        };
        var endpointTag = new KeyValuePair<string, object?>("endpoint", endpoint.ToString());
        _requests.Add(1, endpointTag, new("err_code", code));
        _duration.Record(result.Exchange.Elapsed.TotalSeconds, endpointTag);
        if (unknownReason is not null)
        {
            _unknown.Add(1, endpointTag, new("reason", unknownReason));
        }
        if (activity is null)
        {
            return;
        }
        activity.SetTag("poslink.gateway.err_code", code);
        if (unknownReason is not null)
        {
            activity.SetTag("poslink.gateway.outcome", "unknown");
            activity.SetStatus(ActivityStatusCode.Error, "outcome unknown: " + unknownReason);
        }
    }
}
