namespace Dashboard.Web;

/// <summary>
/// Where the app listens when nobody says: <c>http://localhost:5211</c>. It is a default, not a launch-profile setting,
/// so that <c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>ASPNETCORE_HTTP_PORTS</c> or a <c>Kestrel:Endpoints</c> section
/// always win, also under <c>dotnet run</c> (a launch profile's <c>applicationUrl</c> would silently override them).
/// </summary>
public static class ListenAddress
{
    public const string Default = "http://localhost:5211";

    /// <summary>True when the configuration already names an address or port to listen on.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();

    /// <summary>Listens on <see cref="Default"/> unless the configuration names an address.</summary>
    public static void UseDefaultWhenUnset(WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(Default);
        }
    }

    /// <summary>Logs, once the server is up, every address it listens on and how to choose another.</summary>
    public static void LogWhenListening(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(none reported)";
            app.Logger.LogInformation(
                "Customer Card Dashboard is listening on {Addresses}. Choose another address with --urls or ASPNETCORE_URLS, e.g. --urls http://0.0.0.0:8080",
                addresses);
        });
    }
}
