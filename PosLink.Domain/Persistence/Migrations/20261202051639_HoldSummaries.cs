using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HoldSummaries : Migration
    {
        // The SQL this migration ran, kept here as it was: a migration is history, and editing a shared constant would rewrite it.
        private const string SqliteSql = """
            INSERT INTO "HoldSummaries" ("StoreId", "Status", "Count", "HeldFen", "CompletedFen")
            SELECT "StoreId", "Status", count(*), sum("HeldFen"), sum(coalesce("CompletedFen", 0)) FROM "Guarantees" GROUP BY "StoreId", "Status";
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

        private const string SqliteDropSql = """
            DROP TRIGGER IF EXISTS "Guarantees_Summary_Insert";
            DROP TRIGGER IF EXISTS "Guarantees_Summary_Update";
            DROP TRIGGER IF EXISTS "Guarantees_Summary_Delete";
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HoldSummaries",
                columns: table => new
                {
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoldSummaries", x => new { x.StoreId, x.Status });
                });

            // The summary is filled from the holds there are, then kept by triggers.
            migrationBuilder.Sql(SqliteSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteDropSql);

            migrationBuilder.DropTable(
                name: "HoldSummaries");
        }
    }
}
