using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// The clocks of the hold rules, defined once: how long a request may still be answered (the answer window: the
/// gateway timeout plus <see cref="GuaranteeOptions.AbandonedAfterExtraSeconds"/>), the query backoff, and when an
/// unresolved hold goes to a person.
/// </summary>
public sealed class GuaranteeTiming(IOptionsMonitor<GuaranteeOptions> options, IOptionsMonitor<GatewayOptions> gateway)
{
    public GuaranteeOptions Options => options.CurrentValue;

    /// <summary>After this long, a request without an answer will never get one (the process stopped, or the gateway gave up).</summary>
    public TimeSpan AnswerWindow => TimeSpan.FromSeconds(gateway.CurrentValue.TimeoutSeconds + options.CurrentValue.AbandonedAfterExtraSeconds);

    public TimeSpan FirstBackoff => options.CurrentValue.Backoff(0);

    public TimeSpan AttentionAfter => TimeSpan.FromHours(options.CurrentValue.AttentionAfterHours);

    /// <summary>What the hold needs to judge a query's answer now, for a hold queried <paramref name="attempts"/> times so far.</summary>
    public SettleContext Context(DateTimeOffset now, int attempts, GatewayOperation? inFlightRequest) =>
        new(now, AnswerWindow, FirstBackoff, options.CurrentValue.Backoff(attempts + 1), AttentionAfter, inFlightRequest);
}
