using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Finance;

/// <summary>Read models for reconciliation: differences, runs, where each date stands, imported statements. Finance and admins only.</summary>
public sealed class ReconciliationQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    public const int MaxListRows = 500;

    /// <summary>Differences matching the filter, newest settlement date first, at most <see cref="MaxListRows"/> (the export has them all).</summary>
    public async Task<IReadOnlyList<DifferenceRow>> DifferencesAsync(Actor actor, DifferenceFilter filter, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Matching(db, filter).OrderByDescending(d => d.SettlementDate).ThenByDescending(d => d.Id).Take(MaxListRows)
            .Select(ReconciliationProjections.Difference(db)).ToListAsync(cancellationToken);
    }

    /// <summary>Every difference matching the filter, for an export.</summary>
    public async IAsyncEnumerable<DifferenceRow> StreamDifferencesAsync(Actor actor, DifferenceFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            yield break;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Matching(db, filter).OrderByDescending(d => d.SettlementDate).ThenByDescending(d => d.Id).Select(ReconciliationProjections.Difference(db));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>How many differences are open (the dashboard's figure).</summary>
    public async Task<int> OpenCountAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return 0;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SettlementDifferences.CountAsync(d => d.State == DifferenceState.Open, cancellationToken);
    }

    /// <summary>Where one settlement date stands.</summary>
    public async Task<DayStatus> DayAsync(Actor actor, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!actor.CanReconcile)
        {
            return new DayStatus(date, null, false, 0, 0);
        }
        var last = await db.ReconciliationRuns.Where(r => r.SettlementDate == date && r.FinishedAt != null && !r.Abandoned)
            .OrderByDescending(r => r.Id).Select(ReconciliationProjections.Run).FirstOrDefaultAsync(cancellationToken);
        var running = await db.ReconciliationRuns.AnyAsync(r => r.SettlementDate == date && r.FinishedAt == null, cancellationToken);
        var open = await db.SettlementDifferences.CountAsync(d => d.SettlementDate == date && d.State == DifferenceState.Open, cancellationToken);
        var statement = await db.StatementRows.CountAsync(r => r.SettlementDate == date, cancellationToken);
        return new DayStatus(date, last, running, open, statement);
    }

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<RunRow>> RunsAsync(Actor actor, int limit = 20, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReconciliationRuns.OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 200)).Select(ReconciliationProjections.Run).ToListAsync(cancellationToken);
    }

    /// <summary>The statements imported, newest first.</summary>
    public async Task<IReadOnlyList<StatementImportRow>> ImportsAsync(Actor actor, int limit = 20, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StatementImports.OrderByDescending(i => i.Id).Take(Math.Clamp(limit, 1, 200))
            .Select(i => new StatementImportRow(i.Id, db.Merchants.Where(m => m.Id == i.MerchantId).Select(m => m.Name).First(), i.FileName, i.RowCount, i.MatchedCount,
                i.DifferenceCount, i.DatesAdopted, i.AmountFen, i.FeeFen, i.FirstDate, i.LastDate, i.ImportedAt, i.ImportedByName))
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<SettlementDifference> Matching(PosLinkDbContext db, DifferenceFilter f) =>
        db.SettlementDifferences.Where(d =>
            (f.From == null || d.SettlementDate >= f.From) &&
            (f.To == null || d.SettlementDate <= f.To) &&
            (f.State == null || d.State == f.State) &&
            (f.Kind == null || d.Kind == f.Kind) &&
            (f.Source == null || d.Source == f.Source) &&
            (f.StoreId == null || d.StoreId == f.StoreId));
}
