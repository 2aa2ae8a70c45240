using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Web.Sandbox;

/// <summary>A hold the platform knows and PosLink does not: the demo's "taken on a POS device" (在POS机上做的担保).</summary>
public sealed record DeviceHold(string MerchantCode, string TerminalCode, string SystemTraceNum, DateOnly TradeDate, string OrderId, long AmountFen);

public sealed partial class SandboxGateway
{
    /// <summary>
    /// Trace numbers a device uses in the demo: far above PosLink's own counter (which starts at 000001 each day), so
    /// the two never meet on a terminal, as a real device and PosLink keep counters of their own.
    /// </summary>
    public const int FirstDeviceTrace = 900_001;

    /// <summary>
    /// Takes a 担保 as a POS device on <paramref name="terminalCode"/> would: the same checks, trace rule and records as a
    /// request through the API, without PosLink's signature (a device authenticates its own way).
    /// </summary>
    public async Task<SandboxAnswer> TakeOnDeviceAsync(string merchantCode, string terminalCode, string systemTraceNum, long amountFen, string payCode,
        CancellationToken cancellationToken = default)
    {
        var request = new PreauthorizeRequest
        {
            MerchantCode = merchantCode,
            TerminalCode = terminalCode,
            SystemTraceNum = systemTraceNum,
            TransactionAmount = amountFen,
            PayMode = PayMode.CodeScan,
            PayCode = payCode,
        };
        var parsed = SandboxRequest.Parse(JsonSerializer.SerializeToUtf8Bytes(request, GatewayJson.Options));
        var path = GatewayPaths.For(GatewayEndpoint.Preauthorize);
        return await ExecuteAsync(path, parsed, Preauthorize(parsed), cancellationToken);
    }

    /// <summary>Today's holds taken on devices (by their trace numbers), for the find page's sandbox help.</summary>
    public async Task<IReadOnlyList<DeviceHold>> DeviceHoldsTodayAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = ChinaTime.TradeDate(time.GetUtcNow());
        // A day's holds on a sandbox are few: the device's trace numbers are told apart here, in memory.
        var held = await db.Holds
            .Where(h => h.TradeDate == today && h.Status == SecureStatus.Held)
            .Select(h => new DeviceHold(h.MerchantCode, h.TerminalCode, h.SystemTraceNum, h.TradeDate, h.OrderId, h.TransactionAmount))
            .ToListAsync(cancellationToken);
        return held.Where(h => int.Parse(h.SystemTraceNum, System.Globalization.CultureInfo.InvariantCulture) >= FirstDeviceTrace)
            .OrderBy(h => h.TerminalCode, StringComparer.Ordinal).ThenBy(h => h.SystemTraceNum, StringComparer.Ordinal)
            .ToList();
    }
}
