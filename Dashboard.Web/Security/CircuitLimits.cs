namespace Dashboard.Web.Security;

/// <summary>Blazor Server circuit and SignalR hub limits from <c>Dashboard:Circuits</c> (see <see cref="CircuitSettings"/>).</summary>
public static class CircuitLimits
{
    public static IServiceCollection AddDashboardCircuits(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(CircuitSettings.SectionName).Get<CircuitSettings>() ?? new CircuitSettings();
        services.AddServerSideBlazor()
            .AddCircuitOptions(options =>
            {
                options.DisconnectedCircuitMaxRetained = settings.DisconnectedCircuitMaxRetained;
                options.DisconnectedCircuitRetentionPeriod = settings.DisconnectedCircuitRetentionPeriod;
                options.JSInteropDefaultCallTimeout = settings.JSInteropDefaultCallTimeout;
                options.MaxBufferedUnacknowledgedRenderBatches = settings.MaxBufferedUnacknowledgedRenderBatches;
                if (environment.IsProduction())
                {
                    // Exception messages and stack traces stay in the server log, whatever DetailedErrors says.
                    options.DetailedErrors = false;
                }
            })
            .AddHubOptions(options =>
            {
                options.MaximumReceiveMessageSize = settings.MaximumReceiveMessageSize;
                options.KeepAliveInterval = settings.KeepAliveInterval;
                options.ClientTimeoutInterval = settings.ClientTimeoutInterval;
                if (environment.IsProduction())
                {
                    options.EnableDetailedErrors = false;
                }
            });
        return services;
    }
}
