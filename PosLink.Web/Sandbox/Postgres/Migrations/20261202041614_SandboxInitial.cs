using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PosLink.Web.Sandbox.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SandboxInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SandboxHolds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<string>(type: "text", nullable: false),
                    MerchantCode = table.Column<string>(type: "text", nullable: false),
                    TerminalCode = table.Column<string>(type: "text", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "text", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AuthorizedAt = table.Column<long>(type: "bigint", nullable: false),
                    AuthorizationCode = table.Column<string>(type: "text", nullable: false),
                    RetrievalRefNum = table.Column<string>(type: "text", nullable: false),
                    MerchantOrderId = table.Column<string>(type: "text", nullable: true),
                    MerchantRemark = table.Column<string>(type: "text", nullable: true),
                    PayMode = table.Column<string>(type: "text", nullable: false),
                    PayCodeMasked = table.Column<string>(type: "text", nullable: false),
                    ThirdPartyName = table.Column<string>(type: "text", nullable: false),
                    Script = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TransactionAmount = table.Column<long>(type: "bigint", nullable: false),
                    MerchantDiscountAmount = table.Column<long>(type: "bigint", nullable: false),
                    OtherDiscountAmount = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    BuyerPaysAt = table.Column<long>(type: "bigint", nullable: true),
                    CompletionSettlesAt = table.Column<long>(type: "bigint", nullable: true),
                    CompletedAmount = table.Column<long>(type: "bigint", nullable: true),
                    LateCompletionAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxHolds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SandboxTerminals",
                columns: table => new
                {
                    MerchantCode = table.Column<string>(type: "text", nullable: false),
                    TerminalCode = table.Column<string>(type: "text", nullable: false),
                    ActivatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxTerminals", x => new { x.MerchantCode, x.TerminalCode });
                });

            migrationBuilder.CreateTable(
                name: "SandboxTraces",
                columns: table => new
                {
                    MerchantCode = table.Column<string>(type: "text", nullable: false),
                    TerminalCode = table.Column<string>(type: "text", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "text", nullable: false),
                    Path = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxTraces", x => new { x.MerchantCode, x.TerminalCode, x.TradeDate, x.SystemTraceNum });
                });

            migrationBuilder.CreateTable(
                name: "SandboxTransactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MerchantCode = table.Column<string>(type: "text", nullable: false),
                    TerminalCode = table.Column<string>(type: "text", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "text", nullable: false),
                    DealType = table.Column<string>(type: "text", nullable: false),
                    HoldId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    RetrievalRefNum = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxTransactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SandboxTransactions_SandboxHolds_HoldId",
                        column: x => x.HoldId,
                        principalTable: "SandboxHolds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxHolds_MerchantCode_TerminalCode_SystemTraceNum",
                table: "SandboxHolds",
                columns: new[] { "MerchantCode", "TerminalCode", "SystemTraceNum" });

            migrationBuilder.CreateIndex(
                name: "IX_SandboxHolds_MerchantOrderId",
                table: "SandboxHolds",
                column: "MerchantOrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxHolds_OrderId",
                table: "SandboxHolds",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SandboxTransactions_HoldId",
                table: "SandboxTransactions",
                column: "HoldId");

            migrationBuilder.CreateIndex(
                name: "IX_SandboxTransactions_MerchantCode_TerminalCode_SystemTraceNum",
                table: "SandboxTransactions",
                columns: new[] { "MerchantCode", "TerminalCode", "SystemTraceNum" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SandboxTerminals");

            migrationBuilder.DropTable(
                name: "SandboxTraces");

            migrationBuilder.DropTable(
                name: "SandboxTransactions");

            migrationBuilder.DropTable(
                name: "SandboxHolds");
        }
    }
}
