using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Benchmarks.Ledgers;

/// <summary>Holds put back in flight with their answers lost, due now: what a status sweep finds to settle.</summary>
public static class InFlight
{
    /// <summary>
    /// The first <paramref name="holds"/> held (or still in-flight) holds by id go in flight again, due at
    /// <paramref name="now"/>, with no query of an earlier run left to skew the next; returns their ids.
    /// </summary>
    public static List<long> Put(IDbContextFactory<PosLinkDbContext> contexts, DateTimeOffset now, int holds)
    {
        using var db = contexts.CreateDbContext();
        var ids = db.Guarantees.Where(g => g.Status == GuaranteeStatus.Held || g.Status == GuaranteeStatus.Authorizing)
            .OrderBy(g => g.Id).Select(g => g.Id).Take(holds).ToList();
        if (ids.Count == 0)
        {
            return ids;
        }
        db.GatewayOperations.Where(o => o.Endpoint == Domain.Gateway.GatewayEndpoint.Query).ExecuteDelete();
        // The context owns its connection (and may be pooled): open it through EF, never dispose it here.
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"Guarantees\" SET \"Status\" = 'Authorizing', \"NextCheckAt\" = @now, \"InFlightSince\" = @since, \"CheckAttempts\" = 0, \"LastCheckedAt\" = NULL " +
                              "WHERE \"Id\" <= @last AND \"Status\" IN ('Held', 'Authorizing')";
        command.Add("@now", now.UtcTicks);
        command.Add("@since", now.AddMinutes(-2).UtcTicks);
        command.Add("@last", ids[^1]);
        command.ExecuteNonQuery();
        if (db.Database.IsNpgsql())
        {
            // What autovacuum keeps for a running database: the dead rows of 10,000 updates gone, and statistics that
            // know the holds are in flight now (else the planner scans for the due ones, for as long as it takes autovacuum to notice).
            command.Parameters.Clear();
            command.CommandText = "VACUUM ANALYZE \"Guarantees\", \"GatewayOperations\"";
            command.ExecuteNonQuery();
        }
        return ids;
    }
}
