using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// The outbox survives the app: what was saved but not yet delivered when one host stopped is delivered by the
/// next host on the same database file, including a delivery that was in flight at the stop.
/// </summary>
public sealed class WebhookRestartTests : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"dashboard-webhooks-{Guid.NewGuid():N}.db");
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AnEventSavedBeforeTheHostStopped_IsDeliveredByTheNextHost()
    {
        Guid deliveryId;
        await using (var first = Host(withSender: false))
        {
            await RegisterAsync(first);
            await CreateCardAsync(first);
            var queued = Assert.Single(await DeliveriesAsync(first));
            Assert.Equal(WebhookDeliveryStatus.Pending, queued.Status);
            deliveryId = queued.Id;
        }

        Assert.Empty(_receiver.Received);

        await using var second = Host(withSender: true);
        _ = second.Services;
        var request = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal(deliveryId.ToString(), request.Header(WebhookHeaders.Delivery));
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await WaitUntilSettledAsync(second, deliveryId)).Status);
    }

    [Fact]
    public async Task ADeliveryInFlightWhenTheHostStopped_IsSentAgainByTheNextHost()
    {
        _receiver.HangNext();
        await using (var first = Host(withSender: true))
        {
            await RegisterAsync(first);
            await CreateCardAsync(first);
            await _receiver.WaitForAsync(1);
        }

        await using var second = Host(withSender: true);
        _ = second.Services;
        var requests = await _receiver.WaitForAsync(2);
        Assert.Equal(requests[0].Header(WebhookHeaders.Delivery), requests[1].Header(WebhookHeaders.Delivery));
        Assert.Equal(requests[0].Body, requests[1].Body);
        var delivery = await WaitUntilSettledAsync(second, Guid.Parse(requests[1].Header(WebhookHeaders.Delivery)));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts));
    }

    private DashboardWebFactory Host(bool withSender)
    {
        var host = new DashboardWebFactory()
            .WithSetting("Dashboard:DatabasePath", _database)
            .WithSetting("Dashboard:Webhooks:PollInterval", "00:00:00.200")
            .WithSetting("Dashboard:Webhooks:AllowedInternalHosts:0", WebhookReceiver.Address);
        return withSender
            ? host
            : host.WithServices(services => services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(WebhookDeliveryWorker))));
    }

    private async Task RegisterAsync(DashboardWebFactory host)
    {
        var admin = await host.Services.ActorAsync("demo-admin");
        var result = await host.Services.GetRequiredService<WebhookService>().RegisterAsync(admin, new WebhookEndpointDraft { Url = _receiver.Url.ToString() });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    private static async Task<CardRef> CreateCardAsync(DashboardWebFactory host) =>
        await host.Services.CreateCardAsync(await host.Services.ActorAsync("demo-sales"), CardDraftBuilder.Individual("王小明"));

    private static async Task<List<WebhookDelivery>> DeliveriesAsync(DashboardWebFactory host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().ToListAsync();
    }

    /// <summary>The sender records the answer just after the receiver sent it; wait for that record.</summary>
    private static async Task<WebhookDelivery> WaitUntilSettledAsync(DashboardWebFactory host, Guid deliveryId)
    {
        for (var i = 0; ; i++)
        {
            var delivery = (await DeliveriesAsync(host)).Single(d => d.Id == deliveryId);
            if (delivery.Status != WebhookDeliveryStatus.Pending || i == 100)
            {
                return delivery;
            }

            await Task.Delay(100);
        }
    }
}
