using System.Net;

namespace Dashboard.Web.Webhooks;

/// <summary>Resolves a receiver's host name to its addresses (DNS); tests replace it to play a changing DNS.</summary>
public class WebhookHostResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}
