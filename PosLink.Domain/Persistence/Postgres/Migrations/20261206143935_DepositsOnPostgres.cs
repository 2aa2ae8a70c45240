using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Domain.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DepositsOnPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DepositId",
                table: "Guarantees",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RolledOverFromId",
                table: "Guarantees",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_DepositId",
                table: "Guarantees",
                column: "DepositId");

            migrationBuilder.CreateIndex(
                name: "IX_Guarantees_RolledOverFromId",
                table: "Guarantees",
                column: "RolledOverFromId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Guarantees_DepositId",
                table: "Guarantees");

            migrationBuilder.DropIndex(
                name: "IX_Guarantees_RolledOverFromId",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "DepositId",
                table: "Guarantees");

            migrationBuilder.DropColumn(
                name: "RolledOverFromId",
                table: "Guarantees");
        }
    }
}
