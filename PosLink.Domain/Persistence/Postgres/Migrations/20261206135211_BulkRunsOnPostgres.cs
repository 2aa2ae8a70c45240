using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PosLink.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BulkRunsOnPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    SeenAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BulkRunId = table.Column<long>(type: "bigint", nullable: false),
                    GuaranteeId = table.Column<long>(type: "bigint", nullable: false),
                    StoreId = table.Column<int>(type: "integer", nullable: false),
                    MerchantOrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Problem = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true)
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
