using Microsoft.EntityFrameworkCore;
namespace PosLink.Domain.Persistence;

/// <summary>
/// How a status sweep claims the in-flight holds due for a query, in one statement (SQLite 3.35+ and PostgreSQL both
/// have RETURNING; the names are EF's defaults). The claim moves NextCheckAt to the end of the claim, so a sweep running
/// at the same time on another node, which re-checks the condition on each row it would update, passes over them; a
/// claimer that dies leaves its holds due again when the claim ends. The Version is not bumped: the claim is
/// scheduling, not a change of the hold.
/// </summary>
internal static class DueHoldClaims
{
    private static readonly string Sql =
        "UPDATE \"Guarantees\" SET \"NextCheckAt\" = @claimedUntil WHERE \"NextCheckAt\" <= @now AND \"Id\" IN (" +
        "SELECT \"Id\" FROM \"Guarantees\" WHERE \"Status\" IN (" + string.Join(", ", Guarantees.GuaranteeStatuses.InFlight.Select(s => $"'{s}'")) + ") " +
        "AND \"NextCheckAt\" IS NOT NULL AND \"NextCheckAt\" <= @now ORDER BY \"NextCheckAt\" LIMIT @limit) RETURNING \"Id\"";

    /// <summary>Claims up to <paramref name="limit"/> holds due at <paramref name="now"/>, oldest due first, until <paramref name="claimedUntil"/>.</summary>
    public static async Task<List<long>> ClaimAsync(PosLinkDbContext db, DateTimeOffset now, DateTimeOffset claimedUntil, int limit, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = Sql;
        AddParameter(command, "@now", now.UtcTicks);
        AddParameter(command, "@claimedUntil", claimedUntil.UtcTicks);
        AddParameter(command, "@limit", limit);
        var claimed = new List<long>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(reader.GetInt64(0));
        }
        return claimed;
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
