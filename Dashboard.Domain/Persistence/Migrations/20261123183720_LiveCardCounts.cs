using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveCardCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_MergedIntoId_Id",
                table: "Cards",
                columns: new[] { "MergedIntoId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cards_MergedIntoId_Id",
                table: "Cards");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");
        }
    }
}
