using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Terminals;

/// <summary>
/// Hands out system trace numbers (系统跟踪号): one atomic <c>UPDATE … RETURNING</c> on the terminal's counter,
/// cycling 000001–999999 and never reset at midnight, so that clock skew at the day change cannot repeat a
/// number. A number already used on the trade day is refused, never sent again.
/// </summary>
public static class TraceNumbers
{
    public const int Max = 999_999;

    // Portable SQL (SQLite ≥ 3.35 and PostgreSQL both have RETURNING); quoted names match EF's defaults.
    private const string AllocateSql =
        "UPDATE \"Terminals\" SET \"LastSystemTraceNum\" = \"LastSystemTraceNum\" % 999999 + 1 WHERE \"Id\" = @id RETURNING \"LastSystemTraceNum\"";

    /// <summary>
    /// The next trace number for <paramref name="terminalId"/> on <paramref name="tradeDate"/>. Run it inside the
    /// transaction that records the operation using it, so that a rollback also returns nothing to anyone else.
    /// </summary>
    public static async Task<Result<string>> NextAsync(PosLinkDbContext db, int terminalId, DateOnly tradeDate, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
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
            var trace = Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString("D6", CultureInfo.InvariantCulture);

            if (await db.GatewayOperations.AnyAsync(o => o.TerminalId == terminalId && o.TradeDate == tradeDate && o.SystemTraceNum == trace, cancellationToken))
            {
                return new Problem("trace-exhausted",
                    $"终端今日的系统跟踪号{trace}已使用过，不能重复发送；今日的跟踪号已用尽，请明日再试或使用其他终端。",
                    $"System trace number {trace} was already used on this terminal today and is never sent twice; today's numbers are used up, so try tomorrow or another terminal.");
            }
            return trace;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
