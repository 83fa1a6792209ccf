using Dashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditTrail",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "AuditTrail",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditTrail",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SealVersion",
                table: "AuditTrail",
                type: "INTEGER",
                nullable: true);

            // Entries written before the chain are sealed in id order with the current key, then every new entry is
            // sealed as it is inserted and sealed entries can no longer change (the functions come from AuditChainInterceptor).
            migrationBuilder.Sql(AuditChainSchema.SealExistingV1);
            migrationBuilder.Sql(AuditChainSchema.CreateSealTriggerV1);
            migrationBuilder.Sql(AuditChainSchema.CreateGuardTriggers);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditChainSchema.DropTriggers);

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditTrail");

            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "AuditTrail");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditTrail");

            migrationBuilder.DropColumn(
                name: "SealVersion",
                table: "AuditTrail");
        }
    }
}
