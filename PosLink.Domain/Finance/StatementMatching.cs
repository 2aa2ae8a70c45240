using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Finance;

/// <summary>
/// Matches an import's rows to the merchant's holds and records what disagrees: a row no hold has, a hold that is not
/// completed, another amount, another date. Then (<see cref="FindMissingAsync"/>, once the rows are saved) the
/// completions of the statement's dates that no statement row of the merchant covers.
/// </summary>
internal sealed class StatementMatching(PosLinkDbContext db, int merchantId, StatementKey kind, StatementImport import, IReadOnlyList<StatementRow> rows, Actor actor, DateTimeOffset now)
{
    private readonly DifferenceBook _book = new(db);
    private readonly HashSet<long> _matched = [];

    public int Matched => _matched.Count;
    public int Differences { get; private set; }
    public int DatesAdopted { get; private set; }

    public async Task MatchAsync(CancellationToken cancellationToken)
    {
        var dates = rows.Select(r => r.SettlementDate).Distinct().ToList();
        await _book.LoadAsync(dates, DifferenceSource.Statement, cancellationToken);
        var holds = await HoldsByKeyAsync(rows.Select(r => r.Key).ToList(), cancellationToken);
        var adopt = new List<(Candidate Hold, StatementRow Row)>();
        foreach (var row in rows)
        {
            if (!holds.TryGetValue(row.Key, out var hold))
            {
                Observe(row.SettlementDate, DifferenceBook.StatementRowKey(kind, row.Key), new DifferenceFinding(DifferenceKind.StatementOnly, merchantId, null, null,
                    kind == StatementKey.OrderId ? row.Key : null, kind == StatementKey.RetrievalRefNum ? row.Key : null, TheirStatus: GuaranteeStatus.Completed, TheirFen: row.AmountFen,
                    TheirDate: row.SettlementDate));
                continue;
            }
            row.MatchedTo(hold.Id);
            _matched.Add(hold.Id);
            if (Compare(hold, row) is { } finding)
            {
                Observe(row.SettlementDate, DifferenceBook.StatementKey(hold.Id), finding);
            }
            else if (hold.SettlementDate != row.SettlementDate || hold.CompletedFenEstimated)
            {
                adopt.Add((hold, row));
            }
            else
            {
                _book.Clear(row.SettlementDate, DifferenceBook.StatementKey(hold.Id), now);
            }
        }
        await AdoptDatesAsync(adopt, cancellationToken);
    }

    /// <summary>
    /// Completions whose settlement date was our estimate take the statement's, and an estimated amount the statement
    /// agrees with is confirmed; only these holds are loaded for change (a statement of ten thousand rows is matched on
    /// projections). One whose date changed meanwhile is a date mismatch.
    /// </summary>
    private async Task AdoptDatesAsync(List<(Candidate Hold, StatementRow Row)> adopt, CancellationToken cancellationToken)
    {
        if (adopt.Count == 0)
        {
            return;
        }
        var ids = adopt.Select(a => a.Hold.Id).ToList();
        var tracked = await db.Guarantees.Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        foreach (var (hold, row) in adopt)
        {
            var key = DifferenceBook.StatementKey(hold.Id);
            var guarantee = tracked[hold.Id];
            if (guarantee.ConfirmAmountByStatement(row.AmountFen, now))
            {
                db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeStatementAmount, nameof(Guarantee), hold.Id,
                    new { guarantee.CompletedFen, Estimated = true }, new { guarantee.CompletedFen, Estimated = false, Statement = import.FileName, row.RowNumber }, now));
            }
            if (hold.SettlementDate == row.SettlementDate)
            {
                _book.Clear(row.SettlementDate, key, now);
                continue;
            }
            var estimated = guarantee.SettlementDate;
            if (guarantee.AdoptStatementDate(row.SettlementDate, now))
            {
                DatesAdopted++;
                _book.Clear(row.SettlementDate, key, now);
                db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeSettlementDate, nameof(Guarantee), hold.Id,
                    new { SettlementDate = estimated, Estimated = true }, new { guarantee.SettlementDate, Statement = import.FileName, row.RowNumber }, now));
            }
            else
            {
                Observe(row.SettlementDate, key, Finding(hold, row) with { Kind = DifferenceKind.DateMismatch });
            }
        }
    }

    /// <summary>Completions settled on the statement's dates that no row of this merchant's statements covers.</summary>
    public async Task FindMissingAsync(CancellationToken cancellationToken)
    {
        var dates = rows.Select(r => r.SettlementDate).Distinct().ToList();
        // One query: the statement rows' index on the hold answers "covered?" inside the database.
        var missing = await db.Guarantees.AsNoTracking()
            .Where(g => g.Status == GuaranteeStatus.Completed && g.SettlementDate != null && dates.Contains(g.SettlementDate.Value) && g.Terminal!.MerchantId == merchantId &&
                        !db.StatementRows.Any(r => r.GuaranteeId == g.Id && r.MerchantId == merchantId))
            .Select(g => new { g.Id, g.StoreId, g.OrderId, g.FinalRetrievalRefNum, g.CompletedFen, Date = g.SettlementDate!.Value })
            .ToListAsync(cancellationToken);
        foreach (var hold in missing)
        {
            Observe(hold.Date, DifferenceBook.StatementKey(hold.Id), new DifferenceFinding(DifferenceKind.LedgerOnly, merchantId, hold.StoreId, hold.Id, hold.OrderId,
                hold.FinalRetrievalRefNum, OurStatus: GuaranteeStatus.Completed, OurFen: hold.CompletedFen, OurDate: hold.Date));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What disagrees between the hold and its row; null when they agree, or when only an estimated date differs (adopted after).</summary>
    private DifferenceFinding? Compare(Candidate hold, StatementRow row)
    {
        if (hold.Status != GuaranteeStatus.Completed)
        {
            return Finding(hold, row);
        }
        if (hold.CompletedFen != row.AmountFen)
        {
            return Finding(hold, row) with { Kind = DifferenceKind.AmountMismatch, Field = DifferenceFields.StatementAmount };
        }
        return hold.SettlementDate == row.SettlementDate || hold.SettlementDateEstimated ? null : Finding(hold, row) with { Kind = DifferenceKind.DateMismatch };
    }

    private DifferenceFinding Finding(Candidate hold, StatementRow row) =>
        new(DifferenceKind.StatusMismatch, merchantId, hold.StoreId, hold.Id, hold.OrderId, hold.FinalRetrievalRefNum ?? hold.RetrievalRefNum,
            OurStatus: hold.Status, TheirStatus: GuaranteeStatus.Completed, OurFen: hold.CompletedFen, TheirFen: row.AmountFen, OurDate: hold.SettlementDate, TheirDate: row.SettlementDate);

    private void Observe(DateOnly date, string key, DifferenceFinding finding)
    {
        _book.Observe(date, DifferenceSource.Statement, key, finding, now, import: import);
        Differences++;
    }

    /// <summary>What matching needs of a hold, read without tracking.</summary>
    private sealed record Candidate(long Id, int StoreId, string? OrderId, string? FinalRetrievalRefNum, string? RetrievalRefNum, GuaranteeStatus Status,
        long? CompletedFen, bool CompletedFenEstimated, DateOnly? SettlementDate, bool SettlementDateEstimated);

    /// <summary>The merchant's holds by the statement's keys: by order id, or by the completion's retrieval reference number (else the hold's).</summary>
    private async Task<Dictionary<string, Candidate>> HoldsByKeyAsync(List<string> keys, CancellationToken cancellationToken)
    {
        var ofMerchant = db.Guarantees.AsNoTracking().Where(g => g.Terminal!.MerchantId == merchantId);
        // One array parameter, not one parameter per key: a statement may have more rows than a command may have parameters.
        var matching = kind == StatementKey.OrderId
            ? ofMerchant.Where(g => g.OrderId != null && EF.Parameter(keys).Contains(g.OrderId))
            : ofMerchant.Where(g => (g.FinalRetrievalRefNum != null && EF.Parameter(keys).Contains(g.FinalRetrievalRefNum)) ||
                                    (g.RetrievalRefNum != null && EF.Parameter(keys).Contains(g.RetrievalRefNum)));
        var found = await matching
            .Select(g => new Candidate(g.Id, g.StoreId, g.OrderId, g.FinalRetrievalRefNum, g.RetrievalRefNum, g.Status, g.CompletedFen, g.CompletedFenEstimated,
                g.SettlementDate, g.SettlementDateEstimated))
            .ToListAsync(cancellationToken);
        if (kind == StatementKey.OrderId)
        {
            return found.ToDictionary(g => g.OrderId!, StringComparer.Ordinal);
        }
        var byKey = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var hold in found.Where(g => g.FinalRetrievalRefNum is not null))
        {
            byKey.TryAdd(hold.FinalRetrievalRefNum!, hold);
        }
        foreach (var hold in found.Where(g => g.RetrievalRefNum is not null))
        {
            byKey.TryAdd(hold.RetrievalRefNum!, hold);
        }
        return byKey;
    }
}
