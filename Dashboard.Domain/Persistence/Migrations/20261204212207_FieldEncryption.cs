using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <summary>
    /// Encryption at rest of phones, e-mails and addresses (see <see cref="ProtectedColumns"/>): contact points get
    /// <c>ValueHash</c>, the keyed hash that replaces the plain value in lookups, and lose the indexes on the value;
    /// the quick-search index keeps names and companies only, so no phone or e-mail stays in it in plain text. The
    /// values themselves are encrypted after the migration by <see cref="Security.FieldProtectionMaintenance"/>,
    /// which needs the key ring (a migration has no keys). Down restores the schema but not plain values: restore a
    /// backup taken before the upgrade to go back.
    /// </summary>
    public partial class FieldEncryption : Migration
    {
        private const string NamesOfNew = "coalesce(new.\"Name\", '') || char(10) || coalesce(new.\"Company\", '')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[]
                     {
                         "Cards_CardSearch_Insert", "Cards_CardSearch_Update", "Cards_CardSearch_Delete",
                         "ContactPoints_CardSearch_Insert", "ContactPoints_CardSearch_Update", "ContactPoints_CardSearch_Delete",
                     })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            // Dropping an FTS5 table drops its shadow tables, with every e-mail and phone trigram they held.
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"CardSearch\";");
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "CardSearch" USING fts5("Names", tokenize = 'trigram', columnsize = 0);
                """);
            migrationBuilder.Sql(
                """
                INSERT INTO "CardSearch" (rowid, "Names")
                SELECT "Number", coalesce("Name", '') || char(10) || coalesce("Company", '') FROM "Cards";
                """);
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

            migrationBuilder.DropIndex(
                name: "IX_ContactPoints_Value",
                table: "ContactPoints");

            migrationBuilder.DropIndex(
                name: "IX_ContactPoints_Value_CardId",
                table: "ContactPoints");

            migrationBuilder.AddColumn<string>(
                name: "ValueHash",
                table: "ContactPoints",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_ContactPoints_ValueHash_CardId",
                table: "ContactPoints",
                columns: new[] { "ValueHash", "CardId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The schema as it was. The values stay encrypted (the previous version cannot read them), so the search
            // index is rebuilt with names only and its contact columns stay empty: restore a backup taken before the
            // upgrade to go back with the data.
            migrationBuilder.DropIndex(name: "IX_ContactPoints_ValueHash_CardId", table: "ContactPoints");
            migrationBuilder.DropColumn(name: "ValueHash", table: "ContactPoints");
            migrationBuilder.CreateIndex(name: "IX_ContactPoints_Value", table: "ContactPoints", column: "Value");
            migrationBuilder.CreateIndex(name: "IX_ContactPoints_Value_CardId", table: "ContactPoints", columns: new[] { "Value", "CardId" });
            foreach (var trigger in new[] { "Cards_CardSearch_Insert", "Cards_CardSearch_Update", "Cards_CardSearch_Delete" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{trigger}\";");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS \"CardSearch\";");
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "CardSearch" USING fts5("Names", "Emails", "Phones", tokenize = 'trigram', columnsize = 0);""");
            migrationBuilder.Sql("""INSERT INTO "CardSearch" (rowid, "Names") SELECT "Number", coalesce("Name", '') || char(10) || coalesce("Company", '') FROM "Cards";""");
            migrationBuilder.Sql($"""CREATE TRIGGER "Cards_CardSearch_Insert" AFTER INSERT ON "Cards" BEGIN INSERT INTO "CardSearch" (rowid, "Names") VALUES (new."Number", {NamesOfNew}); END;""");
            migrationBuilder.Sql($"""CREATE TRIGGER "Cards_CardSearch_Update" AFTER UPDATE OF "Name", "Company" ON "Cards" BEGIN UPDATE "CardSearch" SET "Names" = {NamesOfNew} WHERE rowid = new."Number"; END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Cards_CardSearch_Delete" AFTER DELETE ON "Cards" BEGIN DELETE FROM "CardSearch" WHERE rowid = old."Number"; END;""");
        }
    }
}
