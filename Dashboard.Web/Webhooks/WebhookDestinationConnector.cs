using System.Net;
using System.Net.Sockets;
using Dashboard.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Webhooks;

/// <summary>
/// Opens every connection of the webhook HTTP client (its <see cref="SocketsHttpHandler.ConnectCallback"/>): resolves
/// the host itself, refuses unless <see cref="WebhookDestinationPolicy"/> allows every address it resolved to, and then
/// connects to exactly those addresses. Checking the addresses that are actually connected to, at each new connection,
/// is what stops a name that passed registration from resolving to an internal address later (DNS rebinding).
/// </summary>
public sealed class WebhookDestinationConnector(WebhookHostResolver resolver, IOptions<WebhookOptions> options)
{
    private readonly WebhookDestinationPolicy _policy = WebhookDestinationPolicy.From(options.Value);

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        if (_policy.CheckHost(host) is { } refused)
        {
            throw new WebhookDestinationRefusedException(refused);
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        if (_policy.CheckAddresses(host, addresses) is { } refusal)
        {
            throw new WebhookDestinationRefusedException(refusal);
        }

        SocketException? failure = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw failure ?? new SocketException((int)SocketError.HostNotFound);
    }
}

/// <summary>A connection the destination policy refused; its message is ours, short and fit for the delivery log.</summary>
public sealed class WebhookDestinationRefusedException(WebhookDestinationRefusal refusal) : IOException(refusal.DeliveryMessage)
{
    public WebhookDestinationRefusal Refusal { get; } = refusal;
}
