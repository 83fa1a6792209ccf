using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_Live_DisplayName",
                table: "Cards",
                columns: new[] { "DisplayName", "Number", "OwnerId", "TeamId", "Stage" },
                filter: "\"MergedIntoId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_Live_Stage_DisplayName",
                table: "Cards",
                columns: new[] { "Stage", "DisplayName", "Number" },
                filter: "\"MergedIntoId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_Live_UpdatedAt",
                table: "Cards",
                columns: new[] { "UpdatedAt", "Number", "OwnerId", "TeamId", "Stage" },
                descending: new[] { true, false, false, false, false },
                filter: "\"MergedIntoId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cards_Live_DisplayName",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_Live_Stage_DisplayName",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_Live_UpdatedAt",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards",
                column: "MergedIntoId");
        }
    }
}
