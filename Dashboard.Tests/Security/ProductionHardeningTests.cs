using System.Net;
using Dashboard.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Security;

/// <summary>
/// Production: https only (redirect and HSTS, switchable for a proxy that terminates TLS), a friendly error page
/// without details, circuits without detailed errors. Development does none of the transport part.
/// </summary>
public sealed class ProductionHardeningTests
{
    private const string Secret = "connection string Password=hunter2 in a stack trace";
    private static readonly Uri Https = new("https://dashboard.example/");
    private static readonly Uri Http = new("http://dashboard.example/");

    [Fact]
    public async Task Production_OverHttps_SendsHsts()
    {
        await using var app = ProductionApp();
        using var client = Client(app, Https);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
        SecurityHeadersTests.AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Production_HstsMaxAgeIsConfigurable()
    {
        await using var app = ProductionApp().WithSetting("Dashboard:Https:HstsMaxAgeDays", "30");
        using var client = Client(app, Https);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("max-age=2592000", SecurityHeadersTests.Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_RedirectsHttpToHttps()
    {
        await using var app = ProductionApp();
        using var client = Client(app, Http);

        using var response = await client.GetAsync(new Uri("/customers?stage=Active", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://dashboard.example/customers?stage=Active"), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is for https answers only.");
    }

    [Fact]
    public async Task Production_WithRedirectOff_ServesHttp_ForAProxyThatRedirects()
    {
        await using var app = ProductionApp().WithSetting("Dashboard:Https:Redirect", "false");
        using var client = Client(app, Http);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Production_WithForwardedHeaders_TakesTheProxysHttpsForHttps()
    {
        await using var app = ProductionApp().WithSetting("Dashboard:ForwardedHeaders", "true").FromLoopback();
        using var client = Client(app, Http);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_WithoutForwardedHeaders_IgnoresXForwardedProto()
    {
        await using var app = ProductionApp().FromLoopback();
        using var client = Client(app, Http);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
    }

    [Fact]
    public async Task Production_ShowsAFriendlyErrorPage_WithoutTheExceptionsDetails()
    {
        await using var app = ProductionApp().WithServices(FailingHealthCheck);
        using var client = Client(app, Https);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong while processing your request.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        SecurityHeadersTests.AssertCommonHeaders(response);
        Assert.Contains("'sha256-", SecurityHeadersTests.Directive(SecurityHeadersTests.Csp(response), "script-src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_DoesNotRedirect_NorSendHsts_AndShowsDetails()
    {
        await using var app = new DashboardWebFactory().WithServices(FailingHealthCheck);
        using var client = Client(app, Http);

        using var ok = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        using var failed = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.False(ok.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("hunter2", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_CircuitsNeverSendDetailedErrors_AndUseTheConfiguredLimits()
    {
        await using var app = ProductionApp()
            .WithSetting("DetailedErrors", "true")
            .WithSetting("Dashboard:Circuits:DisconnectedCircuitMaxRetained", "42")
            .WithSetting("Dashboard:Circuits:DisconnectedCircuitRetentionPeriod", "00:01:30")
            .WithSetting("Dashboard:Circuits:MaximumReceiveMessageSize", "131072");

        var circuits = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        var hub = HubOptionsOfBlazor(app.Services);

        Assert.False(circuits.DetailedErrors);
        Assert.Equal(42, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(90), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), circuits.JSInteropDefaultCallTimeout);
        Assert.Equal(131072, hub.MaximumReceiveMessageSize);
        Assert.Equal(TimeSpan.FromSeconds(30), hub.ClientTimeoutInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), hub.KeepAliveInterval);
        Assert.False(hub.EnableDetailedErrors);
    }

    [Fact]
    public async Task Development_CircuitsUseTheDefaults()
    {
        await using var app = new DashboardWebFactory();

        var circuits = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        var hub = HubOptionsOfBlazor(app.Services);

        Assert.Equal(100, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(10, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.Equal(64 * 1024, hub.MaximumReceiveMessageSize);
    }

    /// <summary>Production with Entra ID (it refuses to start without), redirecting to the standard https port.</summary>
    private static DashboardWebFactory ProductionApp() =>
        EntraIdApp.Create(Environments.Production).WithSetting("Dashboard:Https:Port", "443");

    private static HttpClient Client(DashboardWebFactory app, Uri baseAddress) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = baseAddress });

    private static void FailingHealthCheck(IServiceCollection services) => services.AddSingleton<HealthCheckService, FailingHealthCheckService>();

    /// <summary>The options of Blazor's own hub (its type is internal to the framework).</summary>
    private static HubOptions HubOptionsOfBlazor(IServiceProvider services)
    {
        var hubType = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hubType));
        var options = services.GetRequiredService(optionsType);
        return (HubOptions)optionsType.GetProperty(nameof(IOptions<HubOptions>.Value))!.GetValue(options)!;
    }

    private sealed class FailingHealthCheckService : HealthCheckService
    {
        public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(Secret);
    }
}

/// <summary>Requests in the test server as if they came from a proxy on the same machine.</summary>
internal static class LoopbackClient
{
    public static DashboardWebFactory FromLoopback(this DashboardWebFactory app) =>
        app.WithServices(services => services.AddSingleton<IStartupFilter, LoopbackStartupFilter>());

    private sealed class LoopbackStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext http, RequestDelegate following) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Loopback;
                return following(http);
            });
            next(app);
        };
    }
}
