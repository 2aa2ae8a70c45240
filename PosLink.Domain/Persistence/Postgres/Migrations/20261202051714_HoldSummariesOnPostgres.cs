using Microsoft.EntityFrameworkCore.Migrations;
using PosLink.Domain.Guarantees;

#nullable disable

namespace PosLink.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HoldSummariesOnPostgres : Migration
    {
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
            migrationBuilder.Sql(HoldSummaryTriggers.Postgres);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HoldSummaryTriggers.PostgresDrop);

            migrationBuilder.DropTable(
                name: "HoldSummaries");
        }
    }
}
