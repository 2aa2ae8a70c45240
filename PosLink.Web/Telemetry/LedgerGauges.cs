using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Time;

namespace PosLink.Web.Telemetry;

/// <summary>
/// What the ledger says at a scrape: holds by store and status (from the trigger-kept summaries, not a scan), the
/// age of each store's oldest hold waiting for the gateway, and trace numbers used per terminal today. Read at most
/// once per <see cref="TelemetryOptions.LedgerFiguresCacheSeconds"/>, however many scrapers ask.
/// </summary>
public sealed class LedgerGauges
{
    private static readonly GuaranteeStatus[] InFlight = [GuaranteeStatus.Authorizing, GuaranteeStatus.Completing, GuaranteeStatus.Voiding];

    private readonly IDbContextFactory<PosLinkDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<TelemetryOptions> _options;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public LedgerGauges(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time, IOptionsMonitor<TelemetryOptions> options, IMeterFactory meters)
    {
        (_contexts, _time, _options) = (contexts, time, options);
        var meter = meters.Create(PosLinkTelemetry.Name);
        meter.CreateObservableGauge("poslink.holds", () => Read().Holds, "{hold}", "Holds by store and status.");
        meter.CreateObservableGauge("poslink.holds.in_flight.oldest_age", () => Read().OldestInFlight, "s",
            "Per store, how long its oldest hold has waited for the gateway's answer (being taken, completed or voided).");
        meter.CreateObservableGauge("poslink.trace_numbers.used_today", () => Read().TracesToday, "{number}",
            "Per terminal, system trace numbers used on today's trade day (China time); the gateway finds a trace only on its day.");
    }

    private sealed record Snapshot(DateTimeOffset At, List<Measurement<long>> Holds, List<Measurement<double>> OldestInFlight, List<Measurement<long>> TracesToday);

    private Snapshot Read()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_snapshot is null || now - _snapshot.At >= TimeSpan.FromSeconds(_options.CurrentValue.LedgerFiguresCacheSeconds))
            {
                _snapshot = Take(now);
            }
            return _snapshot;
        }
    }

    // Synchronous: an observable instrument's callback is, and a scrape waits for it anyway.
    private Snapshot Take(DateTimeOffset now)
    {
        using var db = _contexts.CreateDbContext();
        var stores = db.Stores.AsNoTracking().ToDictionary(s => s.Id, s => s.Name);
        var holds = db.HoldSummaries.AsNoTracking().Where(s => s.Count > 0).ToList()
            .Select(s => new Measurement<long>(s.Count, [.. Store(stores, s.StoreId), new("status", s.Status.ToString())]))
            .ToList();
        var inFlight = db.Guarantees.AsNoTracking()
            .Where(g => InFlight.Contains(g.Status) && g.InFlightSince != null)
            .Select(g => new { g.StoreId, g.InFlightSince })
            .ToList()
            .GroupBy(g => g.StoreId)
            .Select(g => new Measurement<double>(Math.Max(0, (now - g.Min(h => h.InFlightSince!.Value)).TotalSeconds), Store(stores, g.Key)))
            .ToList();
        var today = ChinaTime.TradeDate(now);
        var terminals = db.Terminals.AsNoTracking().ToDictionary(t => t.Id, t => t.TerminalCode);
        var traces = db.GatewayOperations.AsNoTracking()
            .Where(o => o.TradeDate == today)
            .GroupBy(o => o.TerminalId)
            .Select(g => new { TerminalId = g.Key, Count = g.Count() })
            .ToList()
            .Select(t => new Measurement<long>(t.Count, new KeyValuePair<string, object?>("terminal", terminals.GetValueOrDefault(t.TerminalId, t.TerminalId.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .ToList();
        return new Snapshot(now, holds, inFlight, traces);
    }

    /// <summary>A store by id and name: names repeat across merchants, and the id alone tells an operator nothing.</summary>
    private static KeyValuePair<string, object?>[] Store(Dictionary<int, string> stores, int id) =>
        [new("store_id", id), new("store", stores.GetValueOrDefault(id, ""))];
}
