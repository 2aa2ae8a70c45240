namespace PosLink.Domain.Guarantees;

/// <summary>
/// The triggers that keep <see cref="HoldSummary"/> rows equal to the holds they count, per provider, installed by
/// the HoldSummaries migrations, which also fill the table from the holds already there. A status change takes
/// the two summary rows it touches in one order (the status names' order), so that two such changes at once on
/// PostgreSQL wait for each other instead of deadlocking.
/// </summary>
public static class HoldSummaryTriggers
{
    private const string Fill = """
        INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
        SELECT "StoreId", "Status", count(*), sum("HeldFen"), sum(coalesce("CompletedFen", 0)) FROM "Guarantees" GROUP BY "StoreId", "Status";
        """;

    /// <summary>
    /// Counts the summary afresh from the holds: after a bulk load made with the triggers off (on PostgreSQL a million
    /// updates of one summary row in one transaction pile up row versions; counting once is cheaper).
    /// </summary>
    public const string Refill = "DELETE FROM \"HoldSummaries\";\n" + Fill;

    public const string Sqlite = Fill + """

        CREATE TRIGGER "Guarantees_Summary_Insert" AFTER INSERT ON "Guarantees" BEGIN
            INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
            VALUES (NEW."StoreId", NEW."Status", 1, NEW."HeldFen", coalesce(NEW."CompletedFen", 0))
            ON CONFLICT ("StoreId", "Status") DO UPDATE SET "Count" = "Count" + 1, "HeldFen" = "HeldFen" + excluded."HeldFen",
                "CompletedFen" = "CompletedFen" + excluded."CompletedFen";
        END;

        CREATE TRIGGER "Guarantees_Summary_Update" AFTER UPDATE OF "StoreId", "Status", "HeldFen", "CompletedFen" ON "Guarantees"
        WHEN OLD."StoreId" IS NOT NEW."StoreId" OR OLD."Status" IS NOT NEW."Status" OR OLD."HeldFen" IS NOT NEW."HeldFen" OR OLD."CompletedFen" IS NOT NEW."CompletedFen"
        BEGIN
            UPDATE "HoldSummaries" SET "Count" = "Count" - 1, "HeldFen" = "HeldFen" - OLD."HeldFen", "CompletedFen" = "CompletedFen" - coalesce(OLD."CompletedFen", 0)
            WHERE "StoreId" = OLD."StoreId" AND "Status" = OLD."Status";
            INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
            VALUES (NEW."StoreId", NEW."Status", 1, NEW."HeldFen", coalesce(NEW."CompletedFen", 0))
            ON CONFLICT ("StoreId", "Status") DO UPDATE SET "Count" = "Count" + 1, "HeldFen" = "HeldFen" + excluded."HeldFen",
                "CompletedFen" = "CompletedFen" + excluded."CompletedFen";
        END;

        CREATE TRIGGER "Guarantees_Summary_Delete" AFTER DELETE ON "Guarantees" BEGIN
            UPDATE "HoldSummaries" SET "Count" = "Count" - 1, "HeldFen" = "HeldFen" - OLD."HeldFen", "CompletedFen" = "CompletedFen" - coalesce(OLD."CompletedFen", 0)
            WHERE "StoreId" = OLD."StoreId" AND "Status" = OLD."Status";
        END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS "Guarantees_Summary_Insert";
        DROP TRIGGER IF EXISTS "Guarantees_Summary_Update";
        DROP TRIGGER IF EXISTS "Guarantees_Summary_Delete";
        """;

    public const string Postgres = Fill + """

        CREATE FUNCTION hold_summary_add(store integer, status text, held bigint, completed bigint, sign integer) RETURNS void LANGUAGE sql AS $$
            INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
            VALUES (store, status, sign, sign * held, sign * coalesce(completed, 0))
            ON CONFLICT ("StoreId", "Status") DO UPDATE SET "Count" = "HoldSummaries"."Count" + excluded."Count",
                "HeldFen" = "HoldSummaries"."HeldFen" + excluded."HeldFen", "CompletedFen" = "HoldSummaries"."CompletedFen" + excluded."CompletedFen";
        $$;

        CREATE FUNCTION guarantees_summary() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                PERFORM hold_summary_add(NEW."StoreId", NEW."Status", NEW."HeldFen", NEW."CompletedFen", 1);
            ELSIF TG_OP = 'DELETE' THEN
                PERFORM hold_summary_add(OLD."StoreId", OLD."Status", OLD."HeldFen", OLD."CompletedFen", -1);
            ELSIF (OLD."StoreId", OLD."Status", OLD."HeldFen", OLD."CompletedFen") IS DISTINCT FROM (NEW."StoreId", NEW."Status", NEW."HeldFen", NEW."CompletedFen") THEN
                -- The two rows in one order everywhere: (store, status) ascending.
                IF (OLD."StoreId", OLD."Status") <= (NEW."StoreId", NEW."Status") THEN
                    PERFORM hold_summary_add(OLD."StoreId", OLD."Status", OLD."HeldFen", OLD."CompletedFen", -1);
                    PERFORM hold_summary_add(NEW."StoreId", NEW."Status", NEW."HeldFen", NEW."CompletedFen", 1);
                ELSE
                    PERFORM hold_summary_add(NEW."StoreId", NEW."Status", NEW."HeldFen", NEW."CompletedFen", 1);
                    PERFORM hold_summary_add(OLD."StoreId", OLD."Status", OLD."HeldFen", OLD."CompletedFen", -1);
                END IF;
            END IF;
            RETURN NULL;
        END;
        $$;

        CREATE TRIGGER "Guarantees_Summary" AFTER INSERT OR UPDATE OR DELETE ON "Guarantees" FOR EACH ROW EXECUTE FUNCTION guarantees_summary();
        """;

    public const string PostgresDrop = """
        DROP TRIGGER IF EXISTS "Guarantees_Summary" ON "Guarantees";
        DROP FUNCTION IF EXISTS guarantees_summary();
        DROP FUNCTION IF EXISTS hold_summary_add(integer, text, bigint, bigint, integer);
        """;
}
