using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Finance;

/// <summary>
/// What was settled: completions by settlement date, grouped by day, store or terminal, limited to what the actor may
/// see. One aggregate query at the finest grain (day × terminal) gives the groups, the totals and the chart alike, so
/// the three can never disagree.
/// </summary>
public sealed class SettlementQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    public const int MaxDrillDownRows = 500;

    public async Task<Result<SettlementReport>> ReportAsync(Actor actor, SettlementFilter filter, CancellationToken cancellationToken = default)
    {
        if (Check(filter) is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cells = await Completions(db, actor, filter)
            .GroupBy(g => new { g.SettlementDate, g.StoreId, g.TerminalId })
            .Select(c => new
            {
                c.Key.SettlementDate,
                c.Key.StoreId,
                c.Key.TerminalId,
                Figures = new SettlementFigures(c.Count(), c.Sum(g => g.HeldFen),
                    c.Sum(g => HoldFigures.Completed(g.Status, g.CompletedFen) ?? 0),
                    c.Sum(g => HoldFigures.Released(g.Status, g.HeldFen, g.CompletedFen) ?? 0),
                    c.Sum(g => HoldFigures.Discount(g.Status, g.MerchantDiscountFen) ?? 0),
                    c.Sum(g => HoldFigures.Discount(g.Status, g.OtherDiscountFen) ?? 0),
                    c.Sum(g => HoldFigures.Paid(g.Status, g.CompletedFen, g.MerchantDiscountFen, g.OtherDiscountFen) ?? 0),
                    c.Count(g => g.SettlementDateEstimated)),
            })
            .WithFormulas()
            .ToListAsync(cancellationToken);

        var storeIds = cells.Select(c => c.StoreId).Distinct().ToList();
        var terminalIds = cells.Select(c => c.TerminalId).Distinct().ToList();
        var stores = await db.Stores.Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var terminals = await db.Terminals.Where(t => terminalIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.TerminalCode, cancellationToken);

        var groups = cells
            .GroupBy(c => filter.GroupBy switch
            {
                SettlementGrouping.Store => new SettlementGroupKey(StoreId: c.StoreId),
                SettlementGrouping.Terminal => new SettlementGroupKey(TerminalId: c.TerminalId),
                _ => new SettlementGroupKey(Day: c.SettlementDate),
            })
            .Select(g => new SettlementGroup(g.Key, Label(g.Key, stores, terminals, g.First().StoreId), g.Aggregate(SettlementFigures.Zero, (sum, c) => sum.Plus(c.Figures))))
            .OrderBy(g => g.Key.Day)
            .ThenBy(g => g.Label, StringComparer.Ordinal)
            .ToList();
        var totals = groups.Aggregate(SettlementFigures.Zero, (sum, g) => sum.Plus(g.Figures));
        var byDay = cells.GroupBy(c => c.SettlementDate!.Value).ToDictionary(d => d.Key, d => (Fen: d.Sum(c => c.Figures.CompletedFen), Count: d.Sum(c => c.Figures.Completions)));
        var daily = Enumerable.Range(0, filter.To.DayNumber - filter.From.DayNumber + 1)
            .Select(i => filter.From.AddDays(i))
            .Select(day => byDay.TryGetValue(day, out var d) ? new SettlementDayPoint(day, d.Fen, d.Count) : new SettlementDayPoint(day, 0, 0))
            .ToList();
        return new SettlementReport(filter, groups, totals, daily);
    }

    /// <summary>The completions of one group (or of the whole filter when <paramref name="key"/> is null), at most <see cref="MaxDrillDownRows"/>.</summary>
    public async Task<Result<IReadOnlyList<SettlementHoldRow>>> HoldsAsync(Actor actor, SettlementFilter filter, SettlementGroupKey? key, CancellationToken cancellationToken = default)
    {
        if (Check(filter) is { } invalid)
        {
            return invalid;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Rows(db, Within(Completions(db, actor, filter), key)).Take(MaxDrillDownRows).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Every completion the filter matches, for an export: read as it is written, never all in memory.</summary>
    public async IAsyncEnumerable<SettlementHoldRow> StreamAsync(Actor actor, SettlementFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await foreach (var row in Rows(db, Completions(db, actor, filter)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The first rule the filter breaks, or null.</summary>
    public static Problem? Check(SettlementFilter filter)
    {
        if (filter.To < filter.From)
        {
            return Problem.Invalid("to", "Problem.EndDateBeforeStartDate", filter.To, filter.From);
        }
        var days = filter.To.DayNumber - filter.From.DayNumber + 1;
        if (days > SettlementFilter.MaxDays)
        {
            return Problem.Invalid("to", "Problem.RangeMaySpanAtMost", SettlementFilter.MaxDays, days);
        }
        return null;
    }

    private static IQueryable<Guarantee> Completions(PosLinkDbContext db, Actor actor, SettlementFilter filter) =>
        db.Guarantees.VisibleTo(actor).Where(g => g.Status == GuaranteeStatus.Completed && g.SettlementDate >= filter.From && g.SettlementDate <= filter.To &&
                                                 (filter.StoreId == null || g.StoreId == filter.StoreId) &&
                                                 (filter.TerminalId == null || g.TerminalId == filter.TerminalId));

    private static IQueryable<Guarantee> Within(IQueryable<Guarantee> completions, SettlementGroupKey? key) => key switch
    {
        null => completions,
        { Day: { } day } => completions.Where(g => g.SettlementDate == day),
        { StoreId: { } store } => completions.Where(g => g.StoreId == store),
        { TerminalId: { } terminal } => completions.Where(g => g.TerminalId == terminal),
        _ => completions,
    };

    private static IQueryable<SettlementHoldRow> Rows(PosLinkDbContext db, IQueryable<Guarantee> completions) => completions
        .OrderBy(g => g.SettlementDate).ThenBy(g => g.FinalizedAt).ThenBy(g => g.Id)
        .Select(g => new SettlementHoldRow(g.Id, g.SettlementDate!.Value, g.SettlementDateEstimated,
            db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First(), g.Terminal!.TerminalCode, g.MerchantOrderId, g.OrderId,
            g.FinalRetrievalRefNum ?? g.RetrievalRefNum, g.HeldFen, g.CompletedFen, g.CompletedFenEstimated, g.MerchantDiscountFen, g.OtherDiscountFen,
            g.FinalizedAt, g.FinalizedByName, g.ThirdPartyName));

    private static string Label(SettlementGroupKey key, Dictionary<int, string> stores, Dictionary<int, string> terminals, int storeId) => key switch
    {
        { Day: { } day } => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        { StoreId: { } store } => stores.GetValueOrDefault(store, $"#{store}"),
        { TerminalId: { } terminal } => $"{terminals.GetValueOrDefault(terminal, $"#{terminal}")} · {stores.GetValueOrDefault(storeId, "")}",
        _ => "",
    };
}
