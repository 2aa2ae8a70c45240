using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Reconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SettlementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Checked = table.Column<int>(type: "INTEGER", nullable: false),
                    Agreed = table.Column<int>(type: "INTEGER", nullable: false),
                    Differences = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchecked = table.Column<int>(type: "INTEGER", nullable: false),
                    Abandoned = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatementImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MerchantId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MatchedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DifferenceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DatesAdopted = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementImports_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementMappings",
                columns: table => new
                {
                    MerchantId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeaderRow = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyColumn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    AmountColumn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AmountUnit = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DateColumn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FeeColumn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementMappings", x => x.MerchantId);
                    table.ForeignKey(
                        name: "FK_StatementMappings_Merchants_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "Merchants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SettlementDifferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SettlementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    MerchantId = table.Column<int>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<int>(type: "INTEGER", nullable: true),
                    GuaranteeId = table.Column<long>(type: "INTEGER", nullable: true),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RetrievalRefNum = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OurStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TheirStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OurFen = table.Column<long>(type: "INTEGER", nullable: true),
                    TheirFen = table.Column<long>(type: "INTEGER", nullable: true),
                    OurDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TheirDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FoundAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementDifferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementDifferences_StatementImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StatementImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    MerchantId = table.Column<int>(type: "INTEGER", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeFen = table.Column<long>(type: "INTEGER", nullable: true),
                    SettlementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GuaranteeId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementRows_StatementImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StatementImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_SettlementDate_Status",
                table: "Guarantees",
                columns: new[] { "SettlementDate", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_Running",
                table: "ReconciliationRuns",
                column: "SettlementDate",
                unique: true,
                filter: "\"FinishedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationRuns_SettlementDate_Id",
                table: "ReconciliationRuns",
                columns: new[] { "SettlementDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_GuaranteeId",
                table: "SettlementDifferences",
                column: "GuaranteeId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_ImportId",
                table: "SettlementDifferences",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_SettlementDate_Key",
                table: "SettlementDifferences",
                columns: new[] { "SettlementDate", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SettlementDifferences_State_SettlementDate",
                table: "SettlementDifferences",
                columns: new[] { "State", "SettlementDate" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_ImportedAt",
                table: "StatementImports",
                column: "ImportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_MerchantId_ContentHash",
                table: "StatementImports",
                columns: new[] { "MerchantId", "ContentHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatementRows_GuaranteeId",
                table: "StatementRows",
                column: "GuaranteeId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementRows_ImportId",
                table: "StatementRows",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementRows_MerchantId_SettlementDate",
                table: "StatementRows",
                columns: new[] { "MerchantId", "SettlementDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReconciliationRuns");

            migrationBuilder.DropTable(
                name: "SettlementDifferences");

            migrationBuilder.DropTable(
                name: "StatementMappings");

            migrationBuilder.DropTable(
                name: "StatementRows");

            migrationBuilder.DropTable(
                name: "StatementImports");

            migrationBuilder.DropIndex(
                name: "IX_Guarantees_SettlementDate_Status",
                table: "Guarantees");
        }
    }
}
