using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Webhooks;

/// <summary>An endpoint as the admin page lists it, with how its deliveries stand.</summary>
public sealed record WebhookEndpointRow(int Id, string MerchantName, string Url, bool AllowPrivateNetwork, bool IsEnabled, DateTimeOffset CreatedAt,
    int Pending, int GaveUp, int DeliveredLastDay);

/// <summary>One delivery in an endpoint's log, with its attempts, newest first.</summary>
public sealed record WebhookDeliveryRow(long Id, string EventId, string Type, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? DeliveredAt,
    DateTimeOffset? GaveUpAt, DateTimeOffset NextAttemptAt, int? LastStatusCode, string? LastError, IReadOnlyList<WebhookAttempt> Tries);

/// <summary>A registered endpoint and its secret, which is shown this once and never again.</summary>
public sealed record RegisteredWebhook(int Id, string Url, string Secret);

/// <summary>Admins register merchants' endpoints, switch them on and off, read their delivery log and resend.</summary>
public sealed class WebhookService(IDbContextFactory<PosLinkDbContext> contexts, WebhookSecrets secrets, TimeProvider time)
{
    /// <summary>How many deliveries an endpoint's log shows (newest first).</summary>
    public const int LogLimit = 100;

    public async Task<Result<RegisteredWebhook>> RegisterAsync(Actor actor, int merchantId, string? url, bool allowPrivateNetwork, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return WebhookProblems.AdminsOnly;
        }
        var checkedUrl = WebhookAddress.Check(url, allowPrivateNetwork);
        if (!checkedUrl.Succeeded)
        {
            return checkedUrl.Problem;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Merchants.AnyAsync(m => m.Id == merchantId, cancellationToken))
        {
            return WebhookProblems.MerchantNotFound;
        }
        var secret = WebhookSecrets.New();
        var endpoint = WebhookEndpoint.Register(merchantId, checkedUrl.Value, secrets.Protect(secret), allowPrivateNetwork, actor.Name, now);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        // The trail names the address, never the secret.
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.WebhookRegister, nameof(WebhookEndpoint), endpoint.Id, null,
            new { MerchantId = merchantId, endpoint.Url, endpoint.AllowPrivateNetwork }, now));
        await db.SaveChangesAsync(cancellationToken);
        return new RegisteredWebhook(endpoint.Id, endpoint.Url, secret);
    }

    public async Task<Result<bool>> SetEnabledAsync(Actor actor, int endpointId, bool enabled, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return WebhookProblems.AdminsOnly;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return WebhookProblems.NotFound;
        }
        var before = new { endpoint.IsEnabled };
        endpoint.Enable(enabled);
        db.AuditEntries.Add(AuditTrail.Entry(actor, enabled ? AuditActions.WebhookEnable : AuditActions.WebhookDisable, nameof(WebhookEndpoint), endpointId,
            before, new { endpoint.IsEnabled }, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return enabled;
    }

    /// <summary>Due now again, with the same event id (a receiver that has it already ignores it).</summary>
    public async Task<Result<bool>> ResendAsync(Actor actor, long deliveryId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return WebhookProblems.AdminsOnly;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null)
        {
            return WebhookProblems.NotFound;
        }
        delivery.Resend(now);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.WebhookResend, nameof(WebhookEndpoint), delivery.EndpointId, null,
            new { delivery.EventId, delivery.Type }, now));
        await db.SaveChangesAsync(cancellationToken);
        WebhookOutbox.Announce();
        return true;
    }

    public async Task<IReadOnlyList<WebhookEndpointRow>> EndpointsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return [];
        }
        var dayAgo = time.GetUtcNow() - TimeSpan.FromDays(1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
            from e in db.WebhookEndpoints
            join m in db.Merchants on e.MerchantId equals m.Id
            orderby m.Name, e.Id
            select new WebhookEndpointRow(e.Id, m.Name, e.Url, e.AllowPrivateNetwork, e.IsEnabled, e.CreatedAt,
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.DeliveredAt == null && d.GaveUpAt == null),
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.GaveUpAt != null),
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.DeliveredAt >= dayAgo))).ToListAsync(cancellationToken);
    }

    /// <summary>An endpoint's latest deliveries with their attempts; null when there is no such endpoint (or the actor is not an admin).</summary>
    public async Task<(WebhookEndpointRow Endpoint, IReadOnlyList<WebhookDeliveryRow> Deliveries)?> LogAsync(Actor actor, int endpointId, CancellationToken cancellationToken = default)
    {
        var endpoint = (await EndpointsAsync(actor, cancellationToken)).FirstOrDefault(e => e.Id == endpointId);
        if (endpoint is null)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id).Take(LogLimit).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .GroupBy(a => a.DeliveryId).ToDictionary(g => g.Key, g => (IReadOnlyList<WebhookAttempt>)g.OrderByDescending(a => a.Id).ToList());
        return (endpoint, deliveries.Select(d => new WebhookDeliveryRow(d.Id, d.EventId, d.Type, d.CreatedAt, d.Attempts, d.DeliveredAt, d.GaveUpAt, d.NextAttemptAt,
            d.LastStatusCode, d.LastError, attempts.GetValueOrDefault(d.Id) ?? [])).ToList());
    }
}
