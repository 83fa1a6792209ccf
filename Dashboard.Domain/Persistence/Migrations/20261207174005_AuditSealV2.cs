using Dashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <summary>
    /// New audit entries are sealed with version 2 (every column as its stored bytes); entries already sealed keep
    /// version 1 and verify as before.
    /// </summary>
    public partial class AuditSealV2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{AuditChainSchema.SealTrigger}";""");
            migrationBuilder.Sql(AuditChainSchema.CreateSealTriggerV2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{AuditChainSchema.SealTrigger}";""");
            migrationBuilder.Sql(AuditChainSchema.CreateSealTriggerV1);
        }
    }
}
