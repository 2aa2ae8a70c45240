using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Web.Sandbox.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<string>(type: "TEXT", nullable: false),
                    MerchantCode = table.Column<string>(type: "TEXT", nullable: false),
                    TerminalCode = table.Column<string>(type: "TEXT", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "TEXT", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AuthorizedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorizationCode = table.Column<string>(type: "TEXT", nullable: false),
                    RetrievalRefNum = table.Column<string>(type: "TEXT", nullable: false),
                    MerchantOrderId = table.Column<string>(type: "TEXT", nullable: true),
                    MerchantRemark = table.Column<string>(type: "TEXT", nullable: true),
                    PayMode = table.Column<string>(type: "TEXT", nullable: false),
                    PayCodeMasked = table.Column<string>(type: "TEXT", nullable: false),
                    ThirdPartyName = table.Column<string>(type: "TEXT", nullable: false),
                    Script = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TransactionAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    MerchantDiscountAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherDiscountAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    BuyerPaysAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletionSettlesAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAmount = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxHolds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SandboxTerminals",
                columns: table => new
                {
                    MerchantCode = table.Column<string>(type: "TEXT", nullable: false),
                    TerminalCode = table.Column<string>(type: "TEXT", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxTerminals", x => new { x.MerchantCode, x.TerminalCode });
                });

            migrationBuilder.CreateTable(
                name: "SandboxTraces",
                columns: table => new
                {
                    MerchantCode = table.Column<string>(type: "TEXT", nullable: false),
                    TerminalCode = table.Column<string>(type: "TEXT", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "TEXT", nullable: false),
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SandboxTraces", x => new { x.MerchantCode, x.TerminalCode, x.TradeDate, x.SystemTraceNum });
                });

            migrationBuilder.CreateTable(
                name: "SandboxTransactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MerchantCode = table.Column<string>(type: "TEXT", nullable: false),
                    TerminalCode = table.Column<string>(type: "TEXT", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SystemTraceNum = table.Column<string>(type: "TEXT", nullable: false),
                    DealType = table.Column<string>(type: "TEXT", nullable: false),
                    HoldId = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    RetrievalRefNum = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
