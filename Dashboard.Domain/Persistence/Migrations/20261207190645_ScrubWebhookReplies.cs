using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Domain.Persistence.Migrations
{
    /// <summary>
    /// The delivery log used to keep up to 200 characters of a failed receiver's reply, and exception messages that can
    /// quote what a non-HTTP server sent. Those rows keep their status code and lose the text; a failure without an
    /// answer keeps only that it failed. New rows hold our own short reason only.
    /// </summary>
    public partial class ScrubWebhookReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "WebhookAttempts" SET "Error" = 'HTTP ' || "StatusCode" WHERE "StatusCode" IS NOT NULL AND "Error" IS NOT NULL;
                UPDATE "WebhookAttempts" SET "Error" = 'The request failed before an answer.' WHERE "StatusCode" IS NULL AND "Error" IS NOT NULL AND "Error" NOT LIKE 'No answer within %';
                UPDATE "WebhookDeliveries" SET "LastError" = 'HTTP ' || "LastStatusCode" WHERE "LastStatusCode" IS NOT NULL AND "LastError" IS NOT NULL;
                UPDATE "WebhookDeliveries" SET "LastError" = 'The request failed before an answer.' WHERE "LastStatusCode" IS NULL AND "LastError" IS NOT NULL AND "LastError" NOT LIKE 'No answer within %';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The removed text is gone for good.
        }
    }
}
