using System.Text.Json;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Webhooks;

/// <summary>Domain services over an in-memory database, with helpers to register endpoints and read the outbox.</summary>
public abstract class WebhookTest : ServiceTest
{
    protected WebhookService Webhooks => App.Services.GetRequiredService<WebhookService>();

    /// <summary>Registers an endpoint as the Admin, as the admin page does, and returns its id and secret.</summary>
    protected async Task<WebhookSecret> RegisterAsync(WebhookEvents events = WebhookEvents.All, string url = "https://receiver.example.com/hooks/cards")
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = url, Events = events });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    /// <summary>The outbox rows as stored, oldest first.</summary>
    protected async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = App.Database.CreateContext();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.CreatedAt).ThenBy(d => d.EventType).ToListAsync();
    }

    protected async Task<WebhookDelivery> DeliveryAsync(Guid id)
    {
        await using var db = App.Database.CreateContext();
        return await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    protected async Task<List<WebhookAttempt>> AttemptsAsync(Guid deliveryId)
    {
        await using var db = App.Database.CreateContext();
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Number).ToListAsync();
    }

    protected static JsonElement Json(string payload) => JsonDocument.Parse(payload).RootElement;
}
