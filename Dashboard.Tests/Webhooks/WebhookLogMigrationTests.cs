using Dashboard.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Webhooks;

/// <summary>Replies that older versions kept in the delivery log are removed on upgrade; status codes and timeouts stay.</summary>
public sealed class WebhookLogMigrationTests : WebhookTest
{
    [Fact]
    public async Task TheUpgrade_RemovesKeptReplies_AndKeepsStatusCodesAndTimeouts()
    {
        await RegisterAsync();
        var queue = new WebhookDeliveryQueue(App.Database.Factory, App.Clock, Options.Create(new WebhookOptions { BackoffBase = TimeSpan.FromHours(1) }));
        var kept = new WebhookAttemptOutcome[]
        {
            new(500, "HTTP 500 Internal Server Error: <h1>INTERNAL-REPLY-7f3a</h1>", TimeSpan.FromSeconds(1)),
            new(null, "An error occurred while sending the request. (Received an invalid status line: '220 INTERNAL-BANNER ESMTP'.)", TimeSpan.FromSeconds(1)),
            new(null, "No answer within 10 s", TimeSpan.FromSeconds(10)),
        };
        foreach (var outcome in kept)
        {
            await App.CreateCardAsync(SalesEast);
            await queue.RecordAsync(Assert.Single(await queue.ClaimDueAsync()), outcome);
        }

        await using var db = App.Database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("AuditSealV2");
        await migrator.MigrateAsync();

        string[] expected = ["HTTP 500", "The request failed before an answer.", "No answer within 10 s"];
        Assert.Equal(expected, (await DeliveriesAsync()).Select(d => d.LastError));
        Assert.Equal(expected, await db.WebhookAttempts.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Error).ToListAsync());
    }
}
