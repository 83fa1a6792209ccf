using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Duplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DateOfBirth",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MatchKeysVersion",
                table: "Cards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "MergedAt",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Cards",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Postcode",
                table: "Cards",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CardMatchKeys",
                columns: table => new
                {
                    CardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CardMatchKeys", x => new { x.CardId, x.Key });
                    table.ForeignKey(
                        name: "FK_CardMatchKeys_Cards_CardId",
                        column: x => x.CardId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateCandidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CardAId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CardBId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Reasons = table.Column<int>(type: "INTEGER", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuplicateCandidates_Cards_CardAId",
                        column: x => x.CardAId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DuplicateCandidates_Cards_CardBId",
                        column: x => x.CardBId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MergeJournals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurvivorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MergedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StateJson = table.Column<string>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MergeJournals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MergeJournals_Cards_MergedId",
                        column: x => x.MergedId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MergeJournals_Cards_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Cards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cards_MatchKeysVersion",
                table: "Cards",
                column: "MatchKeysVersion");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_CardMatchKeys_Key_CardId",
                table: "CardMatchKeys",
                columns: new[] { "Key", "CardId" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_CardAId_CardBId",
                table: "DuplicateCandidates",
                columns: new[] { "CardAId", "CardBId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_CardBId_Status",
                table: "DuplicateCandidates",
                columns: new[] { "CardBId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_Status_Score",
                table: "DuplicateCandidates",
                columns: new[] { "Status", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_MergeJournals_MergedId",
                table: "MergeJournals",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_MergeJournals_SurvivorId",
                table: "MergeJournals",
                column: "SurvivorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CardMatchKeys");

            migrationBuilder.DropTable(
                name: "DuplicateCandidates");

            migrationBuilder.DropTable(
                name: "MergeJournals");

            migrationBuilder.DropIndex(
                name: "IX_Cards_MatchKeysVersion",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_MergedIntoId",
                table: "Cards");

            // SQLite drops these columns in place; EF's DropColumn would rebuild Cards and break the quick-search triggers on it.
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"DateOfBirth\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"MatchKeysVersion\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"MergedAt\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"MergedIntoId\";");
            migrationBuilder.Sql("ALTER TABLE \"Cards\" DROP COLUMN \"Postcode\";");
        }
    }
}
