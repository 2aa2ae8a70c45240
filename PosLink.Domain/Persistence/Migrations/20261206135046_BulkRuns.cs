using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BulkRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SeenAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BulkRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    GuaranteeId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    MerchantOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkItems_BulkRuns_BulkRunId",
                        column: x => x.BulkRunId,
                        principalTable: "BulkRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkItems_BulkRunId_GuaranteeId",
                table: "BulkItems",
                columns: new[] { "BulkRunId", "GuaranteeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkItems_GuaranteeId",
                table: "BulkItems",
                column: "GuaranteeId");

            migrationBuilder.CreateIndex(
                name: "IX_BulkRuns_CreatedByUserId_Id",
                table: "BulkRuns",
                columns: new[] { "CreatedByUserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkRuns_FinishedAt",
                table: "BulkRuns",
                column: "FinishedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkItems");

            migrationBuilder.DropTable(
                name: "BulkRuns");
        }
    }
}
