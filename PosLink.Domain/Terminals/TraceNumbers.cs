using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;
using PosLink.Domain.Text;

namespace PosLink.Domain.Terminals;

/// <summary>
/// Hands out system trace numbers (系统跟踪号): one atomic <c>UPDATE … RETURNING</c> on the terminal's counter,
/// cycling 000001–999999 and never reset at midnight, so that clock skew at the day change cannot repeat a
/// number. A number already used on the trade day (the counter fell behind the ledger: a restored backup) is
/// skipped, never sent again; only a day whose numbers are all used refuses.
/// </summary>
public static class TraceNumbers
{
    public const int Max = 999_999;

    /// <summary>How many used numbers in a row are skipped before giving up: a counter far behind is a problem for a person.</summary>
    public const int MaxSkipped = 1_000;

    // Portable SQL (SQLite ≥ 3.35 and PostgreSQL both have RETURNING); quoted names match EF's defaults. The counter
    // moves by a whole block at once and returns the block's last number.
    private const string AllocateSql =
        "UPDATE \"Terminals\" SET \"LastSystemTraceNum\" = (\"LastSystemTraceNum\" + @count - 1) % 999999 + 1 WHERE \"Id\" = @id RETURNING \"LastSystemTraceNum\"";

    /// <summary>
    /// The next unused trace number for <paramref name="terminalId"/> on <paramref name="tradeDate"/>. Run it inside
    /// the transaction that records the operation using it, so that a rollback also returns nothing to anyone else.
    /// </summary>
    public static async Task<Result<string>> NextAsync(PosLinkDbContext db, int terminalId, DateOnly tradeDate, CancellationToken cancellationToken = default)
    {
        var next = (await NextManyAsync(db, new Dictionary<int, int> { [terminalId] = 1 }, tradeDate, cancellationToken))[terminalId];
        return next.Succeeded ? next.Value[0] : next.Problem;
    }

    /// <summary>
    /// For a batch of requests (a sweep's queries): <paramref name="counts"/>[terminal] unused numbers for each
    /// terminal, each terminal's counter moved once and the ledger looked at once for all of them when none is
    /// taken. A terminal whose numbers run out gets its problem; the others still get theirs. Run it inside the
    /// transaction that records them.
    /// </summary>
    public static async Task<Dictionary<int, Result<IReadOnlyList<string>>>> NextManyAsync(
        PosLinkDbContext db, IReadOnlyDictionary<int, int> counts, DateOnly tradeDate, CancellationToken cancellationToken = default)
    {
        if (counts.Values.Any(c => c is <= 0 or > Max))
        {
            throw new ArgumentOutOfRangeException(nameof(counts), $"Between 1 and {Max} numbers per terminal can be allocated at once.");
        }
        var numbers = counts.ToDictionary(c => c.Key, c => new List<string>(c.Value));
        var skipped = counts.ToDictionary(c => c.Key, _ => 0);
        var results = new Dictionary<int, Result<IReadOnlyList<string>>>(counts.Count);
        // Ascending, so that two batches on PostgreSQL lock the terminals they share in the same order.
        var wanting = counts.Keys.Order().ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            while (wanting.Count > 0)
            {
                var blocks = await AllocateAsync(db, [.. wanting.Select(t => (t, counts[t] - numbers[t].Count))], cancellationToken);
                var used = await UsedAsync(db, tradeDate, blocks, cancellationToken);
                foreach (var terminal in wanting.ToList())
                {
                    var free = blocks[terminal].Where(n => !used.Contains((terminal, n))).ToList();
                    numbers[terminal].AddRange(free);
                    skipped[terminal] += blocks[terminal].Count - free.Count;
                    if (skipped[terminal] > MaxSkipped)
                    {
                        results[terminal] = Exhausted;
                    }
                    else if (numbers[terminal].Count == counts[terminal])
                    {
                        results[terminal] = numbers[terminal];
                    }
                }
                wanting.RemoveAll(results.ContainsKey);
            }
            return results;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Problem Exhausted => new("trace-exhausted", new Phrase("Problem.TraceNumbersExhausted", MaxSkipped));

    /// <summary>Which of the allocated numbers the ledger already has on the trade day (the counter fell behind it), in one query.</summary>
    private static async Task<HashSet<(int TerminalId, string Trace)>> UsedAsync(
        PosLinkDbContext db, DateOnly tradeDate, Dictionary<int, List<string>> blocks, CancellationToken cancellationToken)
    {
        var terminals = blocks.Keys.ToList();
        var traces = blocks.Values.SelectMany(b => b).Distinct().ToList();
        var candidates = await db.GatewayOperations
            .Where(o => o.TradeDate == tradeDate && terminals.Contains(o.TerminalId) && traces.Contains(o.SystemTraceNum))
            .Select(o => new { o.TerminalId, o.SystemTraceNum })
            .ToListAsync(cancellationToken);
        return [.. candidates.Select(c => (c.TerminalId, c.SystemTraceNum))];
    }

    /// <summary>
    /// Moves each terminal's counter on by its count, one statement per terminal in the given order (so in one lock
    /// order), and returns the numbers each counter passed, in order (999999 wraps to 000001).
    /// </summary>
    private static async Task<Dictionary<int, List<string>>> AllocateAsync(PosLinkDbContext db, List<(int Terminal, int Count)> wants, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var lasts = new List<int>(wants.Count);
        if (connection.CanCreateBatch)
        {
            // A database server (PostgreSQL): every statement in one round trip.
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (terminal, count) in wants)
            {
                var statement = batch.CreateBatchCommand();
                statement.CommandText = AllocateSql;
                statement.Parameters.Add(Parameter(statement.CreateParameter(), "@id", terminal));
                statement.Parameters.Add(Parameter(statement.CreateParameter(), "@count", count));
                batch.BatchCommands.Add(statement);
            }
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                lasts.Add(await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : 0);
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        else
        {
            // In process (SQLite): no round trips to save; one statement prepared once, run per terminal.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AllocateSql;
            var id = command.Parameters[command.Parameters.Add(Parameter(command.CreateParameter(), "@id", 0))];
            var by = command.Parameters[command.Parameters.Add(Parameter(command.CreateParameter(), "@count", 0))];
            foreach (var (terminal, count) in wants)
            {
                (id.Value, by.Value) = (terminal, count);
                lasts.Add(Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken) ?? 0, CultureInfo.InvariantCulture));
            }
        }
        var blocks = new Dictionary<int, List<string>>(wants.Count);
        for (var w = 0; w < wants.Count; w++)
        {
            var ((terminal, count), last) = (wants[w], w < lasts.Count ? lasts[w] : 0);
            if (last == 0)
            {
                throw new InvalidOperationException($"Terminal {terminal} does not exist.");
            }
            blocks[terminal] = [.. Enumerable.Range(1, count).Select(i => ((last - count + i - 1 + Max) % Max + 1).ToString("D6", CultureInfo.InvariantCulture))];
        }
        return blocks;
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbParameter parameter, string name, int value)
    {
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
