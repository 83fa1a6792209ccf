using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Webhooks;

/// <summary>Registration of the webhook sender, its HTTP client and its background worker.</summary>
public static class WebhookSetup
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddWebhookClient();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }

    /// <summary>The named HTTP client the sender posts with; tests use it too, so that they exercise the same handler.</summary>
    public static IServiceCollection AddWebhookClient(this IServiceCollection services)
    {
        services.TryAddSingleton<WebhookHostResolver>();
        services.TryAddSingleton<WebhookDestinationConnector>();

        // Every connection goes through the destination check (ConnectCallback). No redirects: a receiver can neither
        // bounce signed events elsewhere nor steer the sender to an internal address. No proxy: the check must see the
        // receiver's own addresses. No cookies; the sender applies the timeout.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookDestinationConnector>().ConnectAsync,
            });
        return services;
    }
}
