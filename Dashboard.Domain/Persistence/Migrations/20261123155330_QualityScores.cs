using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class QualityScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AddressVerifiedOn",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CompanyVerifiedOn",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NameVerifiedOn",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QualityBand",
                table: "Cards",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QualityBreakdownJson",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QualityFailures",
                table: "Cards",
                type: "INTEGER",
                maxLength: 30,
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "QualityScore",
                table: "Cards",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "QualityScoredAt",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TitleVerifiedOn",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "VerificationDueOn",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QualityPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRecomputedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Company_Recommended = table.Column<int>(type: "INTEGER", maxLength: 30, nullable: false),
                    Company_Required = table.Column<int>(type: "INTEGER", maxLength: 30, nullable: false),
                    Individual_Recommended = table.Column<int>(type: "INTEGER", maxLength: 30, nullable: false),
                    Individual_Required = table.Column<int>(type: "INTEGER", maxLength: 30, nullable: false),
                    Sla_ADays = table.Column<int>(type: "INTEGER", nullable: false),
                    Sla_BDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Sla_CDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Sla_VipDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Weights_Completeness = table.Column<int>(type: "INTEGER", nullable: false),
                    Weights_Consistency = table.Column<int>(type: "INTEGER", nullable: false),
                    Weights_Freshness = table.Column<int>(type: "INTEGER", nullable: false),
                    Weights_Uniqueness = table.Column<int>(type: "INTEGER", nullable: false),
                    Weights_Validity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityPolicies", x => x.Id);
                });

            // The single policy row with the defaults of QualityRuleSet.Default. Field sets are QualityFields flags:
            // individual required Name|Phone = 129, recommended Email|Industry|Region|SourceChannel = 344; company
            // required Company|Phone = 130, recommended Name|Email|Industry|Region|Address|SourceChannel = 377.
            // Existing cards get their scores from the first run over all cards (the daily one catches up when it finds none).
            migrationBuilder.InsertData(
                table: "QualityPolicies",
                columns: new[]
                {
                    "Id", "Version",
                    "Individual_Required", "Individual_Recommended", "Company_Required", "Company_Recommended",
                    "Sla_VipDays", "Sla_ADays", "Sla_BDays", "Sla_CDays",
                    "Weights_Completeness", "Weights_Validity", "Weights_Freshness", "Weights_Uniqueness", "Weights_Consistency",
                },
                values: new object[]
                {
                    1, 1,
                    129, 344, 130, 377,
                    30, 90, 180, 365,
                    30, 20, 25, 10, 15,
                });

            migrationBuilder.CreateTable(
                name: "QualitySnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TakenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Cards = table.Column<int>(type: "INTEGER", nullable: false),
                    Scored = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Good = table.Column<int>(type: "INTEGER", nullable: false),
                    Fair = table.Column<int>(type: "INTEGER", nullable: false),
                    Poor = table.Column<int>(type: "INTEGER", nullable: false),
                    Overdue = table.Column<int>(type: "INTEGER", nullable: false),
                    Confirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    Corrected = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualitySnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Verifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VerifiedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContactPointId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Verifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Verifications_Cards_CardId",
                        column: x => x.CardId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactPoints_Value_CardId",
                table: "ContactPoints",
                columns: new[] { "Value", "CardId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cards_QualityBand",
                table: "Cards",
                column: "QualityBand");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_QualityFigures",
                table: "Cards",
                columns: new[] { "OwnerId", "TeamId", "QualityScore", "QualityBand", "QualityFailures", "VerificationDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Cards_VerificationDueOn",
                table: "Cards",
                column: "VerificationDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_QualitySnapshots_Day",
                table: "QualitySnapshots",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_QualitySnapshots_TeamId_Day",
                table: "QualitySnapshots",
                columns: new[] { "TeamId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_CardId_VerifiedAt",
                table: "Verifications",
                columns: new[] { "CardId", "VerifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Verifications_VerifiedAt_Outcome_CardId",
                table: "Verifications",
                columns: new[] { "VerifiedAt", "Outcome", "CardId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityPolicies");

            migrationBuilder.DropTable(
                name: "QualitySnapshots");

            migrationBuilder.DropTable(
                name: "Verifications");

            migrationBuilder.DropIndex(
                name: "IX_ContactPoints_Value_CardId",
                table: "ContactPoints");

            migrationBuilder.DropIndex(
                name: "IX_Cards_QualityBand",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_QualityFigures",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_VerificationDueOn",
                table: "Cards");

            // SQLite drops these columns in place. Letting EF rebuild "Cards" instead would fail: the quick-search
            // triggers on ContactPoints refer to "Cards" while the old table is gone (see QuickSearchIndex).
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"AddressVerifiedOn\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"CompanyVerifiedOn\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"NameVerifiedOn\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"QualityBand\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"QualityBreakdownJson\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"QualityFailures\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"QualityScore\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"QualityScoredAt\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"TitleVerifiedOn\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"VerificationDueOn\";");
        }
    }
}
