using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Finance;

/// <summary>
/// A completion booked on a settlement date that finance already reconciled (found after the check by a query, a
/// re-sync or a person, its date our estimate) changes a day that was closed: it becomes a difference on that day, never
/// a silent change of its totals. Checking the day again clears it once the gateway agrees.
/// </summary>
internal static class LateCompletions
{
    /// <summary>The subject of the difference: the hold, apart from what the gateway says about it.</summary>
    public static string Key(long guaranteeId) => FormattableString.Invariant($"late:{guaranteeId}");

    /// <summary>Records a difference for each of <paramref name="settled"/> that is an estimated completion on a reconciled date. The caller saves.</summary>
    public static async Task NoteAsync(PosLinkDbContext db, IEnumerable<Guarantee> settled, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var estimated = settled.Where(g => g is { Status: GuaranteeStatus.Completed, SettlementDateEstimated: true, SettlementDate: not null }).ToList();
        if (estimated.Count == 0)
        {
            return;
        }
        var dates = estimated.Select(g => g.SettlementDate!.Value).Distinct().ToList();
        var reconciled = (await db.ReconciliationRuns.Where(r => dates.Contains(r.SettlementDate) && r.FinishedAt != null && !r.Abandoned)
            .Select(r => r.SettlementDate).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var book = new DifferenceBook(db);
        foreach (var hold in estimated.Where(g => reconciled.Contains(g.SettlementDate!.Value)))
        {
            var date = hold.SettlementDate!.Value;
            var merchantId = await db.Terminals.Where(t => t.Id == hold.TerminalId).Select(t => t.MerchantId).SingleAsync(cancellationToken);
            await book.LoadAsync(date, Key(hold.Id), cancellationToken);
            book.Observe(date, DifferenceSource.Gateway, Key(hold.Id), new DifferenceFinding(DifferenceKind.CompletedAfterCheck, merchantId, hold.StoreId, hold.Id,
                hold.OrderId, hold.FinalRetrievalRefNum ?? hold.RetrievalRefNum, OurStatus: GuaranteeStatus.Completed, OurFen: hold.CompletedFen, OurDate: date), now);
        }
    }
}
