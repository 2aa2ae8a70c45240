using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>One hold's part of a batch check: its outcome, or the failure that kept it from being checked.</summary>
public sealed record BatchCheck(long GuaranteeId, Result<GuaranteeOutcome>? Result, Exception? Failure = null);

public sealed partial class GuaranteeReconciler
{
    /// <summary>Holds a batch records, or applies, in one transaction.</summary>
    internal const int WriteChunk = 25;

    /// <summary>
    /// Checks a batch of holds on behalf of <paramref name="actor"/> (the system for a sweep, a person for one hold), in
    /// three steps instead of three per hold: the intents are recorded a few holds a transaction, the queries go out
    /// <paramref name="maxConcurrency"/> at a time, and the answers are applied a few holds a save. If a save fails (a
    /// hold changed meanwhile, or one answer cannot be saved), its answers are applied one hold at a time, so the
    /// rest still settle and the one at fault is reported alone. No query is ever sent twice.
    /// </summary>
    public async Task<IReadOnlyList<BatchCheck>> CheckManyAsync(Actor actor, IReadOnlyList<long> guaranteeIds, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        using var lanes = new SemaphoreSlim(Math.Max(1, maxConcurrency));
        return await CheckManyAsync(actor, guaranteeIds, lanes, cancellationToken);
    }

    /// <summary>As above, each query taking one of <paramref name="lanes"/> while it is out (lanes a sweep's batches share).</summary>
    public async Task<IReadOnlyList<BatchCheck>> CheckManyAsync(Actor actor, IReadOnlyList<long> guaranteeIds, SemaphoreSlim lanes, CancellationToken cancellationToken = default)
    {
        var checks = new List<BatchCheck>(guaranteeIds.Count);
        var sent = await RecordQueriesAsync(actor, guaranteeIds, checks, cancellationToken);
        var answers = new GatewayResult<QueryResponse>?[sent.Count];
        var failures = new Exception?[sent.Count];
        // Once recorded, every query is sent: a cancellation now would leave intents that never left.
        await Task.WhenAll(sent.Select(async (query, i) =>
        {
            await lanes.WaitAsync(CancellationToken.None);
            try
            {
                answers[i] = await gateway.QueryAsync(query.Request, CancellationToken.None);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Its operation stays Pending until the sweep gives it up as abandoned; the rest of the batch goes on.
                failures[i] = failure;
            }
            finally
            {
                lanes.Release();
            }
        }));
        var answered = Enumerable.Range(0, sent.Count).Where(i => answers[i] is not null).ToList();
        checks.AddRange(await ApplyAllAsync(actor, [.. answered.Select(i => sent[i])], [.. answered.Select(i => answers[i]!)]));
        checks.AddRange(Enumerable.Range(0, sent.Count).Where(i => failures[i] is not null).Select(i => new BatchCheck(sent[i].GuaranteeId, null, failures[i])));
        return checks;
    }

    /// <summary>
    /// Judges each hold, and records in one transaction a query for each that needs one (trace numbers allocated a
    /// terminal's block at a time). Holds settled without a query, or that cannot be queried, go to <paramref name="checks"/>.
    /// </summary>
    private async Task<List<SentQuery>> RecordQueriesAsync(Actor actor, IReadOnlyList<long> guaranteeIds, List<BatchCheck> checks, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holds = await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant)
            .Where(g => guaranteeIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        var awaiting = (await AwaitingOwnAnswer(db, guaranteeIds, now).ToListAsync(cancellationToken)).ToHashSet();
        var due = new List<Guarantee>(holds.Count);
        foreach (var id in guaranteeIds)
        {
            try
            {
                if (WithoutQuery(actor, holds.GetValueOrDefault(id), awaiting.Contains(id)) is { } judged)
                {
                    checks.Add(new BatchCheck(id, judged));
                }
                else
                {
                    due.Add(holds[id]);
                }
            }
            catch (InvalidOperationException unqueryable)
            {
                checks.Add(new BatchCheck(id, null, unqueryable));
            }
        }
        if (due.Count == 0)
        {
            return [];
        }

        var tradeDate = ChinaTime.TradeDate(now);
        var recorded = new List<(Guarantee Hold, GatewayOperation Query)>(due.Count);
        // A few holds a transaction: on SQLite a person's completion waits for at most one of them (B3). Should a
        // later one fail, the queries already recorded stay Pending and are adopted as abandoned, as after a crash.
        foreach (var part in due.Chunk(WriteChunk))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var byTerminal = part.GroupBy(g => g.TerminalId).ToList();
            var traces = await TraceNumbers.NextManyAsync(db, byTerminal.ToDictionary(t => t.Key, t => t.Count()), tradeDate, cancellationToken);
            foreach (var terminal in byTerminal)
            {
                var block = traces[terminal.Key];
                if (!block.Succeeded)
                {
                    checks.AddRange(terminal.Select(g => new BatchCheck(g.Id, block.Problem)));
                    continue;
                }
                recorded.AddRange(terminal.Zip(block.Value, (g, trace) =>
                    (g, GatewayLedger.Add(db, GatewayEndpoint.Query, g.Terminal!, tradeDate, trace, g, null, actor, now, g.ActionNumber))));
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return [.. recorded.Select(r => new SentQuery(r.Hold.Id, r.Query.Id, QueryFor(r.Hold, r.Query)))];
    }

    /// <summary>Applies the answers <see cref="WriteChunk"/> holds a save, as the queries were recorded.</summary>
    private async Task<List<BatchCheck>> ApplyAllAsync(Actor actor, IReadOnlyList<SentQuery> sent, GatewayResult<QueryResponse>[] answers)
    {
        var checks = new List<BatchCheck>(sent.Count);
        for (var start = 0; start < sent.Count; start += WriteChunk)
        {
            var end = Math.Min(sent.Count, start + WriteChunk);
            checks.AddRange(await ApplyPartAsync(actor, [.. sent.Take(start..end)], answers[start..end]));
        }
        return checks;
    }

    /// <summary>Applies a part's answers in one save; if the save fails, one hold at a time.</summary>
    private async Task<List<BatchCheck>> ApplyPartAsync(Actor actor, IReadOnlyList<SentQuery> sent, GatewayResult<QueryResponse>[] answers)
    {
        try
        {
            return await ApplyTogetherAsync(actor, sent, answers);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogBatchApplyFailed(failure, sent.Count);
        }
        var checks = new List<BatchCheck>(sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            try
            {
                checks.Add(new BatchCheck(sent[i].GuaranteeId, await ApplyAloneAsync(actor, sent[i], answers[i])));
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                checks.Add(new BatchCheck(sent[i].GuaranteeId, null, failure));
            }
        }
        return checks;
    }

    private async Task<List<BatchCheck>> ApplyTogetherAsync(Actor actor, IReadOnlyList<SentQuery> sent, GatewayResult<QueryResponse>[] answers)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var holdIds = sent.Select(q => q.GuaranteeId).ToList();
        var queryIds = sent.Select(q => q.OperationId).ToList();
        var holds = await db.Guarantees.Where(g => holdIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id);
        var queries = await db.GatewayOperations.Where(o => queryIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        var requests = (await OwnRequests(db, holdIds).ToListAsync()).ToLookup(o => o.GuaranteeId!.Value);
        var applied = new List<Applied>(sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var query = sent[i];
            applied.Add(Apply(holds[query.GuaranteeId], queries[query.OperationId], answers[i], query.ByTrace, [.. requests[query.GuaranteeId]], now));
            Audit(db, actor, applied[^1], now);
        }
        await Finance.LateCompletions.NoteAsync(db, CompletedNow(applied), now);
        await db.SaveChangesAsync(CancellationToken.None);
        return [.. applied.Select(a => new BatchCheck(a.Guarantee.Id, Announce(a)))];
    }

    /// <summary>Applies one query's answer in its own save, again on the hold's current version if it changed meanwhile (which may make the answer stale).</summary>
    private async Task<GuaranteeOutcome> ApplyAloneAsync(Actor actor, SentQuery query, GatewayResult<QueryResponse> result)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = time.GetUtcNow();
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                var guarantee = await db.Guarantees.SingleAsync(g => g.Id == query.GuaranteeId);
                var operation = await db.GatewayOperations.SingleAsync(o => o.Id == query.OperationId);
                var requests = await OwnRequests(db, [query.GuaranteeId]).ToListAsync();
                var applied = Apply(guarantee, operation, result, query.ByTrace, requests, now);
                Audit(db, actor, applied, now);
                await Finance.LateCompletions.NoteAsync(db, CompletedNow([applied]), now);
                await db.SaveChangesAsync(CancellationToken.None);
                return Announce(applied);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // The hold changed meanwhile (an answer arrived): apply the query to the current version.
            }
        }
    }

    /// <summary>The holds an answer has just completed (a completion whose own answer was lost, or one made elsewhere).</summary>
    private static IEnumerable<Guarantee> CompletedNow(IEnumerable<Applied> applied) =>
        applied.Where(a => a.Before.Status != GuaranteeStatus.Completed && a.Guarantee.Status == GuaranteeStatus.Completed).Select(a => a.Guarantee);

    /// <summary>A person asked: the trail shows who checked, and what the gateway's answer changed.</summary>
    private static void Audit(PosLinkDbContext db, Actor actor, Applied applied, DateTimeOffset now)
    {
        if (actor != Actor.System)
        {
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeRefresh, nameof(Guarantee), applied.Guarantee.Id,
                new { applied.Before.Status }, new { applied.Guarantee.Status, applied.Query.ErrCode, applied.Query.SystemTraceNum }, now));
        }
    }

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "A sweep's {Count} query answers could not be saved together; applying them one hold at a time")]
    private partial void LogBatchApplyFailed(Exception exception, int count);
}
