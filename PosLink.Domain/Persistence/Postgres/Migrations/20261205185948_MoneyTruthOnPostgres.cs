using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MoneyTruthOnPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "PaidFen",
                table: "Guarantees",
                newName: "ReportedPaidFen");

            migrationBuilder.AddColumn<bool>(
                name: "CheckAgainstGateway",
                table: "Guarantees",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "CompletedFenEstimated",
                table: "Guarantees",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "DiscountsKnown",
                table: "Guarantees",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // A hold that ended other than completed carries no completed amount (DESIGN §9); the summary triggers follow.
            migrationBuilder.Sql("""UPDATE "Guarantees" SET "CompletedFen" = NULL WHERE "Status" NOT IN ('Completing', 'Completed') AND "CompletedFen" IS NOT NULL;""");
            // The discounts a settled or held hold has came from an answer about it: later queries are compared, not adopted.
            migrationBuilder.Sql("""UPDATE "Guarantees" SET "DiscountsKnown" = TRUE WHERE "Status" <> 'Authorizing';""");
            // Holds a person settled are checked against the gateway by the next reconciliation, whatever their settlement date.
            migrationBuilder.Sql("""
                UPDATE "Guarantees" SET "CheckAgainstGateway" = TRUE
                WHERE "Status" IN ('Completed', 'Voided', 'Failed')
                  AND CAST("Id" AS TEXT) IN (SELECT "ObjectId" FROM "AuditEntries" WHERE "ObjectType" = 'Guarantee' AND "Action" = 'guarantee.confirm');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckAgainstGateway",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "CompletedFenEstimated",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "DiscountsKnown",
                table: "Guarantees");

            migrationBuilder.RenameColumn(
                name: "ReportedPaidFen",
                table: "Guarantees",
                newName: "PaidFen");
        }
    }
}
