using System.Net;
using System.Net.Sockets;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// Where webhooks may be posted: public addresses only, so that a registered URL cannot make the app call itself, the
/// local network or the cloud's metadata service (SSRF). Internal addresses (loopback, private, link-local,
/// unique-local, carrier-grade NAT, documentation and other special-purpose ranges) may be called only when the
/// operator lists them, or the receiver's host name, in <see cref="WebhookOptions.AllowedInternalHosts"/>.
/// Unspecified, multicast and broadcast addresses and the cloud metadata endpoints are refused even when listed.
/// IPv4 addresses written inside IPv6 (mapped, compatible, NAT64, 6to4) count as the address they embed.
/// </summary>
public sealed class WebhookDestinationPolicy
{
    public const string Unspecified = "unspecified";
    public const string Loopback = "loopback";
    public const string Private = "private";
    public const string LinkLocal = "link-local";
    public const string CloudMetadata = "cloud metadata";

    /// <summary>The setting that lists allowed internal hosts, as messages name it.</summary>
    public const string AllowListSetting = WebhookOptions.SectionName + ":" + nameof(WebhookOptions.AllowedInternalHosts);

    private const string Localhost = "localhost";

    /// <summary>The metadata services of AWS (and ECS, EKS), Google Cloud, Azure (IMDS and WireServer), OpenStack and Alibaba Cloud.</summary>
    private static readonly HashSet<IPAddress> MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.170.2"), IPAddress.Parse("169.254.170.23"),
        IPAddress.Parse("100.100.100.200"), IPAddress.Parse("168.63.129.16"),
        IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("fd00:ec2::23"),
    ];

    /// <summary>Names that always mean this machine (RFC 6761) or a metadata service, refused without asking DNS.</summary>
    private static readonly (string Name, string Range)[] SpecialNames =
    [
        (Localhost, Loopback), ("localhost.localdomain", Loopback), ("metadata.google.internal", CloudMetadata),
    ];

    /// <summary>Special-purpose ranges (IANA registries), most specific first. Ranges marked Never cannot be allowed.</summary>
    private static readonly (IPNetwork Network, string Range, bool Never)[] SpecialRanges =
    [
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast", true),
        (IPNetwork.Parse("0.0.0.0/8"), Unspecified, true),
        (IPNetwork.Parse("10.0.0.0/8"), Private, false),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)", false),
        (IPNetwork.Parse("127.0.0.0/8"), Loopback, false),
        (IPNetwork.Parse("169.254.0.0/16"), LinkLocal, false),
        (IPNetwork.Parse("172.16.0.0/12"), Private, false),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved", false),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation", false),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved", false),
        (IPNetwork.Parse("192.168.0.0/16"), Private, false),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking", false),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation", false),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation", false),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast", true),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved", true),
        (IPNetwork.Parse("::/128"), Unspecified, true),
        (IPNetwork.Parse("::1/128"), Loopback, false),
        (IPNetwork.Parse("64:ff9b:1::/48"), "reserved", false),
        (IPNetwork.Parse("100::/64"), "reserved", false),
        (IPNetwork.Parse("2001::/23"), "reserved", false),
        (IPNetwork.Parse("2001:db8::/32"), "documentation", false),
        (IPNetwork.Parse("3fff::/20"), "documentation", false),
        (IPNetwork.Parse("fc00::/7"), "unique-local", false),
        (IPNetwork.Parse("fe80::/10"), LinkLocal, false),
        (IPNetwork.Parse("fec0::/10"), "site-local", false),
        (IPNetwork.Parse("ff00::/8"), "multicast", true),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");

    private readonly List<IPNetwork> _allowedNetworks = [];
    private readonly HashSet<string> _allowedNames = new(StringComparer.Ordinal);

    /// <param name="allowedInternalHosts">IP addresses, CIDR ranges and host names that may be called though internal.</param>
    public WebhookDestinationPolicy(IEnumerable<string>? allowedInternalHosts)
    {
        foreach (var entry in allowedInternalHosts ?? [])
        {
            switch (ParseEntry(entry))
            {
                case IPNetwork network:
                    _allowedNetworks.Add(network);
                    break;
                case string name:
                    _allowedNames.Add(name);
                    break;
            }
        }
    }

    public static WebhookDestinationPolicy From(WebhookOptions options) => new(options.AllowedInternalHosts);

    /// <summary>The entries of an allow-list that are neither an IP address, a CIDR range nor a host name.</summary>
    public static IReadOnlyList<string> InvalidEntries(IEnumerable<string>? allowedInternalHosts) =>
        (allowedInternalHosts ?? []).Where(e => ParseEntry(e) is null).ToList();

    /// <summary>The special-purpose range an address is in ("loopback", "private", ...), or null for a public address.</summary>
    public static string? RangeOf(IPAddress address) => Classify(address)?.Range;

    /// <summary>
    /// The check of a URL's host as written, without asking DNS (registration, and again before each connection):
    /// refuses a literal address in an internal range, in any of the forms .NET accepts, and names such as localhost.
    /// Any other name passes here; the addresses it resolves to are checked when a delivery connects.
    /// </summary>
    public WebhookDestinationRefusal? CheckHost(string host)
    {
        var name = Normalise(host);
        if (IPAddress.TryParse(name, out var address))
        {
            return CheckAddress(name, address, resolved: false);
        }

        var (special, range) = SpecialNames.FirstOrDefault(n => name == n.Name || (n.Name == Localhost && name.EndsWith("." + Localhost, StringComparison.Ordinal)));
        var never = range == CloudMetadata;
        if (special is not null && (never || !_allowedNames.Contains(name)))
        {
            return new WebhookDestinationRefusal(name, range, CanBeAllowed: !never, Resolved: false);
        }

        return null;
    }

    /// <summary>
    /// The check at connection time: every address the host resolved to must be allowed, or none is called. A listed
    /// host name may resolve to internal addresses; the addresses that can never be allowed stay refused.
    /// </summary>
    public WebhookDestinationRefusal? CheckAddresses(string host, IReadOnlyCollection<IPAddress> addresses)
    {
        var name = Normalise(host);
        foreach (var address in addresses)
        {
            if (CheckAddress(name, address, resolved: !IPAddress.TryParse(name, out _)) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private WebhookDestinationRefusal? CheckAddress(string host, IPAddress address, bool resolved)
    {
        if (Classify(address) is not { } special)
        {
            return null;
        }

        var allowed = !special.Never && (_allowedNames.Contains(host) || _allowedNetworks.Any(n => n.Contains(Embedded(address) ?? address) || n.Contains(address)));
        return allowed ? null : new WebhookDestinationRefusal(host, special.Range, CanBeAllowed: !special.Never, resolved);
    }

    private static (string Range, bool Never)? Classify(IPAddress address)
    {
        if (MetadataAddresses.Contains(WithoutScope(address)) || (Embedded(address) is { } v4 && MetadataAddresses.Contains(v4)))
        {
            return (CloudMetadata, true);
        }

        if (Embedded(address) is { } embedded)
        {
            // An IPv4-compatible address (::a.b.c.d) is deprecated: refused even when what it embeds is public.
            return Classify(embedded) ?? (Ipv4Compatible.Contains(address) ? ("reserved", false) : null);
        }

        foreach (var (network, range, never) in SpecialRanges)
        {
            if (network.Contains(address))
            {
                return (range, never);
            }
        }

        return null;
    }

    /// <summary>The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.</summary>
    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var isUnspecifiedOrLoopback = bytes.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0 && bytes[15] <= 1;
        if (Nat64.Contains(address) || (Ipv4Compatible.Contains(address) && !isUnspecifiedOrLoopback))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;

    /// <summary>A host as compared: lower case, without IPv6 brackets, zone id or the root's trailing dot.</summary>
    private static string Normalise(string host)
    {
        var name = host.Trim().TrimStart('[');
        var end = name.IndexOfAny([']', '%']);
        name = end >= 0 ? name[..end] : name;
        return name.TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>An allow-list entry as an <see cref="IPNetwork"/> or a normalised host name; null when it is neither.</summary>
    private static object? ParseEntry(string? entry)
    {
        var text = entry?.Trim() ?? string.Empty;
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out var network) ? network : null;
        }

        if (IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            return new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }

        var name = Normalise(text);
        return name.Length > 0 && Uri.CheckHostName(name) == UriHostNameType.Dns ? name : null;
    }
}

/// <summary>Why a webhook destination is refused: the host, the range its address is in, and whether the operator could allow it.</summary>
/// <param name="Resolved">True when the address came from resolving the host name at delivery.</param>
public sealed record WebhookDestinationRefusal(string Host, string Range, bool CanBeAllowed, bool Resolved)
{
    /// <summary>For the URL field at registration.</summary>
    public string RegistrationMessage =>
        $"This URL points to {Article} {Range} address, which webhooks may not call. " +
        (CanBeAllowed
            ? $"Use a public address, or ask the operator to list the receiver in {WebhookDestinationPolicy.AllowListSetting}."
            : "Use a public address.");

    /// <summary>For the delivery log: short, and only about our own decision.</summary>
    public string DeliveryMessage =>
        $"Refused: {Host} {(Resolved ? "resolves to" : "is")} {Article} {Range} address" +
        (CanBeAllowed ? $", not listed in {WebhookDestinationPolicy.AllowListSetting}." : ", which is never called.");

    private string Article => Range.Length > 0 && "aeiou".Contains(Range[0], StringComparison.Ordinal) ? "an" : "a";
}
