namespace PosLink.Domain.Webhooks;

/// <summary>
/// One event for one endpoint: the outbox row, written in the same transaction as the change it tells of, then
/// posted by <see cref="WebhookDispatcher"/> until the receiver says 2xx or a day has passed. Events carry no money
/// instruction, so posting one again is safe: the receiver de-duplicates by <see cref="EventId"/>.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; private set; }
    public int EndpointId { get; private set; }

    /// <summary>The event's own id ("evt_…"), the same for every endpoint and every attempt: what a receiver de-duplicates by.</summary>
    public string EventId { get; private set; } = "";

    /// <summary><see cref="WebhookEvents"/>: guarantee.held, guarantee.completed, …</summary>
    public string Type { get; private set; } = "";

    /// <summary>The exact JSON body posted (and signed), fixed when the event happened.</summary>
    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>A dispatcher posting it now holds it until then; another node leaves it alone meanwhile.</summary>
    public DateTimeOffset? LeasedUntil { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>Retried for a day without a 2xx: no more attempts unless a person resends it.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }

    public static WebhookDelivery For(int endpointId, string eventId, string type, string body, DateTimeOffset now) => new()
    {
        EndpointId = endpointId,
        EventId = eventId,
        Type = type,
        Body = body,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>The receiver answered 2xx.</summary>
    public void Delivered(int statusCode, DateTimeOffset now)
    {
        Attempts++;
        (DeliveredAt, LastStatusCode, LastError, LeasedUntil) = (now, statusCode, null, null);
    }

    /// <summary>Not delivered: tried again at <paramref name="next"/>, or given up when that is past <paramref name="giveUpAfter"/> since the event.</summary>
    public void Failed(int? statusCode, string error, DateTimeOffset next, TimeSpan giveUpAfter, DateTimeOffset now)
    {
        Attempts++;
        (LastStatusCode, LastError, LeasedUntil) = (statusCode, error, null);
        if (next - CreatedAt > giveUpAfter)
        {
            GaveUpAt = now;
        }
        else
        {
            NextAttemptAt = next;
        }
    }

    /// <summary>A person asks for it again (the receiver lost it, or was down for more than a day): same event id, due now.</summary>
    public void Resend(DateTimeOffset now) => (DeliveredAt, GaveUpAt, NextAttemptAt, LeasedUntil) = (null, null, now, null);
}

/// <summary>One post of a delivery and how it ended: the endpoint's delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; init; }
    public long DeliveryId { get; init; }
    public DateTimeOffset At { get; init; }
    public int? StatusCode { get; init; }
    public string? Error { get; init; }
    public int DurationMs { get; init; }
}
