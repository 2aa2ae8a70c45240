using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// Posts the outbox: each due delivery is leased (so two nodes do not post it at once), signed, posted once, and its
/// attempt recorded. An endpoint hears its events in the order they happened, one at a time (a retried one may come
/// after later ones: receivers order by the body's createdAt and the hold's status). Not delivered, it is tried again after an exponential back-off with jitter (30 s, 1 min, 2 min …
/// at most an hour apart, each a random half to whole of that) until a day after its event, then left for a person to
/// resend. Retrying is right here, unlike the gateway's calls: an event moves no money, and carries its id.
/// </summary>
public sealed partial class WebhookDispatcher(
    IDbContextFactory<PosLinkDbContext> contexts,
    IHttpClientFactory http,
    WebhookSecrets secrets,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);
    public static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longer than a post can take: a lease past this was left by a node that stopped.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public const int BatchSize = 50;
    public const int MaxInFlight = 4;

    /// <summary>The wait after the <paramref name="attempts"/>-th failed post; <paramref name="jitter"/> in [0, 1) spreads receivers' retries.</summary>
    public static TimeSpan Backoff(int attempts, double jitter)
    {
        var full = FirstRetry * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = full < LongestWait ? full : LongestWait;
        return capped * (0.5 + (jitter / 2));
    }

    /// <summary>Posts every delivery due now, a batch at a time; returns how many were delivered.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await LeaseDueAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }
            // Endpoints in parallel; each endpoint's events one after another, in the order they happened.
            var results = new int[batch.Count];
            var byEndpoint = batch.Select((due, i) => (due, i)).GroupBy(d => d.due.EndpointId).ToList();
            await Parallel.ForEachAsync(byEndpoint, new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = cancellationToken }, async (endpoint, token) =>
            {
                foreach (var (due, i) in endpoint)
                {
                    results[i] = await PostAsync(due, token) ? 1 : 0;
                }
            });
            delivered += results.Sum();
            if (batch.Count < BatchSize)
            {
                break;
            }
        }
        return delivered;
    }

    private sealed record Due(long Id, int EndpointId, string EventId, string Type, string Body, string Url, string ProtectedSecret, bool AllowPrivateNetwork);

    /// <summary>Takes the due deliveries of enabled endpoints, each leased by a conditional update only one node can win.</summary>
    private async Task<List<Due>> LeaseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + Lease;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await (
            from d in db.WebhookDeliveries
            join e in db.WebhookEndpoints on d.EndpointId equals e.Id
            where e.IsEnabled && d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now)
            orderby d.NextAttemptAt, d.Id
            select new Due(d.Id, d.EndpointId, d.EventId, d.Type, d.Body, e.Url, e.ProtectedSecret, e.AllowPrivateNetwork)).Take(BatchSize).ToListAsync(cancellationToken);
        var leased = new List<Due>(due.Count);
        foreach (var d in due)
        {
            if (await db.WebhookDeliveries.Where(x => x.Id == d.Id && x.DeliveredAt == null && (x.LeasedUntil == null || x.LeasedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeasedUntil, until), cancellationToken) == 1)
            {
                leased.Add(d);
            }
        }
        return leased;
    }

    private async Task<bool> PostAsync(Due due, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, due.Url) { Content = new StringContent(due.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secrets.Unprotect(due.ProtectedSecret), timestamp, due.Body));
        request.Headers.Add(WebhookSignature.EventIdHeader, due.EventId);
        request.Headers.Add(WebhookSignature.EventTypeHeader, due.Type);
        request.Headers.UserAgent.ParseAdd("PosLink-Webhooks/1");
        request.Options.Set(WebhookHttp.AllowPrivateNetwork, due.AllowPrivateNetwork);

        int? status = null;
        string? error = null;
        using var timeout = new CancellationTokenSource(PostTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.CreateClient(WebhookHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : status is >= 300 and < 400 ? WebhookErrors.Redirect : WebhookErrors.Status;
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookRefusedException refused)
        {
            error = refused.Error;
        }
        catch (WebhookRefusedException refused)
        {
            error = refused.Error;
        }
        catch (HttpRequestException)
        {
            error = WebhookErrors.Connect;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = WebhookErrors.Timeout;
        }
        await RecordAsync(due, status, error, (int)time.GetElapsedTime(started).TotalMilliseconds);
        return error is null;
    }

    private async Task RecordAsync(Due due, int? status, string? error, int durationMs)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == due.Id, CancellationToken.None);
        if (error is null)
        {
            delivery.Delivered(status!.Value, now);
        }
        else
        {
            delivery.Failed(status, error, now + Backoff(delivery.Attempts + 1, Random.Shared.NextDouble()), GiveUpAfter, now);
            LogNotDelivered(due.EventId, due.Type, error, status);
        }
        db.WebhookAttempts.Add(new WebhookAttempt { DeliveryId = due.Id, At = now, StatusCode = status, Error = error, DurationMs = durationMs });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Webhook {EventId} ({Type}) not delivered: {Error} {Status}; tried again later")]
    private partial void LogNotDelivered(string eventId, string type, string error, int? status);
}
