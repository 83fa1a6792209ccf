using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DashboardAggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AmountMinor",
                table: "Purchases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Existing purchases get their integer copy from the decimal text EF stored.
            migrationBuilder.Sql("UPDATE \"Purchases\" SET \"AmountMinor\" = CAST(ROUND(CAST(\"Amount\" AS REAL) * 100) AS INTEGER);");

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_PurchasedOn_Currency",
                table: "Purchases",
                columns: new[] { "PurchasedOn", "Currency" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OccurredAt",
                table: "Interactions",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_CreatedAt",
                table: "Cards",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Purchases_PurchasedOn_Currency",
                table: "Purchases");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_OccurredAt",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Cards_CreatedAt",
                table: "Cards");

            migrationBuilder.DropColumn(
                name: "AmountMinor",
                table: "Purchases");
        }
    }
}
