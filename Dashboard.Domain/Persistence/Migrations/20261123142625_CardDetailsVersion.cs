using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CardDetailsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DetailsVersion",
                table: "Cards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing cards start from their overall version, so forms opened before the upgrade still compare correctly.
            migrationBuilder.Sql("UPDATE Cards SET DetailsVersion = Version;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailsVersion",
                table: "Cards");
        }
    }
}
