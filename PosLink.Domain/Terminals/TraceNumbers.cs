using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;

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

    // Portable SQL (SQLite ≥ 3.35 and PostgreSQL both have RETURNING); quoted names match EF's defaults.
    private const string AllocateSql =
        "UPDATE \"Terminals\" SET \"LastSystemTraceNum\" = \"LastSystemTraceNum\" % 999999 + 1 WHERE \"Id\" = @id RETURNING \"LastSystemTraceNum\"";

    /// <summary>
    /// The next unused trace number for <paramref name="terminalId"/> on <paramref name="tradeDate"/>. Run it inside
    /// the transaction that records the operation using it, so that a rollback also returns nothing to anyone else.
    /// </summary>
    public static async Task<Result<string>> NextAsync(PosLinkDbContext db, int terminalId, DateOnly tradeDate, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var skipped = 0; skipped <= MaxSkipped; skipped++)
            {
                var trace = await AllocateAsync(db, terminalId, cancellationToken);
                if (!await db.GatewayOperations.AnyAsync(o => o.TerminalId == terminalId && o.TradeDate == tradeDate && o.SystemTraceNum == trace, cancellationToken))
                {
                    return trace;
                }
            }
            return new Problem("trace-exhausted",
                $"终端今日已有超过{MaxSkipped}个系统跟踪号被占用，计数器可能已回退，请联系管理员或使用其他终端。",
                $"More than {MaxSkipped} of this terminal's trace numbers in a row are already used today (the counter may have been rolled back); ask an admin or use another terminal.");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<string> AllocateAsync(PosLinkDbContext db, int terminalId, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = AllocateSql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = terminalId;
        command.Parameters.Add(parameter);
        var value = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Terminal {terminalId} does not exist.");
        return Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString("D6", CultureInfo.InvariantCulture);
    }
}
