namespace PosLink.Domain.Persistence;

/// <summary>
/// The <see cref="Guarantees.HoldSummary"/> rows are kept by triggers the HoldSummaries migrations installed (each
/// migration keeps its own copy of the SQL it ran). This counts them afresh from the holds: after a bulk load made with
/// the triggers off (on PostgreSQL a million updates of one summary row in one transaction pile up row versions;
/// counting once is cheaper).
/// </summary>
public static class HoldSummarySql
{
    public const string Refill = """
        DELETE FROM "HoldSummaries";
        INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
        SELECT "StoreId", "Status", count(*), sum("HeldFen"), sum(coalesce("CompletedFen", 0)) FROM "Guarantees" GROUP BY "StoreId", "Status";
        """;
}
