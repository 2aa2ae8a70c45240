using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HoldSummariesOnPostgres : Migration
    {
        // The SQL this migration ran, kept here as it was: a migration is history, and editing a shared constant would rewrite it.
        private const string PostgresSql = """
            INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
            SELECT "StoreId", "Status", count(*), sum("HeldFen"), sum(coalesce("CompletedFen", 0)) FROM "Guarantees" GROUP BY "StoreId", "Status";
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

        private const string PostgresDropSql = """
            DROP TRIGGER IF EXISTS "Guarantees_Summary" ON "Guarantees";
            DROP FUNCTION IF EXISTS guarantees_summary();
            DROP FUNCTION IF EXISTS hold_summary_add(integer, text, bigint, bigint, integer);
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HoldSummaries",
                columns: table => new
                {
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    HeldFen = table.Column<long>(type: "bigint", nullable: false),
                    CompletedFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoldSummaries", x => new { x.StoreId, x.Status });
                });

            // The summary is filled from the holds there are, then kept by triggers.
            migrationBuilder.Sql(PostgresSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresDropSql);

            migrationBuilder.DropTable(
                name: "HoldSummaries");
        }
    }
}
