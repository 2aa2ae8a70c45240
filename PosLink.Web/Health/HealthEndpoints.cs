using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Persistence;

namespace PosLink.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: it can serve — the ledger is reachable and at the
/// current schema, the Hangfire server is running, and in Live mode the gateway's host resolves. A load balancer
/// sends traffic only to ready nodes.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddPosLinkHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<LedgerHealthCheck>("ledger", tags: [Ready])
            .AddCheck<JobServerHealthCheck>("jobs", tags: [Ready])
            .AddCheck<GatewayHostHealthCheck>("gateway", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapPosLinkHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
        return endpoints;
    }
}

/// <summary>Ready when the ledger answers and no migration is pending (a node that started before an upgrade is not).</summary>
public sealed class LedgerHealthCheck(IDbContextFactory<PosLinkDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The ledger database cannot be reached.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The ledger has {pending.Count} migration(s) to apply, the first {pending[0]}.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The ledger database cannot be reached.", e);
        }
    }
}

/// <summary>Ready when this node's Hangfire server has announced itself (its heartbeat is recent).</summary>
public sealed class JobServerHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var alive = storage.GetMonitoringApi().Servers().Any(s => s.Heartbeat is { } beat && now - beat < TimeSpan.FromMinutes(5));
        return Task.FromResult(alive ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No Hangfire server is running."));
    }
}

/// <summary>In Live mode, ready when the gateway's host name resolves (the sandbox is this app itself).</summary>
public sealed class GatewayHostHealthCheck(IOptions<GatewayOptions> gateway) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (gateway.Value.Mode != GatewayMode.Live || !Uri.TryCreate(gateway.Value.BaseUrl, UriKind.Absolute, out var url) || url.HostNameType != UriHostNameType.Dns)
        {
            return HealthCheckResult.Healthy();
        }
        try
        {
            await Dns.GetHostAddressesAsync(url.Host, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return HealthCheckResult.Unhealthy($"The gateway host {url.Host} does not resolve.", e);
        }
    }
}
