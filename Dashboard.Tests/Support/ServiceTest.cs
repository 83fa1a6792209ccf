using Dashboard.Domain.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>Base for tests that drive the domain services: a fresh database and clock per test.</summary>
public abstract class ServiceTest : IAsyncLifetime
{
    private TestDashboard? _app;

    protected TestDashboard App => _app ?? throw new InvalidOperationException("The test has not started.");

    protected Actors Actors => App.Actors;

    protected Actor SalesEast => Actors.SalesEast;

    public virtual async Task InitializeAsync() => _app = await TestDashboard.StartAsync(configure: ConfigureServices);

    /// <summary>Changes the services (settings, mostly) before the test's dashboard starts.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
