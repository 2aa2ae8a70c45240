using Microsoft.EntityFrameworkCore.Migrations;
using PosLink.Domain.Guarantees;

#nullable disable

namespace PosLink.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HoldSummaries : Migration
    {
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
            migrationBuilder.Sql(HoldSummaryTriggers.Sqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HoldSummaryTriggers.SqliteDrop);

            migrationBuilder.DropTable(
                name: "HoldSummaries");
        }
    }
}
