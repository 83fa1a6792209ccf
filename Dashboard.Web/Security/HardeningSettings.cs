namespace Dashboard.Web.Security;

/// <summary>
/// Transport security in Production (<c>Dashboard:Https</c>): HTTPS redirection and HSTS. A reverse proxy that
/// terminates TLS and already redirects can switch the app's own redirect off.
/// </summary>
public sealed class HttpsSettings
{
    public const string SectionName = "Dashboard:Https";

    /// <summary>Redirect http requests to https (Production only). Off when a proxy in front does it.</summary>
    public bool Redirect { get; set; } = true;

    /// <summary>The https port redirects go to; empty means the port the server listens on (or 443 behind a proxy).</summary>
    public int? Port { get; set; }

    /// <summary>How long browsers remember to use https only. A year is the usual value once https works everywhere.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Whether HSTS covers subdomains too; off by default because the app rarely owns its parent domain.</summary>
    public bool HstsIncludeSubDomains { get; set; }
}

/// <summary>
/// Requests per minute for the rate limits (<c>Dashboard:RateLimits</c>). Each is a token bucket that starts full,
/// so a burst up to the limit passes and then requests are spread evenly over the minute.
/// </summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "Dashboard:RateLimits";

    /// <summary>REST API calls per API key (or token holder); generous for integrations, a ceiling for runaway scripts.</summary>
    public int ApiPerMinute { get; set; } = 600;

    /// <summary>Downloads under /export per signed-in user; every export reads the whole filtered list.</summary>
    public int ExportPerMinute { get; set; } = 30;

    /// <summary>
    /// Requests to the anonymous endpoints (/health, /account/*, the API document and reference) per client address.
    /// Set with an office behind one NAT address in mind; behind a reverse proxy, switch Dashboard:ForwardedHeaders on
    /// so that the address is the client's and not the proxy's.
    /// </summary>
    public int AnonymousPerMinute { get; set; } = 300;

    /// <summary>
    /// API requests answered 401 (a wrong, revoked or expired key or token) per client address; once used up, the
    /// address's API requests get 429 before any credential is checked, until the allowance refills.
    /// </summary>
    public int FailedApiAuthPerMinute { get; set; } = 30;
}

/// <summary>
/// Blazor Server circuit and hub limits (<c>Dashboard:Circuits</c>). The defaults and why:
/// <list type="bullet">
/// <item>DisconnectedCircuitMaxRetained 100 and DisconnectedCircuitRetentionPeriod 3 min: a laptop lid closed or a
/// Wi-Fi switch reconnects to the same circuit with unsaved form input intact; a retained circuit keeps its pages'
/// state (a customer list or card page, about 1-2 MB), so 100 bound that memory to a few hundred MB.</item>
/// <item>JSInteropDefaultCallTimeout 1 min: the import upload (InputFile) reads the file through JS interop in
/// chunks and each chunk must arrive within it; a minute covers a slow uplink without hanging circuits for long.</item>
/// <item>MaxBufferedUnacknowledgedRenderBatches 10: how far rendering may run ahead of a slow client before the
/// server waits; more only buys memory use per slow client.</item>
/// <item>MaximumReceiveMessageSize 64 KB (framework default 32 KB): InputFile sizes its chunks to this, so a 20 MB
/// import takes about half as many round trips; far larger would let one client make the server buffer large
/// messages.</item>
/// <item>KeepAliveInterval 15 s and ClientTimeoutInterval 30 s: the framework's pair (timeout twice the keep-alive);
/// short enough that idle proxies and load balancers do not drop the WebSocket, long enough for a busy client.</item>
/// </list>
/// </summary>
public sealed class CircuitSettings
{
    public const string SectionName = "Dashboard:Circuits";

    public int DisconnectedCircuitMaxRetained { get; set; } = 100;

    public TimeSpan DisconnectedCircuitRetentionPeriod { get; set; } = TimeSpan.FromMinutes(3);

    public TimeSpan JSInteropDefaultCallTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxBufferedUnacknowledgedRenderBatches { get; set; } = 10;

    public long MaximumReceiveMessageSize { get; set; } = 64 * 1024;

    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);
}
