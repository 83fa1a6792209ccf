using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <summary>
    /// Quick search by substring through an FTS5 trigram index (<c>CardSearch</c>, one row per card, rowid = card
    /// number) kept in step by triggers, and covering indexes for the pipeline dashboard's period queries.
    /// The FTS table and triggers are raw SQL, outside the EF model. A later migration that makes EF rebuild
    /// <c>Cards</c> or <c>ContactPoints</c> (SQLite cannot alter some columns in place, so EF copies the table)
    /// drops these triggers with the old table and must create them again: QuickSearchIndexTests checks they exist.
    /// </summary>
    public partial class QuickSearchIndex : Migration
    {
        // Names: the person's name and the company, one per line, so that no match spans the two (the search
        // term never holds a line break). DisplayName is always one of them. E-mails are stored lower-case;
        // phones in E.164 without the '+', so typed digits match. Kinds are stored as enum names.
        private const string NamesOfNew = "coalesce(new.\"Name\", '') || char(10) || coalesce(new.\"Company\", '')";

        /// <summary>The SET clause that recomputes one card's e-mails and phones; <paramref name="cardId"/> is old."CardId" or new."CardId".</summary>
        private static string ContactsOf(string cardId) =>
            $"""
            "Emails" = (SELECT group_concat("Value", char(10)) FROM "ContactPoints" WHERE "CardId" = {cardId} AND "Kind" = 'Email'),
            "Phones" = (SELECT group_concat(ltrim("Value", '+'), char(10)) FROM "ContactPoints" WHERE "CardId" = {cardId} AND "Kind" = 'Phone')
            WHERE rowid = (SELECT "Number" FROM "Cards" WHERE "Id" = {cardId})
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Trigram: every three characters are a token, so MATCH finds any substring of three or more
            // characters in any script (Chinese has no spaces between words), case-insensitively. columnsize=0:
            // nothing is ranked, so the per-row token counts are not stored.
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "CardSearch" USING fts5("Names", "Emails", "Phones", tokenize = 'trigram', columnsize = 0);
                """);

            migrationBuilder.Sql(
                """
                INSERT INTO "CardSearch" (rowid, "Names", "Emails", "Phones")
                SELECT c."Number",
                    coalesce(c."Name", '') || char(10) || coalesce(c."Company", ''),
                    (SELECT group_concat(p."Value", char(10)) FROM "ContactPoints" AS p WHERE p."CardId" = c."Id" AND p."Kind" = 'Email'),
                    (SELECT group_concat(ltrim(p."Value", '+'), char(10)) FROM "ContactPoints" AS p WHERE p."CardId" = c."Id" AND p."Kind" = 'Phone')
                FROM "Cards" AS c;
                """);

            // A new card has no contact points yet (they are inserted after it); its contact triggers fill them in.
            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER "Cards_CardSearch_Insert" AFTER INSERT ON "Cards" BEGIN
                    INSERT INTO "CardSearch" (rowid, "Names") VALUES (new."Number", {NamesOfNew});
                END;
                """);
            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER "Cards_CardSearch_Update" AFTER UPDATE OF "Name", "Company" ON "Cards" BEGIN
                    UPDATE "CardSearch" SET "Names" = {NamesOfNew} WHERE rowid = new."Number";
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Cards_CardSearch_Delete" AFTER DELETE ON "Cards" BEGIN
                    DELETE FROM "CardSearch" WHERE rowid = old."Number";
                END;
                """);

            // A new contact point is appended to its card's row rather than recomputing the row from ContactPoints:
            // the demo generator inserts with the secondary indexes dropped (ContactPoints.CardId among them), and a
            // scan of ContactPoints per insert made generating 100,000 cards take hours. Cards.Id is the primary key.
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "ContactPoints_CardSearch_Insert" AFTER INSERT ON "ContactPoints" BEGIN
                    UPDATE "CardSearch" SET
                    "Emails" = CASE WHEN new."Kind" = 'Email' THEN coalesce("Emails" || char(10), '') || new."Value" ELSE "Emails" END,
                    "Phones" = CASE WHEN new."Kind" = 'Phone' THEN coalesce("Phones" || char(10), '') || ltrim(new."Value", '+') ELSE "Phones" END
                    WHERE rowid = (SELECT "Number" FROM "Cards" WHERE "Id" = new."CardId");
                END;
                """);

            // A contact point that moves to another card (a merge) changes both cards' rows.
            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER "ContactPoints_CardSearch_Update" AFTER UPDATE OF "Value", "Kind", "CardId" ON "ContactPoints" BEGIN
                    UPDATE "CardSearch" SET {ContactsOf("new.\"CardId\"")};
                    UPDATE "CardSearch" SET {ContactsOf("old.\"CardId\"")} AND old."CardId" <> new."CardId";
                END;
                """);
            migrationBuilder.Sql(
                $"""
                CREATE TRIGGER "ContactPoints_CardSearch_Delete" AFTER DELETE ON "ContactPoints" BEGIN
                    UPDATE "CardSearch" SET {ContactsOf("old.\"CardId\"")};
                END;
                """);

            migrationBuilder.DropIndex(
                name: "IX_Cards_RegionId",
                table: "Cards");

            migrationBuilder.CreateIndex(
                name: "IX_StageTransitions_At_To_From_CardId",
                table: "StageTransitions",
                columns: new[] { "At", "To", "From", "CardId" });

            migrationBuilder.CreateIndex(
                name: "IX_StageTransitions_CardId_From_At_To",
                table: "StageTransitions",
                columns: new[] { "CardId", "From", "At", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_StageTransitions_CardId_To_At",
                table: "StageTransitions",
                columns: new[] { "CardId", "To", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_CardId_Currency_PurchasedOn_AmountMinor",
                table: "Purchases",
                columns: new[] { "CardId", "Currency", "PurchasedOn", "AmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_PurchasedOn_Currency_AmountMinor_CardId",
                table: "Purchases",
                columns: new[] { "PurchasedOn", "Currency", "AmountMinor", "CardId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interactions_OccurredAt_CardId",
                table: "Interactions",
                columns: new[] { "OccurredAt", "CardId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cards_OwnerId_Tier",
                table: "Cards",
                columns: new[] { "OwnerId", "Tier" });

            migrationBuilder.CreateIndex(
                name: "IX_Cards_RegionId_Tier",
                table: "Cards",
                columns: new[] { "RegionId", "Tier" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Cards_CardSearch_Insert", "Cards_CardSearch_Update", "Cards_CardSearch_Delete", "ContactPoints_CardSearch_Insert", "ContactPoints_CardSearch_Update", "ContactPoints_CardSearch_Delete" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS \"CardSearch\";");

            migrationBuilder.DropIndex(
                name: "IX_StageTransitions_At_To_From_CardId",
                table: "StageTransitions");

            migrationBuilder.DropIndex(
                name: "IX_StageTransitions_CardId_From_At_To",
                table: "StageTransitions");

            migrationBuilder.DropIndex(
                name: "IX_StageTransitions_CardId_To_At",
                table: "StageTransitions");

            migrationBuilder.DropIndex(
                name: "IX_Purchases_CardId_Currency_PurchasedOn_AmountMinor",
                table: "Purchases");

            migrationBuilder.DropIndex(
                name: "IX_Purchases_PurchasedOn_Currency_AmountMinor_CardId",
                table: "Purchases");

            migrationBuilder.DropIndex(
                name: "IX_Interactions_OccurredAt_CardId",
                table: "Interactions");

            migrationBuilder.DropIndex(
                name: "IX_Cards_OwnerId_Tier",
                table: "Cards");

            migrationBuilder.DropIndex(
                name: "IX_Cards_RegionId_Tier",
                table: "Cards");

            migrationBuilder.CreateIndex(
                name: "IX_Cards_RegionId",
                table: "Cards",
                column: "RegionId");
        }
    }
}
