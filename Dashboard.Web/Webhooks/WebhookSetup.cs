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
        // No redirects (a receiver cannot bounce signed events elsewhere) and no cookies; the sender applies the timeout.
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        return services;
    }
}
