namespace Dashboard.Web.Webhooks;

/// <summary>Registration of the webhook sender and its background worker.</summary>
public static class WebhookSetup
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        // No redirects (a receiver cannot bounce signed events elsewhere) and no cookies; the sender applies the timeout.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
