using Dashboard.Tests.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The app on a real Kestrel socket (a free port on localhost), so that a browser can reach it.</summary>
public sealed class KestrelDashboardFactory : DashboardWebFactory
{
    public KestrelDashboardFactory() => UseKestrel(0);

    /// <summary>Starts the server and returns the address it listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
