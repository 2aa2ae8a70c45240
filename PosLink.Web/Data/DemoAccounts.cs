using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Web.Data;

/// <summary>
/// The demo's accounts share a published password, so a Live deployment must not have one enabled: at start it
/// refuses to run while any is, and <see cref="DemoOptions.DisableAccounts"/> disables them (audited) first.
/// </summary>
public static partial class DemoAccounts
{
    public const string Domain = "@poslink.demo";

    public static async Task GuardAsync(IServiceProvider services, ILogger logger)
    {
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.DisableAccounts)
        {
            var staff = services.GetRequiredService<StaffService>();
            foreach (var (id, email) in await EnabledAsync(services))
            {
                (await staff.SetDisabledAsync(Actor.System, id, disabled: true)).Unwrap();
                LogDisabled(logger, email);
            }
        }
        if (services.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode != GatewayMode.Live)
        {
            return;
        }
        var enabled = await EnabledAsync(services);
        if (enabled.Count > 0)
        {
            throw new InvalidOperationException(
                $"Live mode refuses to start while demo accounts are enabled: {string.Join(", ", enabled.Select(e => e.Email))}. " +
                $"Their password is published. Disable them on the staff page (管理 → 员工), or start once with {DemoOptions.Section}:DisableAccounts=true " +
                $"(environment variable PosLink__Demo__DisableAccounts=true), which disables every {Domain} account.");
        }
    }

    private static async Task<List<(string Id, string Email)>> EnabledAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var normalized = Domain.ToUpperInvariant();
        return (await db.Users.AsNoTracking()
                .Where(u => !u.IsDisabled && u.NormalizedEmail != null && u.NormalizedEmail.EndsWith(normalized))
                .OrderBy(u => u.Email)
                .Select(u => new { u.Id, u.Email })
                .ToListAsync())
            .Select(u => (u.Id, u.Email ?? u.Id))
            .ToList();
    }

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Demo account {Email} disabled at start (PosLink:Demo:DisableAccounts)")]
    private static partial void LogDisabled(ILogger logger, string email);
}
