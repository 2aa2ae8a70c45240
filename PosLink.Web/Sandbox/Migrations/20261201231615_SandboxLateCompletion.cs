using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PosLink.Web.Sandbox.Migrations
{
    /// <inheritdoc />
    public partial class SandboxLateCompletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LateCompletionAt",
                table: "SandboxHolds",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LateCompletionAt",
                table: "SandboxHolds");
        }
    }
}
