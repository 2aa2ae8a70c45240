using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>What the holds page filters by. Dates are China calendar days of when the hold was taken; amounts are fen.</summary>
public sealed record GuaranteeFilter(
    IReadOnlyCollection<GuaranteeStatus>? Statuses = null,
    int? StoreId = null,
    int? TerminalId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    long? MinFen = null,
    long? MaxFen = null,
    string? Search = null,
    bool NeedsAttentionOnly = false,
    bool ExpiringSoonOnly = false);

public enum GuaranteeSort { Newest, Oldest, AmountHighest, AmountLowest, ExpiresSoonest }

/// <summary>One row of the holds list. Its money is <see cref="Figures"/>; <see cref="CompletionFen"/> is the completion in flight or done.</summary>
public sealed record GuaranteeRow(
    long Id, GuaranteeStatus Status, int StoreId, string StoreName, string TerminalCode, long HeldFen, long? CompletionFen, long MerchantDiscountFen, long OtherDiscountFen,
    string? MerchantOrderId, string? OrderId, string? SystemTraceNum, string? AuthorizationCode, string PayCodeMasked,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool NeedsAttention, string CreatedByName, string? LastErrCode, bool Imported)
{
    public HoldFigures Figures => HoldFigures.Of(Status, HeldFen, CompletionFen, MerchantDiscountFen, OtherDiscountFen);
}

/// <summary>Count and sums of <see cref="HoldFigures"/> over everything the filter matches (not only the page).</summary>
public sealed record GuaranteeTotals(int Count, long HeldFen, long CompletedFen);

/// <summary>One hold in an export: the row a person reconciles with, every amount and date it has. Its money is <see cref="Figures"/>.</summary>
public sealed record GuaranteeExportRow(
    long Id, GuaranteeStatus Status, string StoreName, string TerminalCode, string? MerchantOrderId, string? OrderId, string? SystemTraceNum,
    string? AuthorizationCode, string PayCodeMasked, long HeldFen, long? CompletionFen, bool CompletedFenEstimated, long MerchantDiscountFen, long OtherDiscountFen,
    DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset? FinalizedAt, string? FinalizedByName, DateOnly? SettlementDate,
    bool SettlementDateEstimated, DateTimeOffset ExpiresAt, bool NeedsAttention, string? ThirdPartyName, string? MerchantRemark)
{
    public HoldFigures Figures => HoldFigures.Of(Status, HeldFen, CompletionFen, MerchantDiscountFen, OtherDiscountFen);
}

/// <summary>A page of rows; <see cref="NextCursor"/> asks for the following page (null at the end).</summary>
public sealed record GuaranteePage(IReadOnlyList<GuaranteeRow> Rows, string? NextCursor);


/// <summary>
/// Read models for the pages, always limited to what the actor may see. Lists page by keyset (the last row's
/// sort key and id), which stays as fast on page 10,000 as on page 1, where OFFSET would scan every row before it.
/// </summary>
public sealed class GuaranteeQueries(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<GuaranteePage> ListAsync(Actor actor, GuaranteeFilter filter, GuaranteeSort sort = GuaranteeSort.Newest, int pageSize = 50, string? cursor = null, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        List<GuaranteeRow> rows;
        if (cursor is null && sort == GuaranteeSort.Newest && OneStoreOneStatus(actor, filter) is var (store, status))
        {
            rows = await FirstPageOfStoreStatus(db)(db, store, status, pageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            var matching = Matching(db.Guarantees.VisibleTo(actor), filter);
            rows = await After(Order(matching, sort), sort, Cursor.Parse(cursor)).Take(pageSize + 1).Select(Row(db)).ToListAsync(cancellationToken);
        }
        var next = rows.Count > pageSize ? Cursor.Of(rows[pageSize - 1], sort) : null;
        return new GuaranteePage(rows.Take(pageSize).ToList(), next);
    }

    /// <summary>A list row, with its store's name.</summary>
    private static System.Linq.Expressions.Expression<Func<Guarantee, GuaranteeRow>> Row(PosLinkDbContext db) => g => new GuaranteeRow(
        g.Id, g.Status, g.StoreId, db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First(), g.Terminal!.TerminalCode,
        g.HeldFen, g.CompletedFen, g.MerchantDiscountFen, g.OtherDiscountFen, g.MerchantOrderId, g.OrderId, g.SystemTraceNum, g.AuthorizationCode, g.PayCodeMasked,
        g.CreatedAt, g.ExpiresAt, g.NeedsAttention, g.CreatedByName, g.LastErrCode, g.Imported);

    /// <summary>
    /// The grid as a store opens it (one store, one status, newest first, first page), compiled once: EF's per-call
    /// work of keying and caching a query was most of the page's time (B1). Other filters take the general path.
    /// EF binds a compiled query to the first model it runs on, and the SQLite and PostgreSQL ledgers each have their
    /// own, so there is one per model.
    /// </summary>
    private static Func<PosLinkDbContext, int, GuaranteeStatus, int, IAsyncEnumerable<GuaranteeRow>> FirstPageOfStoreStatus(PosLinkDbContext db) =>
        FirstPagesByModel.GetValue(db.Model, static _ => EF.CompileAsyncQuery((PosLinkDbContext db, int store, GuaranteeStatus status, int take) => db.Guarantees
            .Where(g => g.StoreId == store && g.Status == status)
            .OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id)
            .Take(take)
            .Select(g => new GuaranteeRow(g.Id, g.Status, g.StoreId, db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First(), g.Terminal!.TerminalCode,
                g.HeldFen, g.CompletedFen, g.MerchantDiscountFen, g.OtherDiscountFen, g.MerchantOrderId, g.OrderId, g.SystemTraceNum, g.AuthorizationCode, g.PayCodeMasked,
                g.CreatedAt, g.ExpiresAt, g.NeedsAttention, g.CreatedByName, g.LastErrCode, g.Imported))));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel,
        Func<PosLinkDbContext, int, GuaranteeStatus, int, IAsyncEnumerable<GuaranteeRow>>> FirstPagesByModel = new();

    /// <summary>The one store and status a filter asks for, when that is all it asks and the actor may see that store.</summary>
    private static (int Store, GuaranteeStatus Status)? OneStoreOneStatus(Actor actor, GuaranteeFilter filter)
    {
        if (filter with { Statuses = null, StoreId = null } != new GuaranteeFilter() || filter.Statuses is not { Count: 1 } statuses)
        {
            return null;
        }
        var store = filter.StoreId ?? (actor.StoreIds.Count == 1 && !actor.SeesAllStores ? actor.StoreIds.Single() : null);
        return store is { } one && actor.CanSee(one) ? (one, statuses.Single()) : null;
    }

    /// <summary>Every hold the filter matches, in the page's order, for an export: read as it is written, never all in memory.</summary>
    public async IAsyncEnumerable<GuaranteeExportRow> StreamAsync(Actor actor, GuaranteeFilter filter, GuaranteeSort sort = GuaranteeSort.Newest,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Order(Matching(db.Guarantees.VisibleTo(actor), filter), sort)
            .Select(g => new GuaranteeExportRow(g.Id, g.Status, db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First(), g.Terminal!.TerminalCode,
                g.MerchantOrderId, g.OrderId, g.SystemTraceNum, g.AuthorizationCode, g.PayCodeMasked, g.HeldFen, g.CompletedFen, g.CompletedFenEstimated, g.MerchantDiscountFen,
                g.OtherDiscountFen, g.CreatedAt, g.CreatedByName, g.FinalizedAt, g.FinalizedByName, g.SettlementDate, g.SettlementDateEstimated, g.ExpiresAt,
                g.NeedsAttention, g.ThirdPartyName, g.MerchantRemark));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Count and sums over everything the filter matches. A filter of stores and statuses only (the grid as it opens)
    /// reads the <see cref="HoldSummary"/> rows; any other filter scans what it matches, separately from
    /// <see cref="ListAsync"/> so that a page can show its rows first.
    /// </summary>
    public async Task<GuaranteeTotals> TotalsAsync(Actor actor, GuaranteeFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (filter with { Statuses = null, StoreId = null } == new GuaranteeFilter())
        {
            // Only stores and statuses: the summary rows the triggers keep answer it without touching a hold.
            var statuses = filter.Statuses is { Count: > 0 } ? filter.Statuses.ToList() : null;
            var summaries = db.HoldSummaries.Where(s => (statuses == null || statuses.Contains(s.Status)) && (filter.StoreId == null || s.StoreId == filter.StoreId));
            if (!actor.SeesAllStores)
            {
                summaries = summaries.Where(s => actor.IsStoreManager && actor.StoreIds.Contains(s.StoreId));
            }
            var totals = await summaries.GroupBy(_ => 1)
                .Select(g => new { Count = g.Sum(s => s.Count), Held = g.Sum(s => s.HeldFen), Completed = g.Sum(s => HoldFigures.Completed(s.Status, s.CompletedFen) ?? 0) })
                .WithFormulas()
                .SingleOrDefaultAsync(cancellationToken);
            return totals is null ? new GuaranteeTotals(0, 0, 0) : new GuaranteeTotals(checked((int)totals.Count), totals.Held, totals.Completed);
        }
        return await Matching(db.Guarantees.VisibleTo(actor), filter).GroupBy(_ => 1)
            .Select(g => new GuaranteeTotals(g.Count(), g.Sum(x => x.HeldFen), g.Sum(x => HoldFigures.Completed(x.Status, x.CompletedFen) ?? 0)))
            .WithFormulas()
            .SingleOrDefaultAsync(cancellationToken) ?? new GuaranteeTotals(0, 0, 0);
    }

    /// <summary>A hold with its operation timeline and audit entries, or null when missing or out of the actor's reach.</summary>
    public async Task<GuaranteeDetail?> DetailAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Guarantees.VisibleTo(actor).Where(g => g.Id == guaranteeId)
            .Select(g => new { Terminal = g.Terminal!.TerminalCode, Merchant = g.Terminal.Merchant!.MerchantCode, Store = db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }
        var hold = await db.Guarantees.Where(g => g.Id == guaranteeId).Select(GuaranteeProjections.View).SingleAsync(cancellationToken);
        var operations = await db.GatewayOperations.Where(o => o.GuaranteeId == guaranteeId).OrderBy(o => o.Id).Select(GuaranteeProjections.Operation).ToListAsync(cancellationToken);
        var id = guaranteeId.ToString(CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => a.ObjectType == nameof(Guarantee) && a.ObjectId == id).OrderBy(a => a.Id).Select(AuditRow.From).ToListAsync(cancellationToken);
        return new GuaranteeDetail(hold, found.Store, found.Terminal, found.Merchant, operations, audit);
    }

    /// <summary>A hold's slip for the customer, or null when missing or out of the actor's reach (as <see cref="DetailAsync"/>).</summary>
    public async Task<HoldSlip?> SlipAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Guarantees.VisibleTo(actor).Where(g => g.Id == guaranteeId)
            .Select(g => new HoldSlip(g.Id, g.Status, db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First(), g.Terminal!.TerminalCode,
                g.HeldFen, g.CompletedFen, g.MerchantDiscountFen, g.OtherDiscountFen, g.MerchantOrderId, g.OrderId, g.RetrievalRefNum, g.FinalRetrievalRefNum,
                g.PayCodeMasked, g.CreatedAt, g.AuthorizedAt, g.FinalizedAt, g.CreatedByName, g.FinalizedByName, g.Imported))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The holds a person must look at (contradicted, unprovable, unresolved too long, a check that failed), oldest
    /// first, each with its ledger: admins see every store, managers theirs.
    /// </summary>
    public async Task<IReadOnlyList<AttentionItem>> NeedingAttentionAsync(Actor actor, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holds = await db.Guarantees.VisibleTo(actor).Where(g => g.NeedsAttention).OrderBy(g => g.UpdatedAt).ThenBy(g => g.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(GuaranteeProjections.View).ToListAsync(cancellationToken);
        var ids = holds.Select(h => h.Id).ToList();
        var places = await db.Guarantees.Where(g => ids.Contains(g.Id))
            .Select(g => new { g.Id, Terminal = g.Terminal!.TerminalCode, Store = db.Stores.Where(s => s.Id == g.StoreId).Select(s => s.Name).First() })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var operations = (await db.GatewayOperations.Where(o => o.GuaranteeId != null && ids.Contains(o.GuaranteeId.Value)).OrderBy(o => o.Id)
                .Select(GuaranteeProjections.Operation).ToListAsync(cancellationToken))
            .ToLookup(o => o.GuaranteeId!.Value);
        return holds.Select(h => new AttentionItem(h, places[h.Id].Store, places[h.Id].Terminal, operations[h.Id].ToList())).ToList();
    }

    /// <summary>Held holds whose lifetime ends within <paramref name="within"/>, soonest first.</summary>
    public async Task<IReadOnlyList<GuaranteeRow>> ExpiringSoonAsync(Actor actor, TimeSpan within, int limit = 50, CancellationToken cancellationToken = default)
    {
        var until = time.GetUtcNow() + within;
        var page = await ListAsync(actor, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held]), GuaranteeSort.ExpiresSoonest, limit, null, cancellationToken);
        return page.Rows.Where(r => r.ExpiresAt <= until).ToList();
    }


    /// <summary>
    /// The holds the filter matches: a condition only for what the filter sets. A tree of "value is null or …" for
    /// every field cost EF more to key, cache and simplify on each call than the grid's query itself (B1).
    /// </summary>
    private static IQueryable<Guarantee> Matching(IQueryable<Guarantee> q, GuaranteeFilter f)
    {
        if (f.Statuses is { Count: 1 })
        {
            var status = f.Statuses.Single();
            q = q.Where(g => g.Status == status);
        }
        else if (f.Statuses is { Count: > 1 })
        {
            var statuses = f.Statuses.ToList();
            q = q.Where(g => statuses.Contains(g.Status));
        }
        if (f.StoreId is { } store)
        {
            q = q.Where(g => g.StoreId == store);
        }
        if (f.TerminalId is { } terminal)
        {
            q = q.Where(g => g.TerminalId == terminal);
        }
        if (f.From is { } fromDay)
        {
            var from = ChinaTime.StartOf(fromDay);
            q = q.Where(g => g.CreatedAt >= from);
        }
        if (f.To is { } toDay)
        {
            var to = ChinaTime.StartOf(toDay.AddDays(1));
            q = q.Where(g => g.CreatedAt < to);
        }
        if (f.MinFen is { } min)
        {
            q = q.Where(g => g.HeldFen >= min);
        }
        if (f.MaxFen is { } max)
        {
            q = q.Where(g => g.HeldFen <= max);
        }
        if (f.NeedsAttentionOnly)
        {
            q = q.Where(g => g.NeedsAttention);
        }
        if (f.ExpiringSoonOnly)
        {
            // The sweep's mark: held holds within the warning window, as the dashboard counts them.
            q = q.Where(g => g.ExpiringSoon && g.Status == GuaranteeStatus.Held);
        }
        if (HoldSearch.Term(f.Search) is { } search)
        {
            q = HoldSearch.Matching(q, search);
        }
        return q;
    }

    private static IOrderedQueryable<Guarantee> Order(IQueryable<Guarantee> q, GuaranteeSort sort) => sort switch
    {
        GuaranteeSort.Oldest => q.OrderBy(g => g.CreatedAt).ThenBy(g => g.Id),
        GuaranteeSort.AmountHighest => q.OrderByDescending(g => g.HeldFen).ThenByDescending(g => g.Id),
        GuaranteeSort.AmountLowest => q.OrderBy(g => g.HeldFen).ThenBy(g => g.Id),
        GuaranteeSort.ExpiresSoonest => q.OrderBy(g => g.ExpiresAt).ThenBy(g => g.Id),
        _ => q.OrderByDescending(g => g.CreatedAt).ThenByDescending(g => g.Id),
    };

    private static IQueryable<Guarantee> After(IQueryable<Guarantee> q, GuaranteeSort sort, Cursor? c)
    {
        if (c is null)
        {
            return q;
        }
        var (key, id) = (c.Key, c.Id);
        var instant = new DateTimeOffset(key, TimeSpan.Zero);
        // "Past the key, or at it and past the id", written with the key's bound first: a plain range on the sort key
        // lets PostgreSQL's planner start the index scan at the cursor (an OR of the two made it sort the whole table).
        return sort switch
        {
            GuaranteeSort.Oldest => q.Where(g => g.CreatedAt >= instant && (g.CreatedAt > instant || g.Id > id)),
            GuaranteeSort.AmountHighest => q.Where(g => g.HeldFen <= key && (g.HeldFen < key || g.Id < id)),
            GuaranteeSort.AmountLowest => q.Where(g => g.HeldFen >= key && (g.HeldFen > key || g.Id > id)),
            GuaranteeSort.ExpiresSoonest => q.Where(g => g.ExpiresAt >= instant && (g.ExpiresAt > instant || g.Id > id)),
            _ => q.Where(g => g.CreatedAt <= instant && (g.CreatedAt < instant || g.Id < id)),
        };
    }

    /// <summary>The keyset position: the last row's sort key (ticks or fen) and id, as "key.id".</summary>
    private sealed record Cursor(long Key, long Id)
    {
        public static Cursor? Parse(string? text)
        {
            var parts = text?.Split('.');
            return parts is [var k, var i] && long.TryParse(k, CultureInfo.InvariantCulture, out var key) && long.TryParse(i, CultureInfo.InvariantCulture, out var id)
                ? new Cursor(key, id)
                : null;
        }

        public static string Of(GuaranteeRow row, GuaranteeSort sort)
        {
            var key = sort switch
            {
                GuaranteeSort.AmountHighest or GuaranteeSort.AmountLowest => row.HeldFen,
                GuaranteeSort.ExpiresSoonest => row.ExpiresAt.UtcTicks,
                _ => row.CreatedAt.UtcTicks,
            };
            return string.Create(CultureInfo.InvariantCulture, $"{key}.{row.Id}");
        }
    }
}
