using Dashboard.Domain;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web;

/// <summary>
/// Generates demo cards in the background when <c>--demo-cards N</c> (or <c>Dashboard:DemoCards</c>)
/// is given and the database has no cards yet, so the app is usable while it runs.
/// </summary>
internal sealed class DemoDataSeeder(
    IConfiguration configuration,
    DemoDataGenerator generator,
    IDbContextFactory<DashboardDbContext> dbFactory,
    ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = configuration.GetValue<int?>($"{DashboardOptions.SectionName}:DemoCards") ?? 0;
        if (count <= 0)
        {
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (await db.Cards.AnyAsync(stoppingToken))
            {
                logger.LogInformation("Demo data requested but the database already has cards; nothing generated");
                return;
            }
        }

        var progress = new Progress<int>(done => logger.LogDebug("Demo data: {Done}/{Total} cards", done, count));
        var report = await generator.GenerateAsync(count, progress: progress, ct: stoppingToken);
        logger.LogInformation("Demo data generated: {Report}", report);
    }
}
