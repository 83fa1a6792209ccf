using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ComputedTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ComputedTier",
                table: "Cards",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TierComputedAt",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TierLastPurchaseOn",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TierMonetaryMinor",
                table: "Cards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "TierPurchaseCount",
                table: "Cards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "TierSource",
                table: "Cards",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "Computed");

            // Every tier so far was set by hand with a reason: keep those as manual overrides. The computed tiers
            // and figures follow from the first recompute (the daily one catches up when it finds none).
            migrationBuilder.Sql("UPDATE \"Cards\" SET \"TierSource\" = 'Manual' WHERE \"Tier\" IS NOT NULL;");

            // A tier cleared by hand left its reason behind; a reason now belongs to a manual tier only (the audit trail keeps it).
            migrationBuilder.Sql("UPDATE \"Cards\" SET \"TierReason\" = NULL, \"TierSetBy\" = NULL, \"TierSetAt\" = NULL WHERE \"Tier\" IS NULL;");

            migrationBuilder.CreateTable(
                name: "TierPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRecomputedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    A_MaxDaysSinceLastPurchase = table.Column<int>(type: "INTEGER", nullable: false),
                    A_MinMonetaryMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    A_MinPurchases = table.Column<int>(type: "INTEGER", nullable: false),
                    B_MaxDaysSinceLastPurchase = table.Column<int>(type: "INTEGER", nullable: false),
                    B_MinMonetaryMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    B_MinPurchases = table.Column<int>(type: "INTEGER", nullable: false),
                    Vip_MaxDaysSinceLastPurchase = table.Column<int>(type: "INTEGER", nullable: false),
                    Vip_MinMonetaryMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Vip_MinPurchases = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierPolicies", x => x.Id);
                });

            // The single policy row with the defaults of TierRules.Default (amounts in hundredths of the reporting currency).
            migrationBuilder.InsertData(
                table: "TierPolicies",
                columns: new[]
                {
                    "Id", "WindowMonths", "Version",
                    "Vip_MinMonetaryMinor", "Vip_MinPurchases", "Vip_MaxDaysSinceLastPurchase",
                    "A_MinMonetaryMinor", "A_MinPurchases", "A_MaxDaysSinceLastPurchase",
                    "B_MinMonetaryMinor", "B_MinPurchases", "B_MaxDaysSinceLastPurchase",
                },
                values: new object[]
                {
                    1, 12, 1,
                    60_000_000L, 4, 90,
                    20_000_000L, 2, 180,
                    5_000_000L, 1, 365,
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TierPolicies");

            migrationBuilder.DropColumn(
                name: "ComputedTier",
                table: "Cards");

            migrationBuilder.DropColumn(
                name: "TierComputedAt",
                table: "Cards");

            migrationBuilder.DropColumn(
                name: "TierLastPurchaseOn",
                table: "Cards");

            migrationBuilder.DropColumn(
                name: "TierMonetaryMinor",
                table: "Cards");

            migrationBuilder.DropColumn(
                name: "TierPurchaseCount",
                table: "Cards");

            migrationBuilder.DropColumn(
                name: "TierSource",
                table: "Cards");
        }
    }
}
