using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class QueryEvidenceAndAttention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ActionNumber",
                table: "Guarantees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "ConfirmedHeld",
                table: "Guarantees",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "HeldSeenAt",
                table: "Guarantees",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NotFoundSince",
                table: "Guarantees",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SettlementDateEstimated",
                table: "Guarantees",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "HoldActionNumber",
                table: "GatewayOperations",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActionNumber",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "ConfirmedHeld",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "HeldSeenAt",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "NotFoundSince",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "SettlementDateEstimated",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "HoldActionNumber",
                table: "GatewayOperations");
        }
    }
}
