using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Finance;

/// <summary>
/// Records what a check found, one difference per subject, source and date (<see cref="SettlementDifference.Key"/>):
/// a finding opens or updates it, an agreement clears an open one. Load what may be touched first, so that a
/// statement of ten thousand rows costs one read, not one per row. The caller saves.
/// </summary>
internal sealed class DifferenceBook(PosLinkDbContext db)
{
    private readonly Dictionary<(DateOnly Date, string Key), SettlementDifference> _known = [];

    /// <summary>The subject of a gateway difference: the hold.</summary>
    public static string GatewayKey(long guaranteeId) => FormattableString.Invariant($"gateway:{guaranteeId}");

    /// <summary>The subject of a statement difference about one of our holds (matched, or missing from the statement).</summary>
    public static string StatementKey(long guaranteeId) => FormattableString.Invariant($"statement:{guaranteeId}");

    /// <summary>The subject of a statement row that matches no hold.</summary>
    public static string StatementRowKey(StatementKey kind, string key) => $"statement:{kind}:{key}";

    /// <summary>Every difference of <paramref name="source"/> on these dates.</summary>
    public async Task LoadAsync(IReadOnlyCollection<DateOnly> dates, DifferenceSource source, CancellationToken cancellationToken = default)
    {
        foreach (var difference in await db.SettlementDifferences.Where(d => dates.Contains(d.SettlementDate) && d.Source == source).ToListAsync(cancellationToken))
        {
            _known[(difference.SettlementDate, difference.Key)] = difference;
        }
    }

    /// <summary>The one difference of this subject and date, if there is one.</summary>
    public async Task LoadAsync(DateOnly date, string key, CancellationToken cancellationToken = default)
    {
        if (await db.SettlementDifferences.SingleOrDefaultAsync(d => d.SettlementDate == date && d.Key == key, cancellationToken) is { } difference)
        {
            _known[(date, key)] = difference;
        }
    }

    public SettlementDifference Observe(DateOnly date, DifferenceSource source, string key, DifferenceFinding finding, DateTimeOffset now, long? runId = null, StatementImport? import = null)
    {
        if (_known.TryGetValue((date, key), out var existing))
        {
            existing.Observe(finding, now, runId, import);
            return existing;
        }
        var opened = SettlementDifference.Open(date, source, key, finding, now, runId, import);
        db.SettlementDifferences.Add(opened);
        _known[(date, key)] = opened;
        return opened;
    }

    public bool Clear(DateOnly date, string key, DateTimeOffset now) => _known.TryGetValue((date, key), out var existing) && existing.Clear(now);
}
